package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.benchmarks.fixtures.SequentialTestCase;
import io.github.faultexperiment.benchmarks.fixtures.WarmUpTestCase;

/**
 * Only the poll-budget figure of {@link Benchmarks}, for {@code -Dbench.main}: the same warm-up and
 * the same 24 sequential experiments, GetExperiment calls counted per experiment and, for
 * comparison, across experiments.
 */
public final class GetRateBenchmark {
  private GetRateBenchmark() {}

  /**
   * Runs the figure.
   *
   * @param args none
   */
  public static void main(String[] args) {
    Stats.keepStandardOutputForFigures();
    try (BenchEmulator emulator = new BenchEmulator()) {
      ExtensionRuns runs = new ExtensionRuns();
      var parameters = emulator.extensionParameters();
      runs.run(WarmUpTestCase.class, parameters);
      emulator.resetCounters();
      try (GetRateSampler sampler =
          new GetRateSampler(emulator::getExperimentRequests, emulator::startExperimentRequests)) {
        runs.run(SequentialTestCase.class, parameters);
        Stats.note(
            "GetExperiment calls in any one second, whichever experiments made them: "
                + sampler.peakPerSecondAcrossExperiments());
        Stats.note("requests " + emulator.requestCounts());
        Stats.print("peak_get_calls_per_s_per_experiment", sampler.peakPerSecondPerExperiment());
      }
    }
  }
}
