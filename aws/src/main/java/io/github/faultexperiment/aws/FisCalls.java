package io.github.faultexperiment.aws;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.CloudApiException.Reason;
import io.github.faultexperiment.FaultExperimentException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Makes SDK calls and turns their failures into {@link CloudApiException}s with a neutral {@link
 * Reason}: the only place that reads AWS error codes. The SDK has already retried what its standard
 * retry strategy retries (throttling, 5xx, connection resets).
 */
final class FisCalls {
  private final String where;

  /**
   * Creates the caller of one client.
   *
   * @param where the region and endpoint the client calls, for messages
   */
  FisCalls(String where) {
    this.where = where;
  }

  /** The region and endpoint called, for messages. */
  String where() {
    return where;
  }

  /**
   * Runs one SDK call.
   *
   * @param operation the API operation, e.g. {@code FIS StartExperiment}, for the message
   * @param call the call
   */
  <T> T call(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException refused) {
      AwsErrorDetails details = refused.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message = details == null ? refused.getMessage() : details.errorMessage();
      throw new CloudApiException(
          AwsProperties.PROVIDER_ID,
          reason(code, refused.statusCode()),
          code,
          refused.statusCode(),
          refused.requestId(),
          operation
              + " failed: "
              + code
              + " (HTTP "
              + refused.statusCode()
              + ", request id "
              + refused.requestId()
              + "): "
              + message,
          refused);
    } catch (SdkClientException unsigned) {
      if (unsigned.getMessage() != null && unsigned.getMessage().contains("credentials")) {
        throw new FaultExperimentException(
            operation
                + " was not sent: no AWS credentials ("
                + unsigned.getMessage()
                + "). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, an AWS_PROFILE, or for an"
                + " emulator "
                + AwsProperties.ACCESS_KEY_ID
                + " and "
                + AwsProperties.SECRET_ACCESS_KEY
                + ".",
            unsigned);
      }
      throw noAnswer(operation, unsigned);
    } catch (SdkException unreachable) {
      throw noAnswer(operation, unreachable);
    }
  }

  private CloudApiException noAnswer(String operation, SdkException cause) {
    return new CloudApiException(
        AwsProperties.PROVIDER_ID,
        Reason.UNAVAILABLE,
        null,
        0,
        null,
        operation
            + " got no answer: "
            + where
            + " is unreachable ("
            + cause.getMessage()
            + "). Check "
            + AwsProperties.ENDPOINT
            + " (or AWS_ENDPOINT_URL_FIS, AWS_ENDPOINT_URL) and, for an emulator, that it is"
            + " running.",
        cause);
  }

  static Reason reason(String code, int status) {
    String c = code == null ? "" : code;
    if (status == 429 || c.contains("Throttl") || c.equals("TooManyRequestsException")) {
      return Reason.THROTTLED;
    }
    if (status == 402 || c.equals("ServiceQuotaExceededException")) {
      return Reason.QUOTA_EXCEEDED;
    }
    if (status == 404 || c.equals("ResourceNotFoundException")) {
      return Reason.NOT_FOUND;
    }
    if (status == 409 || c.equals("ConflictException")) {
      return Reason.CONFLICT;
    }
    if (status == 403 || c.startsWith("AccessDenied") || c.equals("UnrecognizedClientException")) {
      return Reason.ACCESS_DENIED;
    }
    if (status >= 500) {
      return Reason.UNAVAILABLE;
    }
    return status >= 400 ? Reason.INVALID_REQUEST : Reason.OTHER;
  }
}
