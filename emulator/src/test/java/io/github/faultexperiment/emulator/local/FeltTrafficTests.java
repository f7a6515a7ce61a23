package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.emulator.common.ActionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

// Real sockets on loopback; timings are asserted loosely (the machine's cores are shared).
@DisplayName("What a TCP local target's traffic felt, per experiment")
class FeltTrafficTests {
  private static final String TASK = TcpLocalTargetTests.TASK;
  private static final String ORDERS = TcpLocalTargetTests.ORDERS;
  private static final Duration READ = Duration.ofSeconds(10);

  private final EchoUpstream upstream = new EchoUpstream();
  private final LocalTargets targets = new LocalTargets();

  @AfterEach
  void close() {
    targets.close();
    upstream.close();
  }

  @Test
  void latencyDelaysAnAnswerWrittenInTwoChunksByTheDelayOnce() throws Exception {
    try (TwoChunkServer server = new TwoChunkServer(Duration.ofMillis(300))) {
      LocalTarget task = targets.register(TASK, server.uri());
      targets.actionStarted(latency("EXP1", 2000));

      long start = System.nanoTime();
      String answer = get(task);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(answer).endsWith("first second");
      // Each chunk is late by 2 s from when it arrived (the second 0.3 s after the first): about
      // 2.3 s in all; chunk after chunk it would take over 4 s.
      assertThat(took).isBetween(Duration.ofMillis(2000), Duration.ofMillis(3500));
      assertThat(task.counters("EXP1")).isEqualTo(new LocalTargetCounters(1, 1, 0, 1, 0));
    }
  }

  @Test
  void countersOfAnExperimentCountEachConnectionOnceWhateverHeldIt() throws Exception {
    LocalTarget task = targets.register(TASK, upstream.uri());
    TcpClient before = new TcpClient(task, READ);
    assertThat(before.roundTrip("hello")).isEqualTo("hello");
    targets.actionStarted(latency("EXP1", 50));

    // The connection from before carries two round trips under the fault; two new ones one each.
    assertThat(before.roundTrip("a")).isEqualTo("a");
    assertThat(before.roundTrip("b")).isEqualTo("b");
    for (int i = 0; i < 2; i++) {
      try (TcpClient during = new TcpClient(task, READ)) {
        assertThat(during.roundTrip("c" + i)).isEqualTo("c" + i);
      }
    }
    before.close();

    LocalTargetCounters experiment = task.counters("EXP1");
    assertThat(experiment).isEqualTo(new LocalTargetCounters(3, 3, 0, 3, 0));
    assertThat(experiment.delayed()).isLessThanOrEqualTo(experiment.requests());
    assertThat(task.counters()).isEqualTo(new LocalTargetCounters(3, 3, 0, 3, 0));
  }

  @Test
  void anIdleConnectionOpenedBeforeTheExperimentIsNotCountedInIt() throws Exception {
    LocalTarget task = targets.register(TASK, upstream.uri());
    try (TcpClient idle = new TcpClient(task, READ)) {
      assertThat(idle.roundTrip("hello")).isEqualTo("hello");
      targets.actionStarted(latency("EXP1", 50));

      assertThat(task.counters("EXP1").requests()).isZero();

      assertThat(idle.roundTrip("now")).isEqualTo("now");
      assertThat(task.counters("EXP1")).isEqualTo(new LocalTargetCounters(1, 1, 0, 1, 0));
    }
  }

  @Test
  void aFailoverResettingAConnectionOpenedBeforeTheExperimentCountsInItsAborted() throws Exception {
    targets.timings(LocalTimings.defaults().withFailover(Duration.ofSeconds(30)));
    LocalTarget orders = targets.register(ORDERS, upstream.uri());
    TcpClient open = new TcpClient(orders, READ);
    assertThat(open.roundTrip("select 1")).isEqualTo("select 1");

    targets.actionStarted(
        new ActionEvent(
            "fis", "EXP1", "failover", "aws:rds:failover-db-cluster", Map.of(), List.of(ORDERS)));

    assertThatThrownBy(() -> open.roundTrip("select 2")).isInstanceOf(IOException.class);
    open.close();
    assertThat(orders.counters("EXP1")).isEqualTo(new LocalTargetCounters(1, 0, 1, 1, 0));
    assertThat(orders.counters()).isEqualTo(new LocalTargetCounters(1, 0, 1, 1, 0));
    assertThat(targets.traffic("EXP1")).containsEntry(ORDERS, orders.counters("EXP1"));
  }

