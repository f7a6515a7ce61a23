package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.benchmarks.fixtures.SequentialTestCase;
import io.github.faultexperiment.benchmarks.fixtures.WarmUpTestCase;

/**
 * Only the per-experiment figures, for working on them: {@code -Dbench.main=} this class (about two
 * minutes). The same warm-up and measured experiments as the full run.
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  /**
   * Prints {@code overhead_ms_median}, {@code api_calls_per_experiment} and {@code
   * peak_get_calls_per_s_per_experiment}.
   *
   * @param args none
   * @throws Exception when an experiment fails
   */
  public static void main(String[] args) throws Exception {
    Stats.keepStandardOutputForFigures();
    try (BenchEmulator emulator = new BenchEmulator()) {
      ExtensionRuns runs = new ExtensionRuns();
      var parameters = emulator.extensionParameters();
      runs.run(WarmUpTestCase.class, parameters);
      emulator.resetCounters();
      ExtensionRuns.Run sequential;
      long peak;
      try (GetRateSampler sampler =
          new GetRateSampler(emulator::getExperimentRequests, emulator::startExperimentRequests)) {
        sequential = runs.run(SequentialTestCase.class, parameters);
        peak = sampler.peakPerSecondPerExperiment();
      }
      Stats.note(
          "extension overhead ms "
              + Stats.summary(sequential.overheadsMillis())
              + " requests "
              + emulator.requestCounts());
      Stats.print("overhead_ms_median", Stats.median(sequential.overheadsMillis()));
      Stats.print(
          "api_calls_per_experiment",
          (double) emulator.requests() / SequentialTestCase.EXPERIMENTS);
      Stats.print("peak_get_calls_per_s_per_experiment", peak);
    }
  }
}
