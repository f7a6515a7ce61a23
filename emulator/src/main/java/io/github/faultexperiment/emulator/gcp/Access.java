package io.github.faultexperiment.emulator.gcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Who may call: like Google's own emulators, no credentials are needed; a malformed {@code
 * Authorization} header is refused; optionally one exact bearer token is demanded; projects can be
 * denied (e.g. "not on the Preview allow-list").
 */
final class Access {
  private static final Pattern BEARER = Pattern.compile("Bearer [\\x21-\\x7E]+");

  private final String configuredToken;
  private volatile String requiredToken;
  private final Map<String, String> deniedProjects = new ConcurrentHashMap<>();

  Access(String configuredToken) {
    this.configuredToken = configuredToken;
    this.requiredToken = configuredToken;
  }

  void requireBearerToken(String token) {
    requiredToken = token;
  }

  void deny(String project, String message) {
    deniedProjects.put(project, message);
  }

  void reset() {
    requiredToken = configuredToken;
    deniedProjects.clear();
  }

  void check(String authorization, String project) {
    if (authorization != null && !BEARER.matcher(authorization).matches()) {
      throw unauthenticated(
          "ACCESS_TOKEN_TYPE_UNSUPPORTED",
          "Request had invalid authentication credentials: the Authorization header must be"
              + " 'Bearer <OAuth 2 access token>'.");
    }
    String token = requiredToken;
    if (token != null) {
      if (authorization == null) {
        throw unauthenticated(
            "CREDENTIALS_MISSING",
            "Request is missing required authentication credential. Expected OAuth 2 access"
                + " token (Authorization: Bearer <token>).");
      }
      if (!authorization.substring("Bearer ".length()).equals(token)) {
        throw unauthenticated(
            "ACCESS_TOKEN_INVALID",
            "Request had invalid authentication credentials: the bearer token is not the one"
                + " this emulator accepts.");
      }
    }
    String denial = project == null ? null : deniedProjects.get(project);
    if (denial != null) {
      throw new ApiException(
          RpcCode.PERMISSION_DENIED,
          "PERMISSION_DENIED",
          denial,
          Map.of("project", project, "service", ApiException.DOMAIN),
          null);
    }
  }

  private static ApiException unauthenticated(String reason, String message) {
    return new ApiException(
        RpcCode.UNAUTHENTICATED, reason, message, Map.of("service", ApiException.DOMAIN), null);
  }
}
