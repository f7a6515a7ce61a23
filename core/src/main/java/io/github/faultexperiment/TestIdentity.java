package io.github.faultexperiment;

import java.util.UUID;

/**
 * Who starts an experiment: the JVM run and the test. Not public API.
 *
 * @param testId the JUnit unique id of the test or test class
 * @param displayName "Class.method" (or "Class" for a class-level experiment)
 */
record TestIdentity(String testId, String displayName) {
  /** One id per JVM, tagged on every experiment as {@code faultexperiment:run}. */
  public static final String RUN_ID = "run-" + UUID.randomUUID();
}
