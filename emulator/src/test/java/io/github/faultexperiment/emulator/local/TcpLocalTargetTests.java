package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.common.ActionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

// Real sockets on loopback; timings are asserted loosely (the machine's cores are shared).
@DisplayName("A TCP local target")
class TcpLocalTargetTests {
  static final String ORDERS = "arn:aws:rds:us-east-1:123456789012:cluster:orders";
  static final String TASK = "arn:aws:ecs:us-east-1:123456789012:task/shop/0123456789abcdef";
  static final String INSTANCE = "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0";
  private static final Duration READ = Duration.ofSeconds(3);

  private final EchoUpstream upstream = new EchoUpstream();
  private final LocalTargets targets = new LocalTargets();

  @AfterEach
  void close() {
    targets.close();
    upstream.close();
  }

  @Test
  void passesBytesBothWaysUnchangedWhileNoFaultIsOn() throws Exception {
    LocalTarget orders = targets.register(ORDERS, upstream.uri());
    byte[] large = new byte[4 * 1024 * 1024];
    new Random(7).nextBytes(large);

    try (Socket socket = new Socket("127.0.0.1", orders.port())) {
      CompletableFuture<byte[]> echoed =
          CompletableFuture.supplyAsync(() -> readFully(socket, large.length));
      socket.getOutputStream().write(large);
      assertThat(Arrays.equals(echoed.get(), large)).isTrue();
    }
    assertThat(orders.uri().toString()).isEqualTo("tcp://" + orders.address());
    assertThat(orders.kind()).isEqualTo(LocalTarget.Kind.TCP_RESOURCE);
    assertThat(orders.type()).isEqualTo("aws:rds:cluster");
    assertThat(orders.counters()).isEqualTo(new LocalTargetCounters(1, 0, 0, 1, 0));
  }

