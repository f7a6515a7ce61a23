package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The root of every exception this extension throws: unchecked, with a message that says what went
 * wrong and what to do about it.
 */
@API(status = STABLE, since = "0.1")
public class FaultExperimentException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public FaultExperimentException(String message) {
    super(message);
  }

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public FaultExperimentException(String message, Throwable cause) {
    super(message, cause);
  }
}
