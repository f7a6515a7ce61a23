package io.github.faultexperiment;

/** Runs what the JVM shutdown hook runs, for tests that must see it without ending their JVM. */
public final class ShutdownHook {
  private ShutdownHook() {}

  /** Stops every experiment this JVM started and has not seen end, like the hook. */
  public static void runNow() {
    LiveExperiments.stopAll();
  }

  /** How many experiments this JVM started and has not seen end. */
  public static int live() {
    return LiveExperiments.live().size();
  }
}
