package io.github.faultexperiment.emulator.k8s;

import static io.github.faultexperiment.emulator.k8s.KubeHttp.chaos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.FaultEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The emulated Chaos Mesh controller: records, phases, pause, finalizer, duration")
class ChaosMeshControllerTests {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private FaultEmulator emulator;
  private KubeHttp http;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator.chaosMesh().timings(ChaosMeshTimings.of(Duration.ofMillis(10)));
    emulator.chaosMesh().addPod(Pod.of("default", "web-1", Map.of("app", "web")));
    emulator.chaosMesh().addPod(Pod.of("default", "web-2", Map.of("app", "web")));
    emulator.chaosMesh().addPod(Pod.of("other", "web-3", Map.of("app", "web")));
    http = new KubeHttp(emulator.endpoint(), "test");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void recordsOfTheNamespacePodsReachInjectedThenConditionsFollow() {
    create("podchaos", Manifests.podChaos("fail", "pod-failure", "{}", ""));

    JsonNode status =
        awaitStatus(
            "podchaos",
            "fail",
            s ->
                phases(s).equals(List.of("Injected", "Injected"))
                    && condition(s, "AllInjected").equals("True"));

    JsonNode experiment = status.path("experiment");
    assertThat(experiment.path("desiredPhase").asText()).isEqualTo("Run");
    assertThat(ids(status))
        .as("selector.namespaces defaulted to the experiment's")
        .containsExactly("default/web-1", "default/web-2");
    JsonNode record = experiment.path("containerRecords").get(0);
    assertThat(record.path("selectorKey").asText()).isEqualTo(".");
    assertThat(record.path("injectedCount").asInt()).isEqualTo(1);
    assertThat(record.path("recoveredCount").asInt()).isZero();
    assertThat(record.path("events").get(0).path("type").asText()).isEqualTo("Succeeded");
    assertThat(record.path("events").get(0).path("operation").asText()).isEqualTo("Apply");
    assertThat(condition(status, "Selected")).isEqualTo("True");
    assertThat(condition(status, "AllRecovered")).isEqualTo("False");
    assertThat(condition(status, "Paused")).isEqualTo("False");
    assertThat(get("podchaos", "fail").path("metadata").path("finalizers"))
        .extracting(JsonNode::asText)
        .containsExactly("chaos-mesh/records");
  }

