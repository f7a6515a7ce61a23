package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.benchmarks.fixtures.SequentialTestCase;
import io.github.faultexperiment.benchmarks.fixtures.WarmUpTestCase;

/**
 * Entry point: runs every benchmark of issue 9 and prints one {@code name value} line per figure.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    var starts = EmulatorBenchmark.startMillis(10);
    Stats.note("emulator start ms " + Stats.summary(starts));
    try (BenchEmulator emulator = new BenchEmulator()) {
      if (args.length > 0 && args[0].equals("emulator")) {
        for (int threads : new int[] {1, 2, 4, 8}) {
          Stats.note(
              threads
                  + " threads: "
                  + EmulatorBenchmark.getExperimentPerSecond(
                      emulator, threads, java.time.Duration.ofSeconds(3))
                  + " GetExperiment/s");
        }
        return;
      }
      ExtensionRuns runs = new ExtensionRuns();
      var params = emulator.extensionParameters();
      emulator.resetCounters();
      var warm = runs.run(WarmUpTestCase.class, params);
      Stats.note(
          "warm-up overheads ms "
              + Stats.summary(warm.overheadsMillis())
              + " calls "
              + emulator.requestCounts());
      emulator.resetCounters();
      ExtensionRuns.Run seq;
      long peak;
      try (GetRateSampler sampler = new GetRateSampler(emulator::getExperimentRequests)) {
        seq = runs.run(SequentialTestCase.class, params);
        peak = sampler.peakPerSecond();
      }
      Stats.note(
          "extension overheads ms "
              + Stats.summary(seq.overheadsMillis())
              + " calls "
              + emulator.requestCounts());
      Stats.print("overhead_ms_median", Stats.median(seq.overheadsMillis()));
      Stats.print(
          "api_calls_per_experiment",
          (double) emulator.requests() / SequentialTestCase.EXPERIMENTS);
      Stats.print("peak_get_calls_per_s_per_experiment", peak);
      AwaitilityBaseline.Result awaitility = new AwaitilityBaseline(emulator).run(6);
      Stats.note("awaitility overheads ms " + Stats.summary(awaitility.overheadsMillis()));
      Stats.print("awaitility_1s_overhead_ms_median", Stats.median(awaitility.overheadsMillis()));
      Stats.print("awaitility_api_calls_per_experiment", awaitility.callsPerExperiment());
    }
  }
}
