package io.github.faultexperiment.benchmarks;

import java.util.List;

/**
 * Only the first-experiment figure, for working on it: {@code -Dbench.main=} this class (about 30
 * s).
 */
public final class FirstExperimentBenchmark {
  private FirstExperimentBenchmark() {}

  /**
   * Prints {@code first_experiment_overhead_ms}.
   *
   * @param args none
   * @throws Exception when a fresh JVM fails
   */
  public static void main(String[] args) throws Exception {
    Stats.keepStandardOutputForFigures();
    try (BenchEmulator emulator = new BenchEmulator()) {
      List<Double> firsts = FirstExperiment.overheadsMillis(emulator, 5);
      Stats.note("first experiment of a fresh JVM, overhead ms " + Stats.summary(firsts));
      Stats.print("first_experiment_overhead_ms", Stats.median(firsts));
    }
  }
}
