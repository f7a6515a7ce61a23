package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The {@link SteadyState} checks did not pass again within the recovery timeout after the
 * experiment had ended; the cause is the checks' last failure.
 */
@API(status = STABLE, since = "0.1")
public class RecoveryTimeoutException extends FaultExperimentException {
  private final Duration waited;
  private final int attempts;

  /**
   * Creates the exception.
   *
   * @param experiments the experiments that had ended, e.g. "experiment EXP… from template 'x'"
   * @param checks the names of the checks
   * @param timeout the recovery timeout
   * @param waited how long the extension retried
   * @param attempts how many times it ran the checks
   * @param lastFailure what the checks threw last
   */
  public RecoveryTimeoutException(
      String experiments,
      String checks,
      Duration timeout,
      Duration waited,
      int attempts,
      Throwable lastFailure) {
    super(
        "The system did not return to its steady state ("
            + checks
            + ") within the recovery timeout "
            + timeout
            + " after "
            + experiments
            + " ended: awaited recovery for "
            + waited.toMillis()
            + " ms ("
            + attempts
            + " checks); last failure: "
            + lastFailure
            + ". Raise @FaultExperiment(recoveryTimeout), FaultInjection.builder().recoveryTimeout(…)"
            + " or "
            + FaultExperimentProperties.RECOVERY_TIMEOUT
            + " if the system needs longer to recover.",
        lastFailure);
    this.waited = waited;
    this.attempts = attempts;
  }

  /** How long the extension retried the checks. */
  public Duration waited() {
    return waited;
  }

  /** How many times the extension ran the checks. */
  public int attempts() {
    return attempts;
  }
}