  @Test
  void networkChaosPassesThroughTheWaitPhases() {
    emulator
        .chaosMesh()
        .timings(
            new ChaosMeshTimings(
                Duration.ofMillis(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofMillis(10)));
    create("networkchaos", Manifests.networkDelay("slow", "100ms", ""));

    awaitStatus("networkchaos", "slow", s -> phases(s).contains("Not Injected/Wait"));
    awaitStatus("networkchaos", "slow", s -> phases(s).equals(List.of("Injected", "Injected")));
    pause("networkchaos", "slow");
    awaitStatus("networkchaos", "slow", s -> phases(s).contains("Injected/Wait"));
    awaitStatus(
        "networkchaos", "slow", s -> phases(s).equals(List.of("Not Injected", "Not Injected")));
  }

  @Test
  void pauseRecoversEveryRecordAndDeletionThenRemovesTheFinalizer() {
    create("podchaos", Manifests.podChaos("paused", "pod-failure", "{}", ""));
    awaitStatus("podchaos", "paused", s -> phases(s).equals(List.of("Injected", "Injected")));

    pause("podchaos", "paused");
    JsonNode status =
        awaitStatus(
            "podchaos",
            "paused",
            s ->
                phases(s).equals(List.of("Not Injected", "Not Injected"))
                    && condition(s, "AllRecovered").equals("True"));

    assertThat(status.path("experiment").path("desiredPhase").asText()).isEqualTo("Stop");
    assertThat(condition(status, "Paused")).isEqualTo("True");
    assertThat(
            status
                .path("experiment")
                .path("containerRecords")
                .get(0)
                .path("recoveredCount")
                .asInt())
        .isEqualTo(1);
    assertThat(reasons("paused")).contains("Started", "Applied", "Paused", "Recovered");

    http.delete(chaos("default", "podchaos", "paused"));
    await()
        .atMost(WAIT)
        .until(() -> http.get(chaos("default", "podchaos", "paused")).code() == 404);
  }

  @Test
  void oneShotKindsIgnorePauseAndDurationUntilDeleted() throws Exception {
    create("podchaos", Manifests.podChaos("kill", "pod-kill", "{}", ", \"duration\": \"1s\""));
    awaitStatus("podchaos", "kill", s -> phases(s).equals(List.of("Injected", "Injected")));
    pause("podchaos", "kill");

    Thread.sleep(1500);

    JsonNode status = get("podchaos", "kill").path("status");
    assertThat(status.path("experiment").path("desiredPhase").asText()).isEqualTo("Run");
    assertThat(phases(status)).containsOnly("Injected");

    http.delete(chaos("default", "podchaos", "kill"));
    await().atMost(WAIT).until(() -> http.get(chaos("default", "podchaos", "kill")).code() == 404);
  }

  @Test
  void theDurationCountsFromCreationAndEndsWithTimeUp() {
    create("podchaos", Manifests.podChaos("short", "pod-failure", "{}", ", \"duration\": \"1s\""));

    JsonNode status =
        awaitStatus(
            "podchaos",
            "short",
            s ->
                s.path("experiment").path("desiredPhase").asText().equals("Stop")
                    && phases(s).equals(List.of("Not Injected", "Not Injected")));

    assertThat(condition(status, "Paused")).isEqualTo("False");
    assertThat(reasons("short")).contains("TimeUp");
    assertThat(get("podchaos", "short").path("metadata").path("finalizers"))
        .as("kept until deletion")
        .hasSize(1);
  }

  @Test
  void aSelectorMatchingNothingFailsOnceAndIsNeverRetried() throws Exception {
    create(
        "podchaos",
        Manifests.manifest(
            "PodChaos",
            "nobody",
            "{}",
            "\"action\": \"pod-failure\", \"mode\": \"all\", \"selector\": {\"labelSelectors\": {\"app\": \"ghost\"}}"));

    await().atMost(WAIT).until(() -> reasons("nobody").contains("Failed"));
    emulator.chaosMesh().addPod(Pod.of("default", "ghost-1", Map.of("app", "ghost")));
    Thread.sleep(300);

    JsonNode chaosObject = get("podchaos", "nobody");
    assertThat(chaosObject.path("status").path("experiment").has("containerRecords")).isFalse();
    assertThat(messages("nobody")).contains("Failed to select targets: no pod is selected");
    assertThat(condition(chaosObject.path("status"), "Selected")).isEqualTo("False");

    http.delete(chaos("default", "podchaos", "nobody"));
    await()
        .atMost(WAIT)
        .until(() -> http.get(chaos("default", "podchaos", "nobody")).code() == 404);
  }

  @Test
  void aFailedInjectionLeavesRecordsNotInjectedWithFailedEvents() {
    emulator.chaosMesh().failInjection("default", "broken", "rpc error: chaos-daemon unreachable");
    create("podchaos", Manifests.podChaos("broken", "pod-failure", "{}", ""));

    JsonNode status =
        awaitStatus(
            "podchaos",
            "broken",
            s -> s.path("experiment").path("containerRecords").path(0).path("events").size() >= 2);

    assertThat(phases(status)).containsOnly("Not Injected");
    JsonNode event =
        status.path("experiment").path("containerRecords").get(0).path("events").get(0);
    assertThat(event.path("type").asText()).isEqualTo("Failed");
    assertThat(event.path("operation").asText()).isEqualTo("Apply");
    assertThat(event.path("message").asText()).isEqualTo("rpc error: chaos-daemon unreachable");
    assertThat(messages("broken"))
        .contains("Failed to apply chaos: rpc error: chaos-daemon unreachable");

    emulator.chaosMesh().clearFailures("default", "broken");
    awaitStatus("podchaos", "broken", s -> phases(s).equals(List.of("Injected", "Injected")));
  }

  @Test
  void aRecoveryThatFailsKeepsTheFinalizerUntilItSucceeds() throws Exception {
    create("podchaos", Manifests.podChaos("stuck", "pod-failure", "{}", ""));
    awaitStatus("podchaos", "stuck", s -> phases(s).equals(List.of("Injected", "Injected")));
    KubeHttp.Answer control =
        http.post(
            "/_emulator/chaos-mesh/recoveryFailures",
            "{\"namespace\": \"default\", \"name\": \"stuck\", \"message\": \"container not found\"}");
    assertThat(control.code()).isEqualTo(200);

    http.delete(chaos("default", "podchaos", "stuck"));
    Thread.sleep(500);

    JsonNode stuck = get("podchaos", "stuck");
    assertThat(stuck.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    assertThat(stuck.path("metadata").path("finalizers")).hasSize(1);
    assertThat(phases(stuck.path("status"))).containsOnly("Injected");
    assertThat(messages("stuck")).contains("Failed to recover chaos: container not found");

    assertThat(http.delete("/_emulator/chaos-mesh/failures?namespace=default&name=stuck").code())
        .isEqualTo(200);
    await().atMost(WAIT).until(() -> http.get(chaos("default", "podchaos", "stuck")).code() == 404);
  }

  @Test
  void selectionModesAndSelectorsPickAmongThePods() {
    emulator.chaosMesh().addPod(Pod.of("default", "web-4", Map.of("app", "web", "tier", "canary")));
    emulator.chaosMesh().addPod(Pod.of("default", "db-1", Map.of("app", "db")));

    assertThat(selected("one", "", "\"labelSelectors\": {\"app\": \"web\"}")).hasSize(1);
    assertThat(selected("all", "", "\"labelSelectors\": {\"app\": \"web\"}"))
        .containsExactly("default/web-1", "default/web-2", "default/web-4");
    assertThat(selected("fixed", "2", "\"labelSelectors\": {\"app\": \"web\"}")).hasSize(2);
    assertThat(selected("fixed", "9", "\"labelSelectors\": {\"app\": \"web\"}")).hasSize(3);
    assertThat(selected("fixed-percent", "50", "\"labelSelectors\": {\"app\": \"web\"}"))
        .as("ceil(3 × 50 %)")
        .hasSize(2);
    assertThat(
            selected("random-max-percent", "100", "\"labelSelectors\": {\"app\": \"web\"}").size())
        .isBetween(1, 3);
    assertThat(
            selected(
                "all",
                "",
                "\"expressionSelectors\": [{\"key\": \"tier\", \"operator\": \"Exists\"}]"))
        .containsExactly("default/web-4");
    assertThat(
            selected(
                "all",
                "",
                "\"expressionSelectors\": [{\"key\": \"app\", \"operator\": \"In\", \"values\": [\"db\"]}]"))
        .containsExactly("default/db-1");
    assertThat(
            selected(
                "all",
                "",
                "\"expressionSelectors\": [{\"key\": \"app\", \"operator\": \"NotIn\", \"values\": [\"web\"]}]"))
        .containsExactly("default/db-1");
    assertThat(
            selected(
                "all",
                "",
                "\"expressionSelectors\": [{\"key\": \"tier\", \"operator\": \"DoesNotExist\"}], \"labelSelectors\": {\"app\": \"web\"}"))
        .containsExactly("default/web-1", "default/web-2");
    assertThat(selected("all", "", "\"namespaces\": [\"other\"]")).containsExactly("other/web-3");
    assertThat(
            selected(
                "all",
                "",
                "\"pods\": {\"other\": [\"web-3\"], \"default\": [\"db-1\", \"missing\"]}"))
        .containsExactlyInAnyOrder("other/web-3", "default/db-1");
  }

  @Test
  void containerKindsRecordContainers() {
    emulator
        .chaosMesh()
        .addPod(new Pod("default", "multi", Map.of("app", "multi"), List.of("app", "sidecar")));

    create(
        "stresschaos",
        Manifests.manifest(
            "StressChaos",
            "cpu",
            "{}",
            "\"mode\": \"all\", \"selector\": {\"labelSelectors\": {\"app\": \"multi\"}}, \"stressors\": {\"cpu\": {\"workers\": 1}}"));
    create(
        "podchaos",
        Manifests.manifest(
            "PodChaos",
            "kill-sidecar",
            "{}",
            "\"action\": \"container-kill\", \"containerNames\": [\"sidecar\"], \"mode\": \"all\", \"selector\": {\"labelSelectors\": {\"app\": \"multi\"}}"));

    assertThat(ids(awaitStatus("stresschaos", "cpu", s -> !phases(s).isEmpty())))
        .containsExactly("default/multi/app");
    assertThat(ids(awaitStatus("podchaos", "kill-sidecar", s -> !phases(s).isEmpty())))
        .containsExactly("default/multi/sidecar");
  }

  private List<String> selected(String mode, String value, String selector) {
    String name = "pick-" + Integer.toHexString(System.identityHashCode(new Object()));
    create(
        "podchaos",
        Manifests.manifest(
            "PodChaos",
            name,
            "{}",
            "\"action\": \"pod-failure\", \"mode\": \""
                + mode
                + "\""
                + (value.isEmpty() ? "" : ", \"value\": \"" + value + "\"")
                + ", \"selector\": {"
                + selector
                + "}"));
    return ids(awaitStatus("podchaos", name, s -> !phases(s).isEmpty()));
  }

  private void create(String plural, String manifest) {
    KubeHttp.Answer answer = http.post(chaos("default", plural, null), manifest);
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(201);
  }

  private void pause(String plural, String name) {
    KubeHttp.Answer answer =
        http.mergePatch(
            chaos("default", plural, name),
            "{\"metadata\": {\"annotations\": {\"experiment.chaos-mesh.org/pause\": \"true\"}}}");
    assertThat(answer.code()).isEqualTo(200);
  }

  private JsonNode get(String plural, String name) {
    return http.get(chaos("default", plural, name)).body();
  }

  private JsonNode awaitStatus(
      String plural, String name, java.util.function.Predicate<JsonNode> done) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              last[0] = get(plural, name).path("status");
              return done.test(last[0]);
            });
    return last[0];
  }

  private static List<String> phases(JsonNode status) {
    List<String> phases = new ArrayList<>();
    status
        .path("experiment")
        .path("containerRecords")
        .forEach(r -> phases.add(r.path("phase").asText()));
    return phases;
  }

  private static List<String> ids(JsonNode status) {
    List<String> ids = new ArrayList<>();
    status.path("experiment").path("containerRecords").forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  private static String condition(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals(type)) {
        return condition.path("status").asText();
      }
    }
    return "";
  }

  private List<String> reasons(String name) {
    return eventField(name, "reason");
  }

  private List<String> messages(String name) {
    return eventField(name, "message");
  }

  private List<String> eventField(String name, String field) {
    List<String> values = new ArrayList<>();
    http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D" + name)
        .body()
        .path("items")
        .forEach(e -> values.add(e.path(field).asText()));
    return values;
  }
}
