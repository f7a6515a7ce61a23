package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.benchmarks.fixtures.TrivialTestCase;
import io.github.faultexperiment.benchmarks.fixtures.TrivialWithExtensionTestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 5,000 trivial tests with the extension registered on each of them against the same tests without
 * it: warm-up rounds first, then alternating rounds; the figure is the median of the per-round
 * ratios (alternation cancels the drift of a shared machine's load).
 */
final class UnannotatedRuns {
  private final ExtensionRuns runs;

  UnannotatedRuns(ExtensionRuns runs) {
    this.runs = runs;
  }

  List<Double> ratios(int warmUps, int rounds) {
    Map<String, String> none = Map.of();
    for (int i = 0; i < warmUps; i++) {
      runs.run(TrivialTestCase.class, none);
      runs.run(TrivialWithExtensionTestCase.class, none);
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      boolean withFirst = i % 2 == 0;
      long with = 0;
      long without = 0;
      if (withFirst) {
        with = runs.run(TrivialWithExtensionTestCase.class, none).wallNanos();
      }
      without = runs.run(TrivialTestCase.class, none).wallNanos();
      if (!withFirst) {
        with = runs.run(TrivialWithExtensionTestCase.class, none).wallNanos();
      }
      ratios.add((double) with / without);
    }
    return ratios;
  }
}
