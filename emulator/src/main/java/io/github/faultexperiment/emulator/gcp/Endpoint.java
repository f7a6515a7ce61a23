package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One REST method of the API: HTTP method, path template (after {@code /v1alpha/}), the method's
 * name as Google's discovery document names it (used for API faults and request counts), and what
 * it does.
 */
record Endpoint(String httpMethod, Pattern path, String method, Handler handler) {
  static final String PARENT = "projects/([^/:]+)/locations/([^/:]+)";
  static final String ID = "([^/:]+)";

  /** Executes the method. */
  @FunctionalInterface
  interface Handler {
    JsonNode handle(Call call);
  }

  static Endpoint of(String httpMethod, String template, String method, Handler handler) {
    return new Endpoint(httpMethod, Pattern.compile(template), method, handler);
  }

  Matcher match(String httpMethod, String path) {
    Matcher matcher = this.path.matcher(path);
    return this.httpMethod.equals(httpMethod) && matcher.matches() ? matcher : null;
  }
}
