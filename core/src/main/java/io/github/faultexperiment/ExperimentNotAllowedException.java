package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The service does not allow a fault experiment now — e.g. an AWS FIS safety lever is engaged, or a
 * Fault Testing exclusion window is active — so nothing was started. The message names what blocks
 * it, until when if known, and what the user can do.
 *
 * <p>By default the test is then <em>aborted</em> (reported like a failed assumption, with this
 * exception as the cause): the system under test was not at fault, the service said "not now".
 * Where a skipped chaos test must not pass silently, the provider's setting makes it a failure
 * instead ({@link #abortsTest()} is then {@code false}, and this exception fails the test).
 */
@API(status = STABLE, since = "0.1")
public class ExperimentNotAllowedException extends FaultExperimentException {
  private final boolean abortsTest;

  /**
   * Creates the exception.
   *
   * @param message what blocks the experiment, until when, and what the user can do
   * @param abortsTest whether the test is aborted ({@code true}) or fails ({@code false})
   */
  public ExperimentNotAllowedException(String message, boolean abortsTest) {
    super(message);
    this.abortsTest = abortsTest;
  }

  /**
   * Creates the exception.
   *
   * @param message what blocks the experiment, until when, and what the user can do
   * @param abortsTest whether the test is aborted ({@code true}) or fails ({@code false})
   * @param cause the service's refusal, when one came
   */
  public ExperimentNotAllowedException(String message, boolean abortsTest, Throwable cause) {
    super(message, cause);
    this.abortsTest = abortsTest;
  }

  /** Whether the test is aborted (the default) rather than failed. */
  public boolean abortsTest() {
    return abortsTest;
  }
}
