package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * An experiment failed, was cancelled, or ended before its fault was injected or while the test
 * body ran (unless {@link FaultExperiment#allowEarlyEnd()}).
 */
@API(status = STABLE, since = "0.1")
public class ExperimentFailedException extends FaultExperimentException {
  private final String template;
  private final String experimentId;
  private final String state;
  private final String reason;
  private final String error;

  /**
   * Creates the exception; the message is built from the parts.
   *
   * @param what what happened, e.g. "ended before its fault was injected"
   * @param template the template reference
   * @param experimentId the service's experiment id
   * @param state the service's state word
   * @param reason the service's reason, or empty
   * @param error the service's error, or empty
   */
  public ExperimentFailedException(
      String what,
      String template,
      String experimentId,
      String state,
      String reason,
      String error) {
    super(
        "Experiment "
            + experimentId
            + " from template '"
            + template
            + "' "
            + what
            + ": state "
            + state
            + (reason.isBlank() ? "" : ", reason: " + reason)
            + (error.isBlank() ? "" : ", error: " + error));
    this.template = template;
    this.experimentId = experimentId;
    this.state = state;
    this.reason = reason;
    this.error = error;
  }

  /** The template reference as the annotation gave it. */
  public String template() {
    return template;
  }

  /** The service's experiment id. */
  public String experimentId() {
    return experimentId;
  }

  /** The service's state word when the failure was seen. */
  public String state() {
    return state;
  }

  /** The service's reason, or empty. */
  public String reason() {
    return reason;
  }

  /** The service's error, or empty. */
  public String error() {
    return error;
  }
}
