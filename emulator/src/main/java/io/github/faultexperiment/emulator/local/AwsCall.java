package io.github.faultexperiment.emulator.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.Header;
import org.apache.http.HttpRequest;

/**
 * An AWS API call as an SDK sends it, read from the wire: which service (the SigV4 credential
 * scope), which operation and in which protocol, and the error answer that service would send.
 *
 * @param service the signing name, e.g. {@code sts}, or empty when the call is not signed
 * @param operation the operation, e.g. {@code GetCallerIdentity}, or empty for REST protocols
 *     (whose operation is not named on the wire)
 * @param protocol how the service speaks
 */
record AwsCall(String service, String operation, Protocol protocol) {
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]*)");

  /** The wire protocols of AWS services, each with its own error shape. */
  enum Protocol {
    /** awsJson 1.0/1.1: {@code X-Amz-Target}, errors as {@code __type} and x-amzn-ErrorType. */
    JSON,
    /** The query protocol (STS, IAM, SNS, RDS…): errors as {@code <ErrorResponse>}. */
    QUERY,
    /** EC2's own query protocol: errors as {@code <Response><Errors>}. */
    EC2,
    /** REST-XML (S3): errors as {@code <Error>}. */
    REST_XML,
    /** REST-JSON (Lambda, FIS…): errors as x-amzn-ErrorType and a JSON message. */
    REST_JSON
  }

  static AwsCall read(HttpRequest request, String rawQuery, byte[] body) {
    String authorization = header(request, "Authorization");
    Matcher scope = SCOPE.matcher(authorization == null ? "" : authorization);
    String service = scope.find() ? scope.group(1) : "";
    String target = header(request, "X-Amz-Target");
    if (target != null) {
      return new AwsCall(service, target.substring(target.lastIndexOf('.') + 1), Protocol.JSON);
    }
    String action = action(rawQuery);
    String contentType = header(request, "Content-Type");
    if (action.isEmpty()
        && contentType != null
        && contentType.startsWith("application/x-www-form-urlencoded")) {
      action = action(new String(body, StandardCharsets.UTF_8));
    }
    if (!action.isEmpty()) {
      return new AwsCall(service, action, service.equals("ec2") ? Protocol.EC2 : Protocol.QUERY);
    }
    return new AwsCall(service, "", service.equals("s3") ? Protocol.REST_XML : Protocol.REST_JSON);
  }

  /**
   * The error this call's service answers for {@code kind}.
   *
   * @return status, content type, extra header value for {@code x-amzn-ErrorType} (or null) and
   *     body
   */
  Answer error(LocalFault.ApiErrorKind kind) {
    String message = "fault injected by fault-experiment-emulator (" + kind + ")";
    String requestId = UUID.randomUUID().toString();
    return switch (protocol) {
      case JSON, REST_JSON -> {
        String code =
            switch (kind) {
              case THROTTLE -> "ThrottlingException";
              case INTERNAL_ERROR -> "InternalFailure";
              case UNAVAILABLE -> "ServiceUnavailable";
              case PROVISIONED_THROUGHPUT_EXCEEDED -> "ProvisionedThroughputExceededException";
              case EXPIRED_ITERATOR -> "ExpiredIteratorException";
            };
        int status =
            switch (kind) {
              case THROTTLE -> protocol == Protocol.JSON ? 400 : 429;
              case INTERNAL_ERROR -> 500;
              case UNAVAILABLE -> 503;
              case PROVISIONED_THROUGHPUT_EXCEEDED, EXPIRED_ITERATOR -> 400;
            };
        yield new Answer(
            status,
            protocol == Protocol.JSON ? "application/x-amz-json-1.1" : "application/json",
            code,
            "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
      }
      case QUERY -> {
        String code =
            switch (kind) {
              case THROTTLE, PROVISIONED_THROUGHPUT_EXCEEDED, EXPIRED_ITERATOR -> "Throttling";
              case INTERNAL_ERROR -> "InternalFailure";
              case UNAVAILABLE -> "ServiceUnavailable";
            };
        yield xml(
            status(kind, 400),
            "<ErrorResponse><Error><Type>"
                + (status(kind, 400) < 500 ? "Sender" : "Receiver")
                + "</Type><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error><RequestId>"
                + requestId
                + "</RequestId></ErrorResponse>");
      }
      case EC2 -> {
        String code =
            switch (kind) {
              case THROTTLE, PROVISIONED_THROUGHPUT_EXCEEDED, EXPIRED_ITERATOR ->
                  "RequestLimitExceeded";
              case INTERNAL_ERROR -> "InternalError";
              case UNAVAILABLE -> "Unavailable";
            };
        yield xml(
            status(kind, 503),
            "<Response><Errors><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error></Errors><RequestID>"
                + requestId
                + "</RequestID></Response>");
      }
      case REST_XML -> {
        String code =
            switch (kind) {
              case THROTTLE, PROVISIONED_THROUGHPUT_EXCEEDED, EXPIRED_ITERATOR -> "SlowDown";
              case INTERNAL_ERROR -> "InternalError";
              case UNAVAILABLE -> "ServiceUnavailable";
            };
        yield xml(
            status(kind, 503),
            "<Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>"
                + requestId
                + "</RequestId></Error>");
      }
    };
  }

  private static int status(LocalFault.ApiErrorKind kind, int throttleStatus) {
    return switch (kind) {
      // Kinesis's own errors exist only in its JSON protocol; elsewhere they read as throttling.
      case THROTTLE, PROVISIONED_THROUGHPUT_EXCEEDED, EXPIRED_ITERATOR -> throttleStatus;
      case INTERNAL_ERROR -> 500;
      case UNAVAILABLE -> 503;
    };
  }

  private static Answer xml(int status, String body) {
    return new Answer(
        status, "text/xml", null, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body);
  }

  private static String header(HttpRequest request, String name) {
    Header header = request.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  private static String action(String form) {
    if (form == null) {
      return "";
    }
    Matcher action = ACTION.matcher(form);
    return action.find() ? URLDecoder.decode(action.group(1), StandardCharsets.UTF_8) : "";
  }

  /**
   * An error answer.
   *
   * @param status the HTTP status
   * @param contentType its content type
   * @param errorType the {@code x-amzn-ErrorType} header, or {@code null} for XML protocols
   * @param body the body
   */
  record Answer(int status, String contentType, String errorType, String body) {}
}
