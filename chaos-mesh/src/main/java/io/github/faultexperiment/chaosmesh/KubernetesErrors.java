package io.github.faultexperiment.chaosmesh;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.CloudApiException.Reason;
import java.util.Locale;

/**
 * Kubernetes API errors (a {@code Status} with its HTTP code and reason) as the neutral {@link
 * CloudApiException}: 429 throttled, 404 not found, 409 conflict ({@code AlreadyExists}, {@code
 * Conflict}), 401/403 access denied — a 403 of a {@code ResourceQuota} is the quota, one of an
 * admission webhook an invalid request —, 400/422 an invalid request, 5xx and no answer
 * unavailable.
 */
final class KubernetesErrors {
  private KubernetesErrors() {}

  /**
   * The neutral exception for a failed call.
   *
   * @param what the call, e.g. {@code create networkchaos default/fx-…}
   * @param failure what fabric8 threw
   */
  static CloudApiException of(String what, KubernetesClientException failure) {
    int code = failure.getCode();
    Status status = failure.getStatus();
    String reason = status == null || status.getReason() == null ? "" : status.getReason();
    String message =
        status != null && status.getMessage() != null && !status.getMessage().isBlank()
            ? status.getMessage()
            : failure.getMessage();
    Reason neutral = reason(code, message);
    return new CloudApiException(
        ChaosMeshProperties.PROVIDER_ID,
        neutral,
        code == 0 ? null : (reason.isEmpty() ? "HTTP " + code : reason),
        code,
        null,
        "Kubernetes API call "
            + what
            + " failed: "
            + (code == 0 ? "no answer" : "HTTP " + code + (reason.isEmpty() ? "" : " " + reason))
            + ": "
            + message
            + hint(neutral),
        failure);
  }

  static Reason reason(int code, String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return switch (code) {
      case 429 -> Reason.THROTTLED;
      case 404 -> Reason.NOT_FOUND;
      case 409 -> Reason.CONFLICT;
      case 401 -> Reason.ACCESS_DENIED;
      // Chaos Mesh's validating webhook denies a bad spec with a 403 of its own
      case 403 ->
          text.contains("exceeded quota")
              ? Reason.QUOTA_EXCEEDED
              : text.contains("admission webhook") ? Reason.INVALID_REQUEST : Reason.ACCESS_DENIED;
      case 400, 422 -> Reason.INVALID_REQUEST;
      case 0, 500, 502, 503, 504 -> Reason.UNAVAILABLE;
      default -> code >= 500 ? Reason.UNAVAILABLE : Reason.OTHER;
    };
  }

  private static String hint(Reason reason) {
    return switch (reason) {
      case ACCESS_DENIED ->
          " (the test's user or service account needs the Role in docs/chaos-mesh.md)";
      default -> "";
    };
  }
}
