package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A call to the cloud's fault-injection API (or the emulator) was answered with an error, or could
 * not be made at all.
 */
@API(status = STABLE, since = "0.1")
public class CloudApiException extends FaultExperimentException {
  private final String provider;
  private final Reason reason;
  private final String errorCode;
  private final int statusCode;
  private final String requestId;

  /** What kind of refusal it was, whichever service gave it. */
  public enum Reason {
    /** Too many requests; a later call may pass. */
    THROTTLED,
    /** The service's quota of active experiments is reached. */
    QUOTA_EXCEEDED,
    /** The template or experiment does not exist. */
    NOT_FOUND,
    /** The request conflicts with the resource's state or an earlier request. */
    CONFLICT,
    /** The credentials may not do this. */
    ACCESS_DENIED,
    /** The request itself is wrong. */
    INVALID_REQUEST,
    /** The service failed or could not be reached. */
    UNAVAILABLE,
    /** Anything else. */
    OTHER
  }

  /**
   * Creates the exception.
   *
   * @param provider the id of the service that answered ({@code aws}, {@code gcp})
   * @param reason what kind of refusal it was
   * @param errorCode the service's error code (e.g. {@code ValidationException}, {@code
   *     PERMISSION_DENIED}); {@code null} when no answer came
   * @param statusCode the HTTP status, {@code 0} when no answer came
   * @param requestId the service's request id, or {@code null}
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure, or {@code null}
   */
  public CloudApiException(
      String provider,
      Reason reason,
      String errorCode,
      int statusCode,
      String requestId,
      String message,
      Throwable cause) {
    super(message, cause);
    this.provider = provider;
    this.reason = reason;
    this.errorCode = errorCode;
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  /** The id of the service that answered ({@code aws}, {@code gcp}). */
  public String provider() {
    return provider;
  }

  /** What kind of refusal it was. */
  public Reason reason() {
    return reason;
  }

  /** The service's error code, or {@code null} when no answer came. */
  public String errorCode() {
    return errorCode;
  }

  /** The HTTP status, {@code 0} when no answer came. */
  public int statusCode() {
    return statusCode;
  }

  /** The service's request id, or {@code null}. */
  public String requestId() {
    return requestId;
  }

  /**
   * Whether a poll's exception is the service asking to slow down, for the waits: they count it as
   * "not yet" rather than fail. Not public API.
   */
  static boolean throttled(RuntimeException e) {
    return e instanceof CloudApiException refusal && refusal.reason == Reason.THROTTLED;
  }
}
