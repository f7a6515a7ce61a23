package io.github.faultexperiment.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.faultexperiment.benchmarks.fixtures.ChaosMeshSequentialTestCase;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.k8s.ChaosMeshTimings;
import io.github.faultexperiment.emulator.k8s.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Chaos Mesh experiment's overhead and calls, beside the clouds' {@code overhead_ms_median} and
 * {@code api_calls_per_experiment}: the same sequential, empty-bodied experiments through the real
 * extension, against the emulator's Chaos Mesh with fixed transitions (2 s from creation to every
 * record {@code Injected}, 1 s from the pause to every record {@code Not Injected}, as the FIS
 * benchmark's 2 s and 1 s). The provider reaches the emulator as it would a cluster — a kubeconfig
 * and both allow-lists — through a counting relay, which counts every Kubernetes API call.
 */
public final class ChaosMeshBenchmark {
  static final Duration TO_INJECTED = Duration.ofSeconds(2);
  static final Duration TO_RECOVERED = Duration.ofSeconds(1);
  static final Duration TRANSITIONS = TO_INJECTED.plus(TO_RECOVERED);

  private ChaosMeshBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args none
   * @throws Exception when the run fails
   */
  public static void main(String[] args) throws Exception {
    Stats.keepStandardOutputForFigures();
    run();
  }

  /** Prints the Chaos Mesh figures; the main benchmark runs it beside the clouds' figures. */
  static void run() throws Exception {
    try (FaultEmulator emulator = FaultEmulator.builder().start();
        CountingRelay relay = new CountingRelay(emulator.endpoint())) {
      // NetworkChaos passes Not Injected/Wait: the injection step is the time to Injected, and the
      // recovery step the time from Injected/Wait back to Not Injected
      emulator
          .chaosMesh()
          .timings(new ChaosMeshTimings(Duration.ZERO, TO_INJECTED, TO_RECOVERED, Duration.ZERO));
      emulator.chaosMesh().addPod(Pod.of("default", "bench-1", Map.of("app", "bench")));
      Path kubeconfig = Files.createTempFile("bench-kubeconfig", ".yaml");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: emulator
            cluster: {server: "%s"}
          users:
          - name: bench
            user: {token: "%s"}
          contexts:
          - name: emulator
            context: {cluster: emulator, user: bench, namespace: default}
          current-context: emulator
          """
              .formatted(relay.uri(), emulator.settings().secretAccessKey()));
      Map<String, String> parameters =
          Map.of(
              "faultexperiment.provider", "chaos-mesh",
              "faultexperiment.chaos-mesh.kubeconfig", kubeconfig.toString(),
              "faultexperiment.chaos-mesh.allowed-contexts", "emulator",
              "faultexperiment.chaos-mesh.allowed-namespaces", "default",
              "faultexperiment.environment", "ignore",
              "faultexperiment.report-dir", "target/bench-reports");
      ExtensionRuns runs = new ExtensionRuns();
      runs.run(ChaosMeshSequentialTestCase.WarmUp.class, parameters);
      relay.reset();
      ExtensionRuns.Run sequential = runs.run(ChaosMeshSequentialTestCase.class, parameters);
      List<Double> overheads = sequential.overheadsMillis(TRANSITIONS);
      double calls = (double) relay.total() / ChaosMeshSequentialTestCase.EXPERIMENTS;
      Stats.note(
          "chaos-mesh overhead ms " + Stats.summary(overheads) + " requests " + relay.counts());
      Stats.print("chaos_mesh_overhead_ms_median", Stats.median(overheads));
      Stats.print("chaos_mesh_api_calls_per_experiment", calls);
      Files.deleteIfExists(kubeconfig);
    }
  }

  /** A loopback HTTP relay in front of the emulator that counts requests by method and path. */
  private static final class CountingRelay implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP =
        Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "expect");
    private final HttpServer server;
    private final HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI upstream;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    CountingRelay(URI upstream) throws IOException {
      this.upstream = upstream;
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::relay);
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long total() {
      return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> counts() {
      Map<String, Long> snapshot = new TreeMap<>();
      counts.forEach((key, count) -> snapshot.put(key, count.sum()));
      return snapshot;
    }

    void reset() {
      counts.clear();
    }

    private void relay(HttpExchange exchange) throws IOException {
      String path = exchange.getRequestURI().getPath();
      // one counter per verb and resource kind, names and namespaces left out
      String kind = path.replaceAll("/namespaces/[^/]+", "").replaceAll("/fx-[^/]+$", "/{name}");
      counts
          .computeIfAbsent(exchange.getRequestMethod() + " " + kind, k -> new LongAdder())
          .increment();
      try (InputStream in = exchange.getRequestBody()) {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(
                    exchange.getRequestMethod(),
                    HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()));
        exchange
            .getRequestHeaders()
            .forEach(
                (name, values) -> {
                  if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                  }
                });
        HttpResponse<byte[]> answer =
            client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer
            .headers()
            .map()
            .forEach(
                (name, values) -> {
                  if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))
                      && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                  }
                });
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      } finally {
        exchange.close();
      }
    }

    @Override
    public void close() {
      server.stop(0);
      // its worker threads are not daemons: left running, the benchmark's JVM would never exit
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }
}