  @Test
  void failoverResetsOpenConnectionsAndNewOnesThenAcceptsAfterTheWindow() throws Exception {
    targets.timings(LocalTimings.defaults().withFailover(Duration.ofMillis(1500)));
    LocalTarget orders = targets.register(ORDERS, upstream.uri());
    TcpClient open = new TcpClient(orders, READ);
    assertThat(open.roundTrip("select 1")).isEqualTo("select 1");

    targets.actionStarted(fis("EXP1", "aws:rds:failover-db-cluster", Map.of(), ORDERS));

    assertThatThrownBy(() -> open.roundTrip("select 2")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> roundTrip(orders, "down?")).isInstanceOf(SocketException.class);
    // The open connection and the new one both met the failover.
    assertThat(orders.counters("EXP1")).isEqualTo(new LocalTargetCounters(2, 0, 2, 1, 0));
    // Back by itself once the failover window has passed, while the action still runs.
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> roundTrip(orders, "select 3").equals("select 3"));
    assertThat(orders.counters().aborted()).isGreaterThanOrEqualTo(2);
    open.close();
  }

  @Test
  void aStoppedInstanceResetsConnectionsUntilTheActionEnds() throws Exception {
    LocalTarget web = targets.register(INSTANCE, upstream.uri());
    ActionEvent stop = fis("EXP1", "aws:ec2:stop-instances", Map.of(), INSTANCE);

    targets.actionStarted(stop);
    assertThatThrownBy(() -> roundTrip(web, "down?")).isInstanceOf(SocketException.class);
    Thread.sleep(300);
    assertThatThrownBy(() -> roundTrip(web, "down?")).isInstanceOf(SocketException.class);

    targets.actionEnded(stop);
    assertThat(roundTrip(web, "GET /")).isEqualTo("GET /");
  }

  @Test
  void aStoppedTaskComesBackWhenItsReplacementWouldStart() throws Exception {
    targets.timings(LocalTimings.defaults().withReplacement(Duration.ofMillis(1500)));
    LocalTarget task = targets.register(TASK, upstream.uri());

    targets.actionStarted(fis("EXP1", "aws:ecs:stop-task", Map.of(), TASK));

    assertThatThrownBy(() -> roundTrip(task, "down?")).isInstanceOf(SocketException.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> roundTrip(task, "ping").equals("ping"));
  }

  @Test
  void latencyDelaysEveryAnswerByAboutTheStatedTime() throws Exception {
    LocalTarget task = targets.register(TASK, upstream.uri());
    try (TcpClient client = new TcpClient(task, READ)) {
      client.roundTrip("warm");
      targets.actionStarted(
          fis(
              "EXP1",
              "aws:ecs:task-network-latency",
              Map.of("delayMilliseconds", "150", "jitterMilliseconds", "0"),
              TASK));

      long start = System.nanoTime();
      assertThat(client.roundTrip("slow")).isEqualTo("slow");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(120));
    }
    assertThat(task.counters().delayed()).isEqualTo(1);
    assertThat(task.activeFaults())
        .containsExactly(new LocalFault.Latency(Duration.ofMillis(150), Duration.ZERO));
  }

  @Test
  void totalPacketLossStallsTrafficUntilTheFaultEndsAndThenDeliversIt() throws Exception {
    LocalTarget task = targets.register(TASK, upstream.uri());
    ActionEvent loss =
        fis("EXP1", "aws:ecs:task-network-packet-loss", Map.of("lossPercent", "100"), TASK);
    try (TcpClient client = new TcpClient(task, Duration.ofMillis(400))) {
      targets.actionStarted(loss);
      assertThatThrownBy(() -> client.roundTrip("lost")).isInstanceOf(SocketTimeoutException.class);
    }
    try (Socket socket = new Socket("127.0.0.1", task.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("late".getBytes());
      CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readFully(socket, 4));
      Thread.sleep(300);
      assertThat(answer).isNotDone();
      targets.actionEnded(loss);
      assertThat(new String(answer.get())).isEqualTo("late");
    }
  }

  @Test
  void partialPacketLossStallsAboutTheStatedShareOfChunks() throws Exception {
    LocalTarget task = targets.register(TASK, upstream.uri());
    targets.actionStarted(
        fis("EXP1", "aws:eks:pod-network-packet-loss", Map.of("lossPercent", "50"), TASK));
    try (TcpClient client = new TcpClient(task, READ)) {
      long start = System.nanoTime();
      for (int i = 0; i < 4; i++) {
        client.roundTrip("chunk" + i);
      }
      // 8 chunks cross the proxy; half of them wait for a 200 ms retransmission.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(600));
    }
  }

  @Test
  void aBlackholedPortAcceptsConnectionsButAnswersNothing() throws Exception {
    LocalTarget orders =
        targets.register(LocalTargetSpec.of(ORDERS, upstream.uri()).withPort(5432));
    LocalTarget other = targets.register(LocalTargetSpec.of(TASK, upstream.uri()).withPort(8080));
    targets.actionStarted(
        fis(
            "EXP1",
            "aws:ssm:send-command",
            Map.of(
                "documentArn",
                "arn:aws:ssm:us-east-1::document/AWSFIS-Run-Network-Blackhole-Port",
                "documentParameters",
                "{\"Port\":\"5432\",\"Protocol\":\"tcp\",\"TrafficType\":\"ingress\"}"),
            ORDERS,
            TASK));

    try (TcpClient client = new TcpClient(orders, Duration.ofMillis(400))) {
      assertThatThrownBy(() -> client.roundTrip("hello"))
          .isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(targets.reach("EXP1").get(0).localTargets()).containsExactly(ORDERS);
    assertThat(other.activeFaults()).isEmpty();
    assertThat(roundTrip(other, "port 8080 is not blackholed"))
        .isEqualTo("port 8080 is not blackholed");
  }

  @Test
  void disruptingASubnetSilencesEveryTargetPlacedInIt() throws Exception {
    LocalTarget inside =
        targets.register(LocalTargetSpec.of(ORDERS, upstream.uri()).withSubnet("subnet-0abc"));
    LocalTarget outside =
        targets.register(LocalTargetSpec.of(TASK, upstream.uri()).withSubnet("subnet-0def"));

    targets.actionStarted(
        fis(
            "EXP1",
            "aws:network:disrupt-connectivity",
            Map.of("scope", "all"),
            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0abc"));

    try (TcpClient client = new TcpClient(inside, Duration.ofMillis(400))) {
      assertThatThrownBy(() -> client.roundTrip("x")).isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(roundTrip(outside, "y")).isEqualTo("y");
    assertThat(targets.reach("EXP1").get(0).localTargets()).containsExactly(ORDERS);
  }

  @Test
  void googleComputeFailureReachesInstancesByNameZoneAndSecureTag() throws Exception {
    String web = "projects/p/zones/us-central1-a/instances/web-1";
    String db = "projects/p/zones/us-central1-b/instances/db-1";
    LocalTarget webTarget = targets.register(web, upstream.uri());
    LocalTarget dbTarget =
        targets.register(
            LocalTargetSpec.of(db, upstream.uri()).withTags(Map.of("role", "tagValues/123")));

    ActionEvent zone =
        new ActionEvent(
            "faulttesting",
            "exp-zone",
            "gceFailCompute",
            "gceFailCompute",
            Map.of("location", "us-central1-a"),
            List.of("projects/p/zones/us-central1-a"));
    targets.actionStarted(zone);
    assertThat(targets.reach("exp-zone").get(0).localTargets()).containsExactly(web);
    assertThatThrownBy(() -> roundTrip(webTarget, "down?")).isInstanceOf(SocketException.class);
    assertThat(roundTrip(dbTarget, "up")).isEqualTo("up");
    targets.actionEnded(zone);

    targets.actionStarted(
        new ActionEvent(
            "faulttesting",
            "exp-tag",
            "gceFailCompute",
            "gceFailCompute",
            Map.of("secureTagValue", "tagValues/123"),
            List.of("tagValues/123")));
    assertThatThrownBy(() -> roundTrip(dbTarget, "down?")).isInstanceOf(SocketException.class);
    assertThat(targets.reach("exp-tag").get(0).localTargets()).containsExactly(db);
  }

  @Test
  void countsTrafficInEveryExperimentWhoseFaultItMet() throws Exception {
    LocalTarget task = targets.register(TASK, upstream.uri());
    ActionEvent first =
        fis(
            "EXP1",
            "aws:ecs:task-network-latency",
            Map.of("delayMilliseconds", "5", "jitterMilliseconds", "0"),
            TASK);
    targets.actionStarted(first);
    TcpClient inFlight = new TcpClient(task, READ);
    inFlight.roundTrip("during EXP1");
    targets.actionEnded(first);

    targets.actionStarted(
        fis(
            "EXP2",
            "aws:ecs:task-network-latency",
            Map.of("delayMilliseconds", "5", "jitterMilliseconds", "0"),
            TASK));
    inFlight.roundTrip("still the EXP1 connection");
    inFlight.close();
    roundTrip(task, "during EXP2");

    // The connection of EXP1 met EXP2's latency too: it counts in both; the new one in EXP2 only.
    assertThat(task.counters("EXP1")).isEqualTo(new LocalTargetCounters(1, 1, 0, 1, 0));
    assertThat(task.counters("EXP2")).isEqualTo(new LocalTargetCounters(2, 2, 0, 2, 0));
    assertThat(targets.traffic("EXP2")).containsOnlyKeys(TASK);
    assertThat(task.counters().requests()).isEqualTo(2);
  }

  @Test
  void saysWhichActionsReachedATargetAndWhichReachedNone() {
    targets.register(ORDERS, upstream.uri());

    targets.actionStarted(fis("EXP1", "aws:rds:failover-db-cluster", Map.of(), ORDERS));
    targets.actionStarted(
        new ActionEvent(
            "fis",
            "EXP1",
            "stopTasks",
            "aws:ecs:stop-task",
            Map.of(),
            List.of("arn:aws:ecs:us-east-1:123456789012:task/shop/ffff")));
    targets.actionStarted(
        new ActionEvent(
            "fis", "EXP1", "stress", "aws:ecs:task-cpu-stress", Map.of(), List.of(TASK)));

    List<FaultReach> reach = targets.reach("EXP1");
    assertThat(reach)
        .extracting(FaultReach::actionName, FaultReach::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("fault", FaultReach.Status.REACHED),
            org.assertj.core.groups.Tuple.tuple("stopTasks", FaultReach.Status.UNREACHED),
            org.assertj.core.groups.Tuple.tuple("stress", FaultReach.Status.NOT_FELT_LOCALLY));
    assertThat(reach.get(0).localTargets()).containsExactly(ORDERS);
    assertThat(reach.get(1).detail())
        .contains("no local target stands for arn:aws:ecs:us-east-1:123456789012:task/shop/ffff");
    assertThat(reach.get(1).remedy())
        .contains("POST /_emulator/local-targets")
        .contains("=tcp://HOST:PORT")
        .contains("before the experiment starts");
    assertThat(reach.get(2).remedy()).isNotBlank();
  }

  @Test
  void previewsWhereAnActionWouldReachWithoutSwitchingAnythingOn() throws Exception {
    LocalTarget orders = targets.register(ORDERS, upstream.uri());

    FaultReach reached =
        targets.preview(fis("EXP1", "aws:rds:failover-db-cluster", Map.of(), ORDERS));
    FaultReach unreached = targets.preview(fis("EXP1", "aws:ecs:stop-task", Map.of(), TASK));

    assertThat(reached.status()).isEqualTo(FaultReach.Status.REACHED);
    assertThat(reached.localTargets()).containsExactly(ORDERS);
    assertThat(unreached.status()).isEqualTo(FaultReach.Status.UNREACHED);
    assertThat(orders.activeFaults()).isEmpty();
    assertThat(targets.reach("EXP1")).isEmpty();
    assertThat(roundTrip(orders, "still up")).isEqualTo("still up");
  }

  @Test
  void refusesBadRegistrationsNamingTheInputAndWhatWouldBeValid() throws Exception {
    targets.register(ORDERS, upstream.uri());

    assertThatThrownBy(() -> targets.register(ORDERS, java.net.URI.create("tcp://127.0.0.1:9")))
        .hasMessageContaining(
            "resource " + ORDERS + " is already registered in front of " + upstream.uri());
    int closedPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    assertThatThrownBy(
            () -> targets.register(TASK, java.net.URI.create("tcp://127.0.0.1:" + closedPort)))
        .hasMessageStartingWith("upstream tcp://127.0.0.1:" + closedPort + " cannot be reached");
    assertThatThrownBy(
            () -> targets.register("arn:aws:rds:us-east-1:12345:cluster:orders", upstream.uri()))
        .hasMessageStartingWith(
            "resource 'arn:aws:rds:us-east-1:12345:cluster:orders' is not an ARN")
        .hasMessageContaining("arn:aws:rds:us-east-1:123456789012:cluster:NAME");
    assertThatThrownBy(() -> LocalTargetSpec.of(TASK, upstream.uri()).withPort(70000))
        .hasMessage("port must be the resource's cloud port, 1 to 65535, or 0 for any; was 70000");
    assertThatThrownBy(
            () -> targets.register(LocalTargetSpec.of(TASK, upstream.uri()).withSubnet("vpc-1")))
        .hasMessageStartingWith("subnet 'vpc-1' must be a subnet id such as subnet-");
    assertThatThrownBy(() -> targets.register(TASK, java.net.URI.create("udp://127.0.0.1:53")))
        .hasMessageContaining("upstream must be tcp://HOST:PORT or http://HOST:PORT");
    assertThatThrownBy(
            () ->
                ActionFaults.validate(
                    "aws:ecs:task-network-packet-loss", Map.of("lossPercent", "120")))
        .hasMessage(
            "parameter lossPercent of aws:ecs:task-network-packet-loss must be a number from 0 to"
                + " 100, was '120'");
    assertThatThrownBy(
            () ->
                ActionFaults.validate(
                    "aws:eks:pod-network-blackhole-port", Map.of("port", "70000")))
        .hasMessageContaining(
            "parameter port of aws:eks:pod-network-blackhole-port must be a number from 1 to 65535, was '70000'");
    assertThatThrownBy(
            () ->
                ActionFaults.validate(
                    "aws:ec2:stop-instances", Map.of("startInstancesAfterDuration", "5 minutes")))
        .hasMessageContaining("must be an ISO-8601 duration such as PT5M, was '5 minutes'");
  }

  private static String roundTrip(LocalTarget target, String text) throws IOException {
    try (TcpClient client = new TcpClient(target, READ)) {
      return client.roundTrip(text);
    }
  }

  private static byte[] readFully(Socket socket, int length) {
    try {
      InputStream in = socket.getInputStream();
      return in.readNBytes(length);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ActionEvent fis(
      String experiment, String actionId, Map<String, Object> parameters, String... targets) {
    return new ActionEvent("fis", experiment, "fault", actionId, parameters, List.of(targets));
  }
}
