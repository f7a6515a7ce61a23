package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers which resource each {@code clientToken} created, and with which input: the same token
 * with the same input answers the same resource; with other input it is a ConflictException.
 * Callers hold their store's lock.
 */
final class Idempotency {
  private record Call(JsonNode input, String resourceId) {}

  private final Map<String, Call> calls = new HashMap<>();

  /** The id created earlier for this token and input, or {@code null} for a new token. */
  String earlier(String clientToken, JsonNode input, String operation) {
    Call call = calls.get(clientToken);
    if (call == null) {
      return null;
    }
    if (!call.input().equals(input)) {
      throw ApiException.conflict(
          "clientToken '"
              + clientToken
              + "' was already used for a "
              + operation
              + " request with different parameters (it created "
              + call.resourceId()
              + "); use a new clientToken");
    }
    return call.resourceId();
  }

  void remember(String clientToken, JsonNode input, String resourceId) {
    calls.put(clientToken, new Call(input, resourceId));
  }

  void clear() {
    calls.clear();
  }
}
