package io.github.faultexperiment.benchmarks;

/**
 * Only the first-experiment figure, for working on it: {@code -Dbench.main=} this class (about a
 * minute).
 */
public final class FirstExperimentBenchmark {
  private FirstExperimentBenchmark() {}

  /**
   * Prints {@code first_experiment_overhead_ms} and {@code
   * first_experiment_empty_class_overhead_ms}.
   *
   * @param args none
   * @throws Exception when a fresh JVM fails
   */
  public static void main(String[] args) throws Exception {
    Stats.keepStandardOutputForFigures();
    try (BenchEmulator emulator = new BenchEmulator()) {
      FirstExperiment.printFigures(emulator, 5);
    }
  }
}
