package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.faultexperiment.emulator.FaultEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fixtures of {@link Endpoints}: a checkout that calls its checkout function through the endpoint,
 * offline and in the cloud alike; run only via EngineTestKit.
 */
public final class EndpointsTestCase {
  /** The function {@code fault-experiments/aws/embedded-delay.json} delays. */
  static final String CHECKOUT_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:checkout";

  static final String ORDERS_CLUSTER = "arn:aws:rds:us-east-1:123456789012:cluster:orders";

  /** What the last run's tests saw. */
  static volatile URI endpoint;

  static volatile URI upstream;
  static volatile Integer status;
  static volatile Long delayedCalls;
  static final AtomicInteger UPSTREAMS_STARTED = new AtomicInteger();

  private EndpointsTestCase() {}

  static void reset() {
    endpoint = null;
    upstream = null;
    status = null;
    delayedCalls = null;
    UPSTREAMS_STARTED.set(0);
  }

  static HttpServer startUpstream() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
      UPSTREAMS_STARTED.incrementAndGet();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static URI uri(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  static int call(URI base) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(base.resolve("/checkout")).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The checkout function under {@code embedded-delay}, reached through its endpoint. */
  public static class DelayedCheckout {
    static HttpServer server;

    @AfterAll
    static void stop() {
      if (server != null) {
        server.stop(0);
      }
    }

    @BeforeEach
    void pointAtCheckout(Endpoints endpoints) {
      endpoint =
          endpoints.of(
              "checkout",
              CHECKOUT_FUNCTION,
              () -> {
                // Started only offline, once for the class.
                if (server == null) {
                  server = startUpstream();
                }
                upstream = uri(server);
                return upstream;
              });
    }

    @Test
    @FaultExperiment(template = "embedded-delay", awaitActions = "delay")
    void callsThroughTheEndpoint(ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
      status = call(endpoint);
      emulator.ifPresent(
          e ->
              delayedCalls =
                  e.localTargets()
                      .find(CHECKOUT_FUNCTION)
                      .orElseThrow()
                      .counters(experiment.experimentId())
                      .delayed());
    }
  }

  /** A TCP resource, asked twice in one test, then once more from a new upstream. */
  public static class OrdersDatabase {
    @RegisterExtension static FaultInjection chaos = FaultInjection.builder().build();

    static HttpServer first;
    static HttpServer second;

    @BeforeAll
    static void start() {
      first = startUpstream();
      second = startUpstream();
    }

    @AfterAll
    static void stop() {
      first.stop(0);
      second.stop(0);
    }

    @Test
    void sameUpstreamSameAddressAnotherUpstreamAnotherTarget(Endpoints endpoints) {
      URI firstUpstream = URI.create("tcp://127.0.0.1:" + first.getAddress().getPort());
      URI once = endpoints.of("orders", ORDERS_CLUSTER, () -> firstUpstream);
      URI again = endpoints.of("orders", ORDERS_CLUSTER, () -> firstUpstream);
      URI moved =
          endpoints.of(
              "orders",
              ORDERS_CLUSTER,
              () -> URI.create("tcp://127.0.0.1:" + second.getAddress().getPort()));

      assertThat(once).isEqualTo(again);
      assertThat(once.getScheme()).isEqualTo("tcp");
      assertThat(once.getPort()).isNotIn(first.getAddress().getPort(), -1);
      assertThat(moved).isNotEqualTo(once);
      // Raw HTTP through the TCP proxy reaches the second upstream.
      status = call(URI.create("http://" + moved.getAuthority()));
      endpoint = moved;
    }
  }

  /** A test that asks for an endpoint, nothing else. */
  public static class AnyEndpoint {
    @RegisterExtension static FaultInjection chaos = FaultInjection.builder().build();

    @Test
    void asksForPricing(Endpoints endpoints) {
      endpoint =
          endpoints.of(
              "pricing",
              "arn:aws:lambda:us-east-1:123456789012:function:pricing",
              () -> {
                UPSTREAMS_STARTED.incrementAndGet();
                return URI.create("http://127.0.0.1:1");
              });
    }
  }
}
