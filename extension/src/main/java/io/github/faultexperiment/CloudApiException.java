package io.github.faultexperiment;

/**
 * A call to the cloud's fault-injection API (or the emulator) was answered with an error, or could
 * not be made at all.
 */
public class CloudApiException extends FaultExperimentException {
  private final Provider provider;
  private final String errorCode;
  private final int statusCode;
  private final String requestId;

  /**
   * Creates the exception.
   *
   * @param provider the service that answered
   * @param errorCode the service's error code (e.g. {@code ValidationException}, {@code
   *     PERMISSION_DENIED}); {@code null} when no answer came
   * @param statusCode the HTTP status, {@code 0} when no answer came
   * @param requestId the service's request id, or {@code null}
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure, or {@code null}
   */
  public CloudApiException(
      Provider provider,
      String errorCode,
      int statusCode,
      String requestId,
      String message,
      Throwable cause) {
    super(message, cause);
    this.provider = provider;
    this.errorCode = errorCode;
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  /** The service that answered. */
  public Provider provider() {
    return provider;
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
}
