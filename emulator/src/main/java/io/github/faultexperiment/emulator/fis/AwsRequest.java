package io.github.faultexperiment.emulator.fis;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as it came off the wire: what SigV4 verification and the operations need.
 *
 * @param method the HTTP method
 * @param rawPath the path exactly as sent (still percent-encoded)
 * @param query the decoded query parameters, in order
 * @param headers the request headers
 * @param body the request body
 */
record AwsRequest(
    String method, String rawPath, Map<String, List<String>> query, Headers headers, byte[] body) {

  static AwsRequest read(HttpExchange exchange) throws IOException {
    return new AwsRequest(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        parseQuery(exchange.getRequestURI().getRawQuery()),
        exchange.getRequestHeaders(),
        exchange.getRequestBody().readAllBytes());
  }

  /** The first value of a header, or {@code null}. */
  String header(String name) {
    return headers.getFirst(name);
  }

  /** The first value of a query parameter, or {@code null}. */
  String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The path split into its labels, each percent-decoded once. */
  List<String> pathLabels() {
    List<String> labels = new ArrayList<>();
    for (String label : rawPath.split("/")) {
      if (!label.isEmpty()) {
        labels.add(decode(label));
      }
    }
    return labels;
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return query;
  }

  static String decode(String encoded) {
    // A path label may carry a literal '+', which URLDecoder would turn into a space.
    return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
