package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.SignedHttp;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Experiments of both APIs on TCP local targets")
class ExperimentTcpFaultTests {
  private static final String TASK = TcpLocalTargetTests.TASK;
  private static final String SQL = "projects/emulator-project/instances/orders-db";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final EchoUpstream upstream = new EchoUpstream();
  private FaultEmulator emulator;
  private SignedHttp fis;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator
        .fis()
        .timings(
            FisTimings.defaults()
                .withPendingToInitiating(Duration.ofMillis(20))
                .withInitiatingToRunning(Duration.ofMillis(20))
                .withStoppingToStopped(Duration.ofMillis(20)));
    emulator.faultTesting().timings(FaultTestingTimings.of(Duration.ofMillis(50)));
    fis = SignedHttp.fis(emulator.endpoint());
  }

  @AfterEach
  void stop() {
    emulator.close();
    upstream.close();
  }

  @Test
  void aFisStopTaskTargetedByTagsResetsTheTasksConnectionsUntilItsReplacementStarts()
      throws Exception {
    emulator.localTargets().timings(LocalTimings.defaults().withReplacement(Duration.ofSeconds(2)));
    LocalTarget task =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(TASK, upstream.uri()).withTags(Map.of("chaos", "ready")));
    String template =
        template(
            "\"tasks\": {\"resourceType\": \"aws:ecs:task\", \"resourceTags\": {\"chaos\":"
                + " \"ready\"}, \"selectionMode\": \"ALL\"}",
            "\"stop\": {\"actionId\": \"aws:ecs:stop-task\", \"targets\": {\"Tasks\": \"tasks\"}},"
                + " \"orphan\": {\"actionId\": \"aws:ec2:reboot-instances\", \"targets\":"
                + " {\"Instances\": \"instances\"}}",
            "\"instances\": {\"resourceType\": \"aws:ec2:instance\", \"resourceArns\":"
                + " [\"arn:aws:ec2:us-east-1:123456789012:instance/i-0fff\"], \"selectionMode\":"
                + " \"ALL\"}");
    String experiment = startFis(template);

    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThatThrownBy(() -> roundTrip(task)).isInstanceOf(SocketException.class));
    JsonNode reach =
        getJson(emulator.endpoint() + "/_emulator/local-targets/reach?experiment=" + experiment);
    assertThat(reach.toString()).contains("\"actionName\":\"stop\"", "\"status\":\"REACHED\"");
    assertThat(reach.toString()).contains("\"actionName\":\"orphan\"", "\"status\":\"UNREACHED\"");
    assertThat(emulator.faultReach(experiment)).hasSize(2);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> roundTrip(task).equals("ping"));
  }

  @Test
  void anEksPodNetworkLatencyTemplateDelaysThePodsItsParametersSelect() throws Exception {
    String pod = "arn:aws:eks:us-east-1:123456789012:pod/shop/default/checkout-7d9f5c-x2k4p";
    LocalTarget checkout =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(pod, upstream.uri()).withTags(Map.of("app", "checkout")));
    // another app's pod, and the same app in another namespace: registered, but not selected
    emulator.registerLocalTarget(
        LocalTargetSpec.of(
                "arn:aws:eks:us-east-1:123456789012:pod/shop/default/cart-5b8c9d-q9z1a",
                upstream.uri())
            .withTags(Map.of("app", "cart")));
    emulator.registerLocalTarget(
        LocalTargetSpec.of(
                "arn:aws:eks:us-east-1:123456789012:pod/shop/batch/checkout-7d9f5c-a1b2c",
                upstream.uri())
            .withTags(Map.of("app", "checkout")));
    String template =
        template(
            "\"pods\": {\"resourceType\": \"aws:eks:pod\", \"selectionMode\": \"ALL\","
                + " \"parameters\": {\"clusterIdentifier\": \"shop\", \"namespace\": \"default\","
                + " \"selectorType\": \"labelSelector\", \"selectorValue\": \"app=checkout\"}}",
            "\"slow\": {\"actionId\": \"aws:eks:pod-network-latency\", \"parameters\":"
                + " {\"duration\": \"PT1M\", \"delayMilliseconds\": \"400\","
                + " \"jitterMilliseconds\": \"0\", \"kubernetesServiceAccount\": \"fis\"},"
                + " \"targets\": {\"Pods\": \"pods\"}}, \"orphan\": {\"actionId\":"
                + " \"aws:ec2:reboot-instances\", \"targets\": {\"Instances\": \"spare\"}}",
            "\"spare\": {\"resourceType\": \"aws:ec2:instance\", \"resourceArns\":"
                + " [\"arn:aws:ec2:us-east-1:123456789012:instance/i-0fff\"], \"selectionMode\":"
                + " \"ALL\"}");
    String experiment = startFis(template);

    await().atMost(Duration.ofSeconds(10)).until(() -> emulator.faultReach(experiment).size() == 2);
    long start = System.nanoTime();
    assertThat(roundTrip(checkout)).isEqualTo("ping");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(emulator.faultReach(experiment))
        .filteredOn(reach -> reach.actionName().equals("slow"))
        .singleElement()
        .satisfies(reach -> assertThat(reach.localTargets()).containsExactly(pod));
  }

  @Test
  void aFisTemplateWithAnOutOfRangeFaultParameterIsRefusedNamingIt() {
    SignedHttp.Answer answer =
        fis.post(
            "/experimentTemplates",
            "{\"clientToken\": \""
                + UUID.randomUUID()
                + "\", \"description\": \"loss\", \"roleArn\":"
                + " \"arn:aws:iam::123456789012:role/fis\", \"stopConditions\": [{\"source\":"
                + " \"none\"}], \"targets\": {\"tasks\": {\"resourceType\": \"aws:ecs:task\","
                + " \"resourceArns\": [\""
                + TASK
                + "\"], \"selectionMode\": \"ALL\"}}, \"actions\": {\"loss\": {\"actionId\":"
                + " \"aws:ecs:task-network-packet-loss\", \"parameters\": {\"lossPercent\":"
                + " \"150\", \"duration\": \"PT1M\"}, \"targets\": {\"Tasks\": \"tasks\"}}}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorType()).isEqualTo("ValidationException");
    assertThat(answer.body())
        .contains(
            "parameter lossPercent of aws:ecs:task-network-packet-loss must be a number from 0 to"
                + " 100, was '150'");
  }

  @Test
  void aCloudSqlFailoverResetsConnectionsAndRefusesNewOnesForTheFailoverWindow() throws Exception {
    emulator.localTargets().timings(LocalTimings.defaults().withFailover(Duration.ofMillis(800)));
    LocalTarget sql = emulator.registerLocalTarget(SQL, upstream.uri());
    TcpClient open = new TcpClient(sql, Duration.ofSeconds(3));
    assertThat(open.roundTrip("select 1")).isEqualTo("select 1");

    String template =
        emulator
            .faultTesting()
            .createTemplate(
                "emulator-project",
                "us-central1",
                "orders-failover",
                "{\"duration\": \"600s\", \"action\": {\"cloudSqlFailover\": {\"instance\": \""
                    + SQL
                    + "\"}}}");
    JsonNode created =
        google(
            "projects/emulator-project/locations/us-central1/experiments?experimentId=fo-1",
            "{\"experimentTemplate\": \"" + template + "\"}");
    String name = created.path("name").asText();
    awaitGoogleState(name, "PREPARED");
    google(name + ":start", "{}");
    awaitGoogleState(name, "INJECTED");

    assertThatThrownBy(() -> open.roundTrip("select 2")).isInstanceOf(IOException.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> roundTrip(sql).equals("ping"));
    // Fault Testing experiments are known by their id, the last segment of their name.
    assertThat(emulator.faultReach("fo-1"))
        .singleElement()
        .satisfies(reach -> assertThat(reach.localTargets()).containsExactly(SQL));
    open.close();
  }

  private String template(String target, String actions, String moreTargets) {
    return emulator
        .fis()
        .createTemplate(
            "{\"description\": \"tcp faults\", \"roleArn\": \"arn:aws:iam::123456789012:role/fis\","
                + " \"stopConditions\": [{\"source\": \"none\"}], \"targets\": {"
                + target
                + ", "
                + moreTargets
                + "}, \"actions\": {"
                + actions
                + "}}");
  }

  private String startFis(String template) {
    return fis.post(
            "/experiments",
            "{\"experimentTemplateId\": \"%s\", \"clientToken\": \"%s\"}"
                .formatted(template, UUID.randomUUID()))
        .json()
        .path("experiment")
        .path("id")
        .asText();
  }

  private static String roundTrip(LocalTarget target) throws IOException {
    try (TcpClient client = new TcpClient(target, Duration.ofSeconds(3))) {
      return client.roundTrip("ping");
    }
  }

  private JsonNode google(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(emulator.endpoint().resolve("/v1alpha/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private void awaitGoogleState(String experiment, String state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                state.equals(
                    getJson(emulator.endpoint() + "/v1alpha/" + experiment)
                        .path("state")
                        .asText()));
  }

  private JsonNode getJson(String uri) throws IOException, InterruptedException {
    return json.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }
}
