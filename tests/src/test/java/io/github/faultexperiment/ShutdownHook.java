package io.github.faultexperiment;

import java.time.Duration;
import java.util.Collection;

/** Runs what the JVM shutdown hook runs, for tests that must see it without ending their JVM. */
public final class ShutdownHook {
  private ShutdownHook() {}

  /** Stops every experiment this JVM started and has not seen end, like the hook. */
  public static void runNow() {
    LiveExperiments.stopAll();
  }

  /**
   * Stops, as the hook would, the live experiments of these ids only: one test class's, while other
   * classes' run in this JVM at the same time.
   */
  public static void runNow(Collection<String> experimentIds) {
    LiveExperiments.live().stream()
        .filter(run -> experimentIds.contains(run.experimentId()))
        .forEach(run -> run.stopAtShutdown(Duration.ofSeconds(10)));
  }

  /** How many experiments this JVM started and has not seen end. */
  public static int live() {
    return LiveExperiments.live().size();
  }
}
