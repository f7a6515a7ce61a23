package io.github.faultexperiment.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs fixture classes through the JUnit Platform launcher — the real extension, as Surefire would
 * run it — and times each test from the engine's start event to its finish event.
 */
final class ExtensionRuns {
  private final Launcher launcher = LauncherFactory.create();

  /** A test's wall time beyond the emulator's own (issue 9) transitions, in milliseconds. */
  static double overheadMillis(long elapsedNanos) {
    return overheadMillis(elapsedNanos, BenchEmulator.TRANSITIONS);
  }

  /** A test's wall time beyond the given transitions, in milliseconds. */
  static double overheadMillis(long elapsedNanos, Duration transitions) {
    return (elapsedNanos - transitions.toNanos()) / 1e6;
  }

  /** Runs one class; fails loudly if any test failed. */
  Run run(Class<?> testClass, Map<String, String> parameters) {
    Timing timing = new Timing();
    long begin = System.nanoTime();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testClass))
            .configurationParameters(parameters)
            .build(),
        timing);
    long wall = System.nanoTime() - begin;
    if (!timing.failures.isEmpty()) {
      throw new IllegalStateException(
          testClass.getSimpleName() + " had failures: " + timing.failures, timing.failures.get(0));
    }
    return new Run(wall, List.copyOf(timing.testNanos), Map.copyOf(timing.windows));
  }

  /**
   * @param wallNanos the launcher's whole execution, discovery included
   * @param testNanos each test's own duration, in finishing order
   * @param windows when each test started and finished on the wall clock (the clock of the reports'
   *     timelines), by display name
   */
  record Run(long wallNanos, List<Long> testNanos, Map<String, Window> windows) {
    List<Double> overheadsMillis() {
      return overheadsMillis(BenchEmulator.TRANSITIONS);
    }

    List<Double> overheadsMillis(Duration transitions) {
      return testNanos.stream().map(nanos -> overheadMillis(nanos, transitions)).toList();
    }
  }

  /** When one test started and finished, on the wall clock. */
  record Window(Instant started, Instant finished) {}

  private static final class Timing implements TestExecutionListener {
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final List<Long> testNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void executionStarted(TestIdentifier test) {
      if (test.isTest()) {
        startedAt.put(test.getUniqueId(), Instant.now());
        started.put(test.getUniqueId(), System.nanoTime());
      }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (test.isTest()) {
        testNanos.add(System.nanoTime() - started.get(test.getUniqueId()));
        windows.put(
            test.getDisplayName(), new Window(startedAt.get(test.getUniqueId()), Instant.now()));
      }
      result
          .getThrowable()
          .ifPresent(
              failure ->
                  failures.add(
                      new IllegalStateException(test.getDisplayName() + ": " + failure, failure)));
    }
  }
}
