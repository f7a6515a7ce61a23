package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.benchmarks.fixtures.TrivialTestCase;
import io.github.faultexperiment.benchmarks.fixtures.TrivialWithExtensionTestCase;
import io.github.faultexperiment.benchmarks.fixtures.TrivialWithNoOpExtensionTestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 5,000 trivial tests with the extension registered on each of them, the same tests without it, and
 * the same tests with a do-nothing extension implementing the same callback interfaces (the
 * control: JUnit's own cost of dispatching to a registered extension). Warm-up rounds first, then
 * rounds that run the three in rotating order (cancelling the drift of a shared machine's load),
 * each run after a garbage collection so that no run pays for another's garbage. The figures are
 * ratios of the fastest runs: on a shared machine interference only ever adds time, so the fastest
 * run is the best estimate of the cost itself, where per-round ratios spread over ±30 %.
 */
final class UnannotatedRuns {
  private static final List<Class<?>> FIXTURES =
      List.of(
          TrivialWithExtensionTestCase.class,
          TrivialTestCase.class,
          TrivialWithNoOpExtensionTestCase.class);

  private final ExtensionRuns runs;

  UnannotatedRuns(ExtensionRuns runs) {
    this.runs = runs;
  }

  /**
   * The fastest run of each fixture, and each round's ratio with / without the extension.
   *
   * @param withNanos with the extension
   * @param withoutNanos with no extension
   * @param noOpNanos with the do-nothing extension
   * @param roundRatios each round's ratio with / without, in order
   */
  record Result(long withNanos, long withoutNanos, long noOpNanos, List<Double> roundRatios) {
    /** The extension against no extension: the figure. */
    double ratio() {
      return (double) withNanos / withoutNanos;
    }

    /** The extension against a do-nothing extension: what the extension's own code costs. */
    double ratioOverNoOp() {
      return (double) withNanos / noOpNanos;
    }

    /** A do-nothing extension against no extension: what JUnit's dispatch costs. */
    double noOpRatio() {
      return (double) noOpNanos / withoutNanos;
    }
  }

  Result run(int warmUps, int rounds) {
    for (int i = 0; i < warmUps; i++) {
      FIXTURES.forEach(this::wallNanos);
    }
    long[] fastest = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    List<Double> roundRatios = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      long[] nanos = new long[FIXTURES.size()];
      for (int k = 0; k < FIXTURES.size(); k++) {
        int fixture = (round + k) % FIXTURES.size();
        nanos[fixture] = wallNanos(FIXTURES.get(fixture));
        fastest[fixture] = Math.min(fastest[fixture], nanos[fixture]);
      }
      roundRatios.add((double) nanos[0] / nanos[1]);
    }
    return new Result(fastest[0], fastest[1], fastest[2], List.copyOf(roundRatios));
  }

  private long wallNanos(Class<?> fixture) {
    System.gc();
    return runs.run(fixture, Map.of()).wallNanos();
  }
}
