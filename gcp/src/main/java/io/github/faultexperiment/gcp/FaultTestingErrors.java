package io.github.faultexperiment.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.CloudApiException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Fault Testing error answers (Google's JSON error shape) into {@link CloudApiException}. */
final class FaultTestingErrors {
  private static final Pattern PROJECT = Pattern.compile("/v1alpha/projects/([^/]+)/");
  // Google's ErrorInfo reason for a request rate limit: RESOURCE_EXHAUSTED is also a reached quota.
  private static final String RATE_LIMITED = "RATE_LIMIT_EXCEEDED";
  private static final List<String> REQUEST_ID_HEADERS =
      List.of("x-request-id", "x-goog-request-id");

  private FaultTestingErrors() {}

  /**
   * The exception for an unsuccessful HTTP answer.
   *
   * @param call what was called, e.g. {@code experiments.create (POST http://…)}
   * @param statusCode the HTTP status
   * @param headers a lookup of response headers by lower-case name
   * @param body the response body
   */
  static CloudApiException fromResponse(
      ObjectMapper json,
      Call call,
      int statusCode,
      java.util.function.Function<String, String> headers,
      String body) {
    String status = canonicalStatus(statusCode);
    String serverMessage = body.strip();
    boolean rateLimited = false;
    try {
      JsonNode error = json.readTree(body).path("error");
      if (error.isObject()) {
        status = error.path("status").asText(status);
        serverMessage = error.path("message").asText(serverMessage);
        for (JsonNode detail : error.path("details")) {
          rateLimited |= RATE_LIMITED.equals(detail.path("reason").asText());
        }
      }
    } catch (IOException notJson) {
      // A proxy or load balancer answered with text or HTML; the raw body is the best message.
    }
    String requestId =
        REQUEST_ID_HEADERS.stream().map(headers).filter(id -> id != null).findFirst().orElse(null);
    String message =
        "Fault Testing "
            + call
            + " failed with HTTP "
            + statusCode
            + " "
            + status
            + ": "
            + serverMessage
            + advice(status, call);
    CloudApiException.Reason reason =
        rateLimited ? CloudApiException.Reason.THROTTLED : reason(status);
    return new CloudApiException(
        GcpProperties.PROVIDER_ID, reason, status, statusCode, requestId, message, null);
  }

  /** The exception for a call that got no answer at all (after retries). */
  static CloudApiException noAnswer(Call call, String endpoint, IOException cause) {
    String what =
        cause instanceof ConnectException
            ? "could not connect to " + endpoint + " (" + cause.getMessage() + ")"
            : "got no answer from " + endpoint + " (" + cause + ")";
    return new CloudApiException(
        GcpProperties.PROVIDER_ID,
        CloudApiException.Reason.UNAVAILABLE,
        null,
        0,
        null,
        "Fault Testing "
            + call
            + " "
            + what
            + ". Check faultexperiment.gcp.endpoint or FAULT_TESTING_EMULATOR_HOST, and that the"
            + " emulator is running when one is configured.",
        cause);
  }

  private static String advice(String status, Call call) {
    return switch (status) {
      case "PERMISSION_DENIED" -> {
        Matcher project = PROJECT.matcher(call.url());
        String where = project.find() ? "project " + project.group(1) : "the project";
        yield ". The caller needs roles/faulttesting.operator on "
            + where
            + " (roles/faulttesting.viewer only reads; starting and stopping need"
            + " faulttesting.experiments.update), and Fault Testing is in Preview: the project must"
            + " be on the Preview allow-list (ask your Google Cloud account team).";
      }
      case "UNAUTHENTICATED" ->
          ". Refresh the Application Default Credentials (gcloud auth application-default login)"
              + " or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file.";
      case "RESOURCE_EXHAUSTED", "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED" ->
          " (still failing after retries with back-off).";
      default -> "";
    };
  }

  /**
   * The neutral reason of a canonical code; Fault Testing answers a reached quota
   * RESOURCE_EXHAUSTED (a rate limit too, told apart by its ErrorInfo reason {@value
   * #RATE_LIMITED}: THROTTLED).
   */
  static CloudApiException.Reason reason(String status) {
    return switch (status) {
      case "RESOURCE_EXHAUSTED" -> CloudApiException.Reason.QUOTA_EXCEEDED;
      case "NOT_FOUND" -> CloudApiException.Reason.NOT_FOUND;
      case "ALREADY_EXISTS", "ABORTED", "FAILED_PRECONDITION" -> CloudApiException.Reason.CONFLICT;
      case "PERMISSION_DENIED", "UNAUTHENTICATED" -> CloudApiException.Reason.ACCESS_DENIED;
      case "INVALID_ARGUMENT", "OUT_OF_RANGE" -> CloudApiException.Reason.INVALID_REQUEST;
      case "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED" -> CloudApiException.Reason.UNAVAILABLE;
      default -> CloudApiException.Reason.OTHER;
    };
  }

  /** Google's HTTP-to-canonical-code mapping, for answers without a JSON error. */
  private static String canonicalStatus(int statusCode) {
    return switch (statusCode) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ALREADY_EXISTS";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 499 -> "CANCELLED";
      case 501 -> "UNIMPLEMENTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> statusCode >= 500 ? "INTERNAL" : "UNKNOWN";
    };
  }

  /**
   * One API call, for messages.
   *
   * @param operation e.g. {@code experiments.create}
   * @param method the HTTP method
   * @param url the URL called
   */
  record Call(String operation, String method, String url) {
    @Override
    public String toString() {
      return operation + " (" + method + " " + url + ")";
    }
  }
}
