package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.benchmarks.fixtures.OneTestCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time of several experiments in JUnit's parallel execution against one alone. Each class runs
 * once to warm up (and teach the extension its templates' timings), then {@code rounds} times
 * alternating with {@link OneTestCase}; the figure is the median of the per-round ratios.
 */
final class ParallelRuns {
  private final ExtensionRuns runs;
  private final Map<String, String> parameters;

  ParallelRuns(ExtensionRuns runs, Map<String, String> emulatorParameters) {
    this.runs = runs;
    this.parameters = parallel(emulatorParameters);
  }

  /** The parameters with JUnit's parallel execution on: every test concurrent, 16 threads. */
  static Map<String, String> parallel(Map<String, String> emulatorParameters) {
    Map<String, String> parallel = new HashMap<>(emulatorParameters);
    parallel.put("junit.jupiter.execution.parallel.enabled", "true");
    parallel.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
    parallel.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parallel.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "16");
    parallel.put("junit.jupiter.execution.parallel.config.fixed.max-pool-size", "32");
    return Map.copyOf(parallel);
  }

  List<Double> wallRatios(Class<?> testClass, int rounds) {
    runs.run(testClass, parameters);
    runs.run(OneTestCase.class, parameters);
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long one = runs.run(OneTestCase.class, parameters).wallNanos();
      long many = runs.run(testClass, parameters).wallNanos();
      ratios.add((double) many / one);
    }
    return ratios;
  }
}
