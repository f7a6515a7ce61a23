package io.github.faultexperiment.emulator.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Forwards a request received by a {@link LocalTarget} to its upstream and returns the answer. */
final class Upstream {
  /**
   * Hop-by-hop headers belong to one connection, not the request, and the JDK client sets the rest
   * of these itself (it refuses them from callers).
   */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "http2-settings");

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  // Re-pointed when a test class registers the same resource with its own upstream.
  private volatile URI base;
  private final HttpClient client;

  Upstream(URI base, HttpClient client) {
    this.base = base;
    this.client = client;
  }

  URI base() {
    return base;
  }

  void base(URI newBase) {
    this.base = newBase;
  }

  /**
   * Sends the exchange's method, path, query, headers and body to the upstream.
   *
   * @throws IOException when the upstream cannot be reached or answers garbage
   */
  Answer forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target(exchange.getRequestURI()))
            .timeout(TIMEOUT)
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (forwarded(name)) {
                values.forEach(value -> request.header(name, value));
              }
            });
    HttpResponse<byte[]> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.headers().map(), response.body());
  }

  static boolean forwarded(String headerName) {
    return !NOT_FORWARDED.contains(headerName.toLowerCase(Locale.ROOT));
  }

  private URI target(URI received) {
    String prefix = base.toString().replaceAll("/+$", "");
    String query = received.getRawQuery() == null ? "" : "?" + received.getRawQuery();
    return URI.create(prefix + received.getRawPath() + query);
  }

  /**
   * The upstream's answer.
   *
   * @param statusCode its status
   * @param headers its headers
   * @param body its body
   */
  record Answer(int statusCode, Map<String, List<String>> headers, byte[] body) {}
}
