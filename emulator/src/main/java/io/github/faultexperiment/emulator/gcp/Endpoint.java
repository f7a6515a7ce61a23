package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One REST method of the API: HTTP method, path template (after {@code /v1alpha/}), the method's
 * name as Google's discovery document names it (used for API faults and request counts), the query
 * parameters its request message has, and what it does.
 */
record Endpoint(
    String httpMethod, Pattern path, String method, Set<String> query, Handler handler) {
  static final String PARENT = "projects/([^/:]+)/locations/([^/:]+)";
  static final String ID = "([^/:]+)";

  /**
   * Google's system parameters, accepted on every method besides the method's own (clients and
   * gcloud send some of them, e.g. {@code alt} or {@code $.xgafv}).
   */
  private static final Set<String> SYSTEM_PARAMETERS =
      Set.of(
          "$.xgafv",
          "access_token",
          "alt",
          "callback",
          "fields",
          "key",
          "oauth_token",
          "prettyPrint",
          "quotaUser",
          "upload_protocol",
          "uploadType");

  /** Executes the method. */
  @FunctionalInterface
  interface Handler {
    JsonNode handle(Call call);
  }

  static Endpoint of(String httpMethod, String template, String method, Handler handler) {
    return new Endpoint(httpMethod, Pattern.compile(template), method, Set.of(), handler);
  }

  /** A copy that accepts these query parameters (the method's request fields bound to the URL). */
  Endpoint withQuery(String... names) {
    return new Endpoint(httpMethod, path, method, Set.of(names), handler);
  }

  Matcher match(String httpMethod, String path) {
    Matcher matcher = this.path.matcher(path);
    return this.httpMethod.equals(httpMethod) && matcher.matches() ? matcher : null;
  }

  /**
   * Refuses a query parameter the method's request message does not have, in the words Google's
   * transcoding uses — e.g. {@code filter} on {@code experimentTemplates.list}, which takes only
   * {@code pageSize} and {@code pageToken}. Silently ignoring it would let a client believe it
   * filtered.
   */
  void checkQuery(Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!query.contains(name) && !SYSTEM_PARAMETERS.contains(name)) {
        throw ApiException.invalidArgument(
            name,
            "Invalid JSON payload received. Unknown name \""
                + name
                + "\": Cannot bind query parameter. Field '"
                + name
                + "' could not be found in request message. ("
                + method
                + (query.isEmpty()
                    ? " takes no query parameters.)"
                    : " takes " + String.join(", ", query.stream().sorted().toList()) + ".)"));
      }
    }
  }
}
