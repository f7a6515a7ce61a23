package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.faultexperiment.Endpoints;
import io.github.faultexperiment.FaultExperiment;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The price lookup under Chaos Mesh faults on the pricing pod. Offline (embedded mode) a local
 * target stands for the pod shop/pricing-1 (label app=pricing), in front of the pricing service
 * this test starts, and the manifests' faults reach the lookup's calls through it.
 */
class PricingChaosTests {
  static HttpServer pricing;

  PriceClient prices;
  Duration unharmed;

  @BeforeAll
  static void startPricing() throws IOException {
    pricing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pricing.createContext(
        "/prices/",
        exchange -> {
          byte[] body = "4.20".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    pricing.start();
  }

  @AfterAll
  static void stopPricing() {
    pricing.stop(0);
  }

  @BeforeEach
  void pointAtThePricingPod(Endpoints endpoints) throws Exception {
    URI upstream = URI.create("http://127.0.0.1:" + pricing.getAddress().getPort());
    prices =
        new PriceClient(
            endpoints.of("pricing", "k8s:pod/shop/pricing-1;app=pricing", () -> upstream));
    // Fixtures run before the fault: the lookup's time without it.
    long started = System.nanoTime();
    assertEquals(new BigDecimal("4.20"), prices.price("pen-1"));
    unharmed = Duration.ofNanos(System.nanoTime() - started);
  }

  @Test
  @FaultExperiment(template = "pricing-delay")
  void aNetworkChaosDelayMakesTheLookupSlowButRight() throws Exception {
    long started = System.nanoTime();
    BigDecimal price = prices.price("pen-1");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    System.out.println(
        "the lookup took " + took + " under the delay, " + unharmed + " without it");
    assertEquals(new BigDecimal("4.20"), price);
    assertTrue(
        took.compareTo(Duration.ofMillis(500)) >= 0,
        "the 500ms delay should be felt: took " + took + ", " + unharmed + " without it");
  }

  @Test
  @FaultExperiment(template = "pricing-down")
  void aPodFailureMakesTheLookupFail() {
    IOException failure = assertThrows(IOException.class, () -> prices.price("pen-1"));
    System.out.println("the lookup failed while the pod was down: " + failure);
  }
}
