package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The fault was not confirmed injected within the injection timeout; the experiment has been asked
 * to stop (failures doing so are attached as suppressed exceptions).
 */
@API(status = STABLE, since = "0.1")
public class InjectionTimeoutException extends FaultExperimentException {
  private final String experimentId;
  private final Duration waited;
  private final int polls;
  private final String lastState;

  /**
   * Creates the exception.
   *
   * @param template the template reference
   * @param experimentId the service's experiment id
   * @param waited how long the extension waited
   * @param polls how many times it asked the service
   * @param lastState the last state seen, with its actions
   */
  public InjectionTimeoutException(
      String template, String experimentId, Duration waited, int polls, String lastState) {
    super(
        "Experiment "
            + experimentId
            + " from template '"
            + template
            + "' was not injected within "
            + waited
            + " ("
            + polls
            + " polls); last state: "
            + lastState
            + ". The experiment was stopped. Raise @FaultExperiment(injectionTimeout) or "
            + FaultExperimentProperties.INJECTION_TIMEOUT
            + " if the template needs longer.");
    this.experimentId = experimentId;
    this.waited = waited;
    this.polls = polls;
    this.lastState = lastState;
  }

  /** The service's experiment id. */
  public String experimentId() {
    return experimentId;
  }

  /** How long the extension waited. */
  public Duration waited() {
    return waited;
  }

  /** How many times the extension asked the service. */
  public int polls() {
    return polls;
  }

  /** The last state seen. */
  public String lastState() {
    return lastState;
  }
}
