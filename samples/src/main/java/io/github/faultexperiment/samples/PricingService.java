package io.github.faultexperiment.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * The pricing service the checkout depends on: {@code GET /prices/{sku}} answers the item's {@link
 * Price} as JSON, or {@code 404} for an unknown SKU.
 *
 * <pre>{@code
 * try (PricingService pricing = PricingService.start(Map.of("book-1", new BigDecimal("12.50")))) {
 *   URI uri = pricing.uri(); // http://127.0.0.1:<free port>
 * }
 * }</pre>
 */
public final class PricingService implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, BigDecimal> catalogue;
  private final HttpServer server;

  private PricingService(Map<String, BigDecimal> catalogue) throws IOException {
    this.catalogue = Map.copyOf(catalogue);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/prices/", this::answer);
    server.start();
  }

  /**
   * Starts the service on a free loopback port.
   *
   * @param catalogue the unit price of every known SKU
   */
  public static PricingService start(Map<String, BigDecimal> catalogue) {
    try {
      return new PricingService(catalogue);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the pricing service", e);
    }
  }

  /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Stops serving. */
  @Override
  public void close() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String sku = exchange.getRequestURI().getPath().substring("/prices/".length());
      BigDecimal amount = catalogue.get(sku);
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
      } else if (amount == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        byte[] body = JSON.writeValueAsBytes(new Price(sku, amount));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