  @Test
  void aConnectionOpenedOnlyDuringAnOutageFailsInTheClientAndCountsAsFelt() throws Exception {
    LocalTarget web = targets.register(TcpLocalTargetTests.INSTANCE, upstream.uri());
    ActionEvent stop =
        new ActionEvent(
            "fis",
            "EXP1",
            "stop",
            "aws:ec2:stop-instances",
            Map.of(),
            List.of(TcpLocalTargetTests.INSTANCE));
    targets.actionStarted(stop);

    // The application's only traffic: two attempts to connect while the instance is down. Each
    // fails with a reset, while it connects or on its first read or write.
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () -> {
                try (TcpClient attempt = new TcpClient(web, READ)) {
                  attempt.roundTrip("GET /");
                }
              })
          .isInstanceOf(SocketException.class);
    }
    targets.actionEnded(stop);

    assertThat(web.counters("EXP1")).isEqualTo(new LocalTargetCounters(2, 0, 2, 0, 0));
    assertThat(targets.traffic("EXP1"))
        .containsEntry(TcpLocalTargetTests.INSTANCE, web.counters("EXP1"));
    try (TcpClient after = new TcpClient(web, READ)) {
      assertThat(after.roundTrip("back")).isEqualTo("back");
    }
    assertThat(web.counters("EXP1").requests()).isEqualTo(2);
  }

  @Test
  void aWaitIsNoFaultAndNeedsNoTarget() {
    targets.actionStarted(
        new ActionEvent(
            "fis", "EXP1", "pause", "aws:fis:wait", Map.of("duration", "PT1M"), List.of()));

    FaultReach reach = targets.reach("EXP1").get(0);
    assertThat(reach.status()).isEqualTo(FaultReach.Status.NOT_A_FAULT);
    assertThat(reach.fault()).isFalse();
    assertThat(reach.remedy()).isEmpty();
  }

  @Test
  void anUnreachedHttpFaultSuggestsAnHttpUpstreamAndATcpFaultATcpOne() {
    targets.actionStarted(Actions.lambdaDelay(100, 100));
    targets.actionStarted(
        new ActionEvent(
            "faulttesting",
            "exp-1",
            "l7LbHttpFault",
            "l7LbHttpFault",
            Map.of("abort", Map.of("percentage", 100, "statusCode", 503)),
            List.of(Actions.PRICING_RULE)));
    targets.actionStarted(latency("EXP2", 100));

    assertThat(targets.reach("EXP1").get(0).remedy())
        .contains(Actions.PRICING_ARN + "=http://HOST:PORT")
        .doesNotContain("tcp://");
    assertThat(targets.reach("exp-1").get(0).remedy())
        .contains(Actions.PRICING_RULE + "=http://HOST:PORT")
        .doesNotContain("tcp://");
    assertThat(targets.reach("EXP2").get(0).remedy()).contains(TASK + "=tcp://HOST:PORT");
  }

  @Test
  void aCustomSsmDocumentHasNoLocalEffectAndSaysWhy() {
    targets.actionStarted(
        new ActionEvent(
            "fis",
            "EXP1",
            "impair",
            "aws:ssm:start-automation-execution",
            Map.of(
                "documentArn",
                "arn:aws:ssm:us-east-1:123456789012:document/DynamoDB-Region-Impairment",
                "maxDuration",
                "PT5M"),
            List.of()));

    FaultReach reach = targets.reach("EXP1").get(0);
    assertThat(reach.status()).isEqualTo(FaultReach.Status.NO_LOCAL_EFFECT);
    assertThat(reach.fault()).isTrue();
    assertThat(reach.detail()).contains("DynamoDB-Region-Impairment, which is your own");
    assertThat(reach.remedy())
        .contains("fault-experiments/aws/ssm-documents/DynamoDB-Region-Impairment.json");
  }

  private static ActionEvent latency(String experiment, int millis) {
    return new ActionEvent(
        "fis",
        experiment,
        "latency",
        "aws:ecs:task-network-latency",
        Map.of("delayMilliseconds", String.valueOf(millis), "jitterMilliseconds", "0"),
        List.of(TASK));
  }

  /** Sends a request line through the target and reads the answer to its end. */
  private static String get(LocalTarget target) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", target.port())) {
      socket.setSoTimeout((int) READ.toMillis());
      socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** An HTTP server that writes its answer in two chunks, {@code pause} apart, then closes. */
  private static final class TwoChunkServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    TwoChunkServer(Duration pause) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket client = socket.accept()) {
                    InputStream in = client.getInputStream();
                    readHead(in);
                    OutputStream out = client.getOutputStream();
                    out.write(
                        "HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\nfirst "
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(pause.toMillis());
                    out.write("second".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                  } catch (IOException e) {
                    // A client gone early (the registration's reachability probe): serve the next.
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              },
              "two-chunk server");
      thread.setDaemon(true);
      thread.start();
    }

    URI uri() {
      return URI.create("tcp://127.0.0.1:" + socket.getLocalPort());
    }

    private static void readHead(InputStream in) throws IOException {
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
