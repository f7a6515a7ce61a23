package io.github.faultexperiment.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.ActionFaults;
import io.github.faultexperiment.emulator.local.LocalTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * What a local target costs the traffic it carries while no fault is switched on (issue 13): the
 * latency an HTTP and a TCP proxy add to a request at 1,000 requests/s over one keep-alive
 * connection (proxied p50 − direct p50, the two interleaved in the same run), the throughput of a
 * large transfer through the TCP proxy against the same transfer direct, and how many of the
 * issue's fault families reach a local target. Runs on its own with {@code
 * -Dbench.main=io.github.faultexperiment.benchmarks.ProxyBenchmark}, and as part of {@link
 * Benchmarks}.
 */
public final class ProxyBenchmark {
  private static final int RATE_PER_SECOND = 1000;
  private static final int WARM_UP_ROUNDS = 2;
  private static final int ROUNDS = 5;
  private static final int MESSAGE = 64;
  private static final long TRANSFER_BYTES = 512L << 20;
  private static final int TRANSFER_ROUNDS = 5;
  private static final int BUFFER = 1 << 20;

  private ProxyBenchmark() {}

  /**
   * Runs the proxy benchmark on its own.
   *
   * @param args none
   * @throws Exception when a server or client fails
   */
  public static void main(String[] args) throws Exception {
    Stats.keepStandardOutputForFigures();
    run();
  }

  /** Prints the proxy figures. */
  static void run() throws Exception {
    try (FaultEmulator emulator = FaultEmulator.builder().start();
        HttpUpstream http = new HttpUpstream();
        EchoUpstream echo = new EchoUpstream();
        BulkUpstream bulk = new BulkUpstream()) {
      LocalTarget httpTarget =
          emulator.registerLocalTarget(
              "arn:aws:lambda:us-east-1:123456789012:function:bench", http.uri());
      LocalTarget tcpTarget =
          emulator.registerLocalTarget(
              "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef1", echo.uri());
      LocalTarget bulkTarget =
          emulator.registerLocalTarget(
              "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef2", bulk.uri());

      Latencies httpLatency =
          latencies(new HttpCaller(http.uri()), new HttpCaller(httpTarget.uri()));
      Stats.note("http direct us " + httpLatency.direct().summary());
      Stats.note("http proxied us " + httpLatency.proxied().summary());
      Latencies tcpLatency =
          latencies(new TcpCaller(echo.address()), new TcpCaller(loopback(tcpTarget.port())));
      Stats.note("tcp direct us " + tcpLatency.direct().summary());
      Stats.note("tcp proxied us " + tcpLatency.proxied().summary());

      List<Double> direct = new ArrayList<>();
      List<Double> proxied = new ArrayList<>();
      List<Double> relayed = new ArrayList<>();
      try (BareRelay relay = new BareRelay(bulk.address())) {
        transfer(bulk.address());
        transfer(loopback(bulkTarget.port()));
        transfer(relay.address());
        for (int round = 0; round < TRANSFER_ROUNDS; round++) {
          direct.add(transfer(bulk.address()));
          proxied.add(transfer(loopback(bulkTarget.port())));
          relayed.add(transfer(relay.address()));
        }
      }
      Stats.note(
          "tcp transfer of "
              + (TRANSFER_BYTES >> 20)
              + " MiB, MB/s direct "
              + Stats.summary(direct)
              + ", proxied "
              + Stats.summary(proxied)
              + ", bare relay (no faults, no counters) "
              + Stats.summary(relayed));

      Map<String, List<String>> families = ActionFaults.actionsByFamily();
      long covered = families.values().stream().filter(actions -> !actions.isEmpty()).count();
      Stats.note("fault families and their actions with a local effect " + families);

      Stats.print("proxy_http_added_p50_ms", httpLatency.addedP50Millis());
      Stats.print("proxy_tcp_added_p50_ms", tcpLatency.addedP50Millis());
      // Interference from other processes on a shared machine only ever slows a transfer down, so
      // the fastest round of each side is the closest to what the proxy itself allows.
      Stats.print("proxy_tcp_throughput_ratio", Stats.max(proxied) / Stats.max(direct));
      // Extra: the same ratio for the simplest relay Java 17 can write (a thread copying 1 MiB
      // direct buffers from one socket to the other), the ceiling of any proxy in user space.
      Stats.print("bare_relay_tcp_throughput_ratio", Stats.max(relayed) / Stats.max(direct));
      Stats.print("offline_fault_families_covered", covered);
      Stats.print("offline_fault_families_total", families.size());
      OfflineCoverage.print();
    }
    UnfeltPasses.print();
  }

