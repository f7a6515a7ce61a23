package io.github.faultexperiment.emulator.local;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpRequest;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

/**
 * Forwards a request received by a {@link LocalTarget} to its upstream and returns the answer.
 *
 * <p>The request keeps the {@code Host} the application sent: the bytes an AWS SDK signed (SigV4
 * signs {@code host}) reach the upstream unchanged, so an endpoint that checks signatures accepts
 * calls passed through, as it would from a cloud load balancer, which keeps {@code Host} too. The
 * JDK's {@code HttpClient} refuses a caller's {@code Host}, so Apache HttpClient sends them; it
 * also sends on the calling thread, which keeps the proxy's added latency low.
 */
final class Upstream {
  /**
   * Hop-by-hop headers belong to one connection, not the request; the client sets the length and
   * framing itself (Apache HttpClient refuses a caller's {@code Content-Length}).
   */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "http2-settings");

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int TIMEOUT_MILLIS = 30_000;
  // Delayed requests hold their connection while they wait, so the pool must not be the limit.
  private static final int CONNECTIONS = 256;

  // Re-pointed when a test class registers the same resource with its own upstream.
  private volatile Base base;
  private final CloseableHttpClient client;

  Upstream(URI base, CloseableHttpClient client) {
    this.base = new Base(base);
    this.client = client;
  }

  /**
   * A client that changes nothing on the way: no cookies, redirects, decompression, or added {@code
   * User-Agent}.
   */
  static CloseableHttpClient newClient() {
    // Upstreams are plain http:// (LocalTargets refuses others): registering only that scheme
    // spares the JVM the TLS initialisation (trust store, SSL context) the default registry does.
    PoolingHttpClientConnectionManager connections =
        new PoolingHttpClientConnectionManager(
            RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .build());
    connections.setMaxTotal(CONNECTIONS);
    connections.setDefaultMaxPerRoute(CONNECTIONS);
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setSocketTimeout(TIMEOUT_MILLIS)
                .build())
        .disableCookieManagement()
        .disableRedirectHandling()
        .disableContentCompression()
        .disableAuthCaching()
        .disableConnectionState()
        .disableDefaultUserAgent()
        .build();
  }

  URI base() {
    return base.uri();
  }

  void base(URI newBase) {
    this.base = new Base(newBase);
  }

  /**
   * Sends the exchange's method, path, query, headers ({@code Host} included) and body to the
   * upstream.
   *
   * @throws IOException when the upstream cannot be reached or answers garbage
   */
  Answer forward(HttpRequest received, URI target, byte[] body) throws IOException {
    RequestBuilder request =
        RequestBuilder.create(received.getRequestLine().getMethod()).setUri(base.target(target));
    if (body.length > 0) {
      request.setEntity(new ByteArrayEntity(body));
    }
    for (Header header : received.getAllHeaders()) {
      if (forwarded(header.getName())) {
        request.addHeader(header);
      }
    }
    try (CloseableHttpResponse response = client.execute(request.build())) {
      HttpEntity entity = response.getEntity();
      byte[] answer = entity == null ? null : EntityUtils.toByteArray(entity);
      return new Answer(
          response.getStatusLine().getStatusCode(),
          response.getAllHeaders(),
          answer == null ? new byte[0] : answer);
    }
  }

  static boolean forwarded(String headerName) {
    return !NOT_FORWARDED.contains(headerName.toLowerCase(Locale.ROOT));
  }

  /** The upstream's address, with the prefix every forwarded path is appended to. */
  private record Base(URI uri, String prefix) {
    Base(URI uri) {
      // Worked out once here rather than per request.
      this(uri, uri.toString().replaceAll("/+$", ""));
    }

    URI target(URI received) {
      String query = received.getRawQuery() == null ? "" : "?" + received.getRawQuery();
      return URI.create(prefix + received.getRawPath() + query);
    }
  }

  /**
   * The upstream's answer.
   *
   * @param statusCode its status
   * @param headers its headers, in the order it sent them
   * @param body its body
   */
  record Answer(int statusCode, Header[] headers, byte[] body) {}
}
