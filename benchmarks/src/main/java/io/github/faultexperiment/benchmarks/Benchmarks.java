package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.benchmarks.fixtures.Parallel5TestCase;
import io.github.faultexperiment.benchmarks.fixtures.Queued16TestCase;
import io.github.faultexperiment.benchmarks.fixtures.SequentialTestCase;
import io.github.faultexperiment.benchmarks.fixtures.WarmUpTestCase;
import java.time.Duration;
import java.util.List;

/**
 * Runs every benchmark of issue 9 against one embedded emulator (initiating → running 2 s, stopping
 * → stopped 1 s) and prints one {@code name value} line per figure; lines starting with {@code #}
 * give the distributions behind them. Run with {@code mvn -B -Pbench -pl benchmarks -am verify
 * -DskipTests}.
 */
public final class Benchmarks {
  private static final int CLI_RUNS = 6;
  private static final int AWAITILITY_RUNS = 12;

  private Benchmarks() {}

  /**
   * Runs the benchmarks.
   *
   * @param args none
   * @throws Exception when a contender fails
   */
  public static void main(String[] args) throws Exception {
    Stats.keepStandardOutputForFigures();
    // first thing in the JVM, so the first start is a cold one
    List<Double> starts = EmulatorBenchmark.startMillis(10);
    Stats.note("emulator start ms (first = cold JVM) " + Stats.summary(starts));
    try (BenchEmulator emulator = new BenchEmulator()) {
      ExtensionRuns runs = new ExtensionRuns();
      var parameters = emulator.extensionParameters();

      emulator.resetCounters();
      var warmUp = runs.run(WarmUpTestCase.class, parameters);
      Stats.note(
          "extension warm-up (first experiments of the JVM, unlearned) overhead ms "
              + Stats.summary(warmUp.overheadsMillis()));
      emulator.resetCounters();
      ExtensionRuns.Run sequential;
      long peak;
      try (GetRateSampler sampler = new GetRateSampler(emulator::getExperimentRequests)) {
        sequential = runs.run(SequentialTestCase.class, parameters);
        peak = sampler.peakPerSecond();
      }
      double extensionCalls = (double) emulator.requests() / SequentialTestCase.EXPERIMENTS;
      Stats.note(
          "extension overhead ms "
              + Stats.summary(sequential.overheadsMillis())
              + " requests "
              + emulator.requestCounts());
      double overhead = Stats.median(sequential.overheadsMillis());

      AwaitilityBaseline.Result awaitility = new AwaitilityBaseline(emulator).run(AWAITILITY_RUNS);
      Stats.note("awaitility overhead ms " + Stats.summary(awaitility.overheadsMillis()));
      double awaitilityOverhead = Stats.median(awaitility.overheadsMillis());

      double cliOverhead = Double.NaN;
      double cliCalls = Double.NaN;
      if (CliLoopBaseline.available()) {
        AwaitilityBaseline.Result cli = new CliLoopBaseline(emulator).run(CLI_RUNS);
        Stats.note(
            "cli loop overhead ms (" + CLI_RUNS + " runs) " + Stats.summary(cli.overheadsMillis()));
        cliOverhead = Stats.median(cli.overheadsMillis());
        cliCalls = cli.callsPerExperiment();
      } else {
        Stats.note("the AWS CLI is not installed: no cli figures");
      }

      Stats.print("overhead_ms_median", overhead);
      Stats.print("cli_loop_overhead_ms_median", cliOverhead);
      Stats.print("awaitility_1s_overhead_ms_median", awaitilityOverhead);
      Stats.print("ratio_cli_over_extension", cliOverhead / overhead);
      Stats.print("ratio_awaitility_over_extension", awaitilityOverhead / overhead);
      Stats.print("api_calls_per_experiment", extensionCalls);
      Stats.print("cli_api_calls_per_experiment", cliCalls);
      Stats.print("awaitility_api_calls_per_experiment", awaitility.callsPerExperiment());
      Stats.print("peak_get_calls_per_s_per_experiment", peak);

      List<Double> unannotated = new UnannotatedRuns(runs).ratios(3, 10);
      Stats.note("unannotated ratios " + ratios(unannotated));
      Stats.print("unannotated_overhead_ratio", Stats.median(unannotated));

      ParallelRuns parallel = new ParallelRuns(runs, parameters);
      List<Double> parallel5 = parallel.wallRatios(Parallel5TestCase.class, 3);
      Stats.note("parallel5 ratios " + ratios(parallel5));
      Stats.print("parallel5_wall_ratio", Stats.median(parallel5));
      try {
        List<Double> queued16 = parallel.wallRatios(Queued16TestCase.class, 2);
        Stats.note("queued16 ratios " + ratios(queued16));
        Stats.print("queued16_wall_ratio", Stats.median(queued16));
      } catch (IllegalStateException failed) {
        Stats.note("queued16 failed: " + failed.getMessage().lines().findFirst().orElse(""));
        Stats.print("queued16_wall_ratio", Double.NaN);
      }

      for (int threads : new int[] {1, 2, 4}) {
        Stats.note(
            threads
                + " client threads: "
                + Stats.format(
                    EmulatorBenchmark.getExperimentPerSecond(
                        emulator, threads, Duration.ofSeconds(3)))
                + " GetExperiment/s");
      }
      Stats.print(
          "emulator_get_experiment_per_s",
          EmulatorBenchmark.getExperimentPerSecond(emulator, 4, Duration.ofSeconds(5)));
      Stats.print("emulator_start_ms", starts.get(0));
    }
  }

  private static String ratios(List<Double> ratios) {
    return ratios.stream().map(Stats::format).toList().toString();
  }
}