  /**
   * One-second rounds after warm-up rounds that are dropped. Each round calls the direct and the
   * proxied server 1,000 times each, interleaved half a millisecond apart, so both see the same
   * load from the rest of the machine.
   */
  private static Latencies latencies(Caller direct, Caller proxied) throws IOException {
    try (direct;
        proxied) {
      Sample directMicros = new Sample();
      Sample proxiedMicros = new Sample();
      for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
        boolean counted = round >= WARM_UP_ROUNDS;
        paced(
            List.of(direct, proxied),
            counted ? List.of(directMicros, proxiedMicros) : List.of(new Sample(), new Sample()));
      }
      return new Latencies(directMicros, proxiedMicros);
    }
  }

  /**
   * One second of calls, {@link #RATE_PER_SECOND} to each caller on a fixed schedule (a late call
   * goes at once, so the rate holds), each timed from when it was sent to when its answer was read.
   */
  private static void paced(List<Caller> callers, List<Sample> micros) throws IOException {
    long slot = 1_000_000_000L / RATE_PER_SECOND / callers.size();
    long start = System.nanoTime();
    for (int i = 0; i < RATE_PER_SECOND * callers.size(); i++) {
      long due = start + i * slot;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      long sent = System.nanoTime();
      callers.get(i % callers.size()).call();
      micros.get(i % callers.size()).add((System.nanoTime() - sent) / 1e3);
    }
  }

  /** Reads {@link #TRANSFER_BYTES} from a bulk server, answering MB/s. */
  private static double transfer(InetSocketAddress address) throws IOException {
    try (SocketChannel channel = SocketChannel.open()) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER);
      channel.connect(address);
      ByteBuffer request = ByteBuffer.allocate(Long.BYTES).putLong(0, TRANSFER_BYTES);
      long start = System.nanoTime();
      while (request.hasRemaining()) {
        channel.write(request);
      }
      ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
      long received = 0;
      while (received < TRANSFER_BYTES) {
        int read = channel.read(buffer);
        if (read < 0) {
          throw new IOException("the transfer ended after " + received + " bytes");
        }
        received += read;
        buffer.clear();
      }
      return TRANSFER_BYTES / 1e6 / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  private record Latencies(Sample direct, Sample proxied) {
    double addedP50Millis() {
      return (proxied.median() - direct.median()) / 1e3;
    }
  }

  /** Latencies in microseconds. */
  private static final class Sample {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
      values.add(value);
    }

    double median() {
      return Stats.median(values);
    }

    String summary() {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return "n="
          + sorted.length
          + " p50="
          + Stats.format(Stats.median(values))
          + " p90="
          + Stats.format(sorted[(int) (sorted.length * 0.9)])
          + " p99="
          + Stats.format(sorted[(int) (sorted.length * 0.99)]);
    }
  }

  /** One request and its whole answer, over a connection kept alive between calls. */
  private interface Caller extends AutoCloseable {
    void call() throws IOException;

    @Override
    void close() throws IOException;
  }

  private static final class HttpCaller implements Caller {
    private final HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpRequest request;

    HttpCaller(URI base) {
      this.request = HttpRequest.newBuilder(base.resolve("/ping")).GET().build();
    }

    @Override
    public void call() throws IOException {
      try {
        HttpResponse<byte[]> response =
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IOException("answered " + response.statusCode());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }

    @Override
    public void close() {
      // The JDK 17 client has no close; its connection is dropped with it.
    }
  }

  private static final class TcpCaller implements Caller {
    private final Socket socket;
    private final byte[] message = new byte[MESSAGE];

    TcpCaller(InetSocketAddress address) throws IOException {
      socket = new Socket(address.getAddress(), address.getPort());
      socket.setTcpNoDelay(true);
    }

    @Override
    public void call() throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(message);
      out.flush();
      if (socket.getInputStream().readNBytes(message, 0, MESSAGE) != MESSAGE) {
        throw new IOException("the echo ended early");
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** A JDK HTTP server answering every request with a small body. */
  private static final class HttpUpstream implements AutoCloseable {
    private final HttpServer server;

    HttpUpstream() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              exchange.getRequestBody().readAllBytes();
              exchange.sendResponseHeaders(200, body.length);
              exchange.getResponseBody().write(body);
            }
          });
      server.setExecutor(Executors.newFixedThreadPool(2));
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** A server that accepts connections on a thread each and runs {@code serve} on them. */
  private abstract static class SocketUpstream implements AutoCloseable {
    private final ServerSocketChannel server;
    private final int port;

    SocketUpstream() throws IOException {
      server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      Thread acceptor = new Thread(this::accept, getClass().getSimpleName());
      acceptor.setDaemon(true);
      acceptor.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    URI uri() {
      return URI.create("tcp://127.0.0.1:" + port);
    }

    abstract void serve(SocketChannel channel) throws IOException;

    private void accept() {
      while (server.isOpen()) {
        try {
          SocketChannel channel = server.accept();
          Thread connection =
              new Thread(
                  () -> {
                    try (channel) {
                      serve(channel);
                    } catch (IOException e) {
                      // The client went away: the connection ends with it.
                    }
                  });
          connection.setDaemon(true);
          connection.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** Answers every {@link #MESSAGE}-byte message with the same bytes. */
  private static final class EchoUpstream extends SocketUpstream {
    EchoUpstream() throws IOException {
      super();
    }

    @Override
    void serve(SocketChannel channel) throws IOException {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InputStream in = channel.socket().getInputStream();
      OutputStream out = channel.socket().getOutputStream();
      byte[] message = new byte[MESSAGE];
      while (in.readNBytes(message, 0, MESSAGE) == MESSAGE) {
        out.write(message);
        out.flush();
      }
    }
  }

  /**
   * The simplest TCP relay: each connection joined to one to {@code upstream}, a thread per
   * direction copying through a direct buffer. No faults, no counters.
   */
  private static final class BareRelay extends SocketUpstream {
    private final InetSocketAddress upstream;

    BareRelay(InetSocketAddress upstream) throws IOException {
      super();
      this.upstream = upstream;
    }

    @Override
    void serve(SocketChannel client) throws IOException {
      try (SocketChannel server = SocketChannel.open(upstream)) {
        Thread back = new Thread(() -> copy(server, client));
        back.setDaemon(true);
        back.start();
        copy(client, server);
        try {
          back.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private static void copy(SocketChannel from, SocketChannel to) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
      try {
        while (from.read(buffer) >= 0) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            to.write(buffer);
          }
          buffer.clear();
        }
        to.shutdownOutput();
      } catch (IOException e) {
        // One side closed: the relay of this connection ends.
      }
    }
  }

  /** Reads a byte count and sends that many bytes as fast as the connection takes them. */
  private static final class BulkUpstream extends SocketUpstream {
    BulkUpstream() throws IOException {
      super();
    }

    @Override
    void serve(SocketChannel channel) throws IOException {
      ByteBuffer request = ByteBuffer.allocate(Long.BYTES);
      while (request.hasRemaining()) {
        if (channel.read(request) < 0) {
          return;
        }
      }
      long remaining = request.getLong(0);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER);
      ByteBuffer chunk = ByteBuffer.allocateDirect(BUFFER);
      while (remaining > 0) {
        chunk.clear().limit((int) Math.min(BUFFER, remaining));
        while (chunk.hasRemaining()) {
          remaining -= channel.write(chunk);
        }
      }
      channel.shutdownOutput();
      channel.read(request.clear());
    }
  }
}
