package io.github.faultexperiment.gcp;

import java.util.List;
import java.util.Map;

/**
 * A {@code google.rpc.Status}: how an affected resource or a stopAll item failed.
 *
 * @param code the canonical code number ({@code 0} is OK)
 * @param message the developer-facing message
 * @param details typed details such as {@code ErrorInfo}
 */
record RpcStatus(int code, String message, List<Map<String, Object>> details) {
  RpcStatus {
    message = message == null ? "" : message;
    details = details == null ? List.of() : List.copyOf(details);
  }

  /** Whether this status reports a failure. */
  boolean isError() {
    return code != 0;
  }
}
