package io.github.faultexperiment.emulator.k8s;

import static io.github.faultexperiment.emulator.k8s.KubeHttp.chaos;
import static org.assertj.core.api.Assertions.assertThat;

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

@DisplayName("Kubernetes API subset over plain HTTP: shapes, errors and auth")
class ChaosMeshApiTests {
  private FaultEmulator emulator;
  private KubeHttp http;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().credentials("key", "s3cret").start();
    emulator.chaosMesh().timings(ChaosMeshTimings.of(Duration.ofMillis(10)));
    emulator.chaosMesh().addPod(Pod.of("default", "web-1", Map.of("app", "web")));
    http = new KubeHttp(emulator.endpoint(), "s3cret");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void discoveryNamesTheChaosGroupAndItsKinds() {
    assertThat(
            new KubeHttp(emulator.endpoint(), null).get("/version").body().path("major").asText())
        .isEqualTo("1");
    assertThat(http.get("/api").body().path("versions").get(0).asText()).isEqualTo("v1");
    assertThat(http.get("/apis").body().path("groups").get(0).path("name").asText())
        .isEqualTo("chaos-mesh.org");
    List<String> plurals = new ArrayList<>();
    http.get(KubeHttp.CHAOS)
        .body()
        .path("resources")
        .forEach(r -> plurals.add(r.path("name").asText()));
    assertThat(plurals)
        .containsExactly(
            "podchaos",
            "networkchaos",
            "httpchaos",
            "stresschaos",
            "iochaos",
            "timechaos",
            "dnschaos",
            "jvmchaos");
  }

  @Test
  void createThenGetListPatchAndDeleteWithApiserverMetadata() {
    KubeHttp.Answer created =
        http.post(
            chaos("default", "podchaos", null),
            Manifests.podChaos("web-fail", "pod-failure", "{\"run\": \"r1\"}", ""));

    assertThat(created.code()).isEqualTo(201);
    JsonNode metadata = created.body().path("metadata");
    assertThat(metadata.path("namespace").asText()).isEqualTo("default");
    assertThat(metadata.path("uid").asText()).matches("[0-9a-f-]{36}");
    assertThat(metadata.path("resourceVersion").asText()).isNotEmpty();
    assertThat(metadata.path("creationTimestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(created.body().path("spec").path("selector").path("namespaces"))
        .as("the mutating webhook fills the experiment's own namespace")
        .containsExactly(KubeHttp.JSON.getNodeFactory().textNode("default"));

    JsonNode got = http.get(chaos("default", "podchaos", "web-fail")).body();
    assertThat(got.path("kind").asText()).isEqualTo("PodChaos");
    assertThat(got.path("metadata").path("uid")).isEqualTo(metadata.path("uid"));

    JsonNode list = http.get(chaos("default", "podchaos", null) + "?labelSelector=run%3Dr1").body();
    assertThat(list.path("kind").asText()).isEqualTo("PodChaosList");
    assertThat(list.path("items")).hasSize(1);
    assertThat(
            http.get(chaos("default", "podchaos", null) + "?labelSelector=run%3Dother")
                .body()
                .path("items"))
        .isEmpty();
    assertThat(
            http.get(KubeHttp.CHAOS + "/podchaos?labelSelector=run%20in%20(r1,r2)")
                .body()
                .path("items"))
        .as("listed across namespaces with a set-based selector")
        .hasSize(1);

    KubeHttp.Answer patched =
        http.mergePatch(
            chaos("default", "podchaos", "web-fail"),
            "{\"metadata\": {\"annotations\": {\"lease\": \"until-10\"}}}");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.body().path("metadata").path("annotations").path("lease").asText())
        .isEqualTo("until-10");

    KubeHttp.Answer deleted = http.delete(chaos("default", "podchaos", "web-fail"));
    assertThat(deleted.code()).isEqualTo(200);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> http.get(chaos("default", "podchaos", "web-fail")).code() == 404);
  }

  @Test
  void aDryRunCreateValidatesWithoutStoring() {
    KubeHttp.Answer dry =
        http.post(
            chaos("default", "podchaos", null) + "?dryRun=All",
            Manifests.podChaos("dry", "pod-kill", "{}", ""));
    KubeHttp.Answer invalid =
        http.post(
            chaos("default", "podchaos", null) + "?dryRun=All",
            Manifests.podChaos("dry", "pod-explode", "{}", ""));

    assertThat(dry.code()).isEqualTo(201);
    assertThat(dry.body().path("metadata").path("name").asText()).isEqualTo("dry");
    assertThat(http.get(chaos("default", "podchaos", "dry")).code()).isEqualTo(404);
    assertThat(invalid.code()).isEqualTo(422);
  }

  @Test
  void errorsAreStatusObjectsAsTheApiserverWritesThem() {
    http.post(
        chaos("default", "podchaos", null), Manifests.podChaos("dup", "pod-failure", "{}", ""));

    JsonNode notFound = http.get(chaos("default", "podchaos", "nope")).body();
    assertThat(notFound.path("kind").asText()).isEqualTo("Status");
    assertThat(notFound.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(notFound.path("status").asText()).isEqualTo("Failure");
    assertThat(notFound.path("reason").asText()).isEqualTo("NotFound");
    assertThat(notFound.path("code").asInt()).isEqualTo(404);
    assertThat(notFound.path("message").asText())
        .isEqualTo("podchaos.chaos-mesh.org \"nope\" not found");
    assertThat(notFound.path("details").path("group").asText()).isEqualTo("chaos-mesh.org");

    KubeHttp.Answer exists =
        http.post(
            chaos("default", "podchaos", null), Manifests.podChaos("dup", "pod-failure", "{}", ""));
    assertThat(exists.code()).isEqualTo(409);
    assertThat(exists.body().path("reason").asText()).isEqualTo("AlreadyExists");
    assertThat(exists.body().path("message").asText())
        .isEqualTo("podchaos.chaos-mesh.org \"dup\" already exists");

    KubeHttp.Answer invalid =
        http.post(
            chaos("default", "networkchaos", null),
            Manifests.manifest(
                "NetworkChaos",
                "bad",
                "{}",
                "\"action\": \"delay\", \"mode\": \"some\", \"selector\": {}"));
    assertThat(invalid.code()).isEqualTo(422);
    assertThat(invalid.body().path("reason").asText()).isEqualTo("Invalid");
    assertThat(invalid.body().path("details").path("causes").get(0).path("field").asText())
        .isEqualTo("spec.mode");
    assertThat(invalid.body().path("message").asText())
        .startsWith(
            "NetworkChaos.chaos-mesh.org \"bad\" is invalid: spec.mode: Unsupported value: \"some\"");

    KubeHttp.Answer missing =
        http.post(
            chaos("default", "podchaos", null),
            Manifests.manifest("PodChaos", "bad", "{}", "\"mode\": \"all\", \"selector\": {}"));
    assertThat(missing.body().path("message").asText())
        .isEqualTo("PodChaos.chaos-mesh.org \"bad\" is invalid: spec.action: Required value");

    KubeHttp.Answer badValue =
        http.post(
            chaos("default", "podchaos", null),
            Manifests.manifest(
                "PodChaos",
                "bad",
                "{}",
                "\"action\": \"pod-kill\", \"mode\": \"fixed\", \"value\": \"0\", \"selector\": {}"));
    assertThat(badValue.code()).as("the validating webhook denies").isEqualTo(403);
    assertThat(badValue.body().path("message").asText())
        .isEqualTo(
            "admission webhook \"vpodchaos.kb.io\" denied the request: spec.value: Invalid value:"
                + " \"0\": value must be greater than 0 with mode:fixed");

    assertThat(http.get("/apis/chaos-mesh.org/v1alpha1/namespaces/default/awschaos").code())
        .isEqualTo(404);
  }

  @Test
  void theSpecCannotChangeAfterCreation() {
    http.post(
        chaos("default", "podchaos", null), Manifests.podChaos("fixed", "pod-failure", "{}", ""));

    KubeHttp.Answer refused =
        http.mergePatch(chaos("default", "podchaos", "fixed"), "{\"spec\": {\"mode\": \"one\"}}");

    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.body().path("message").asText())
        .isEqualTo(
            "admission webhook \"vpodchaos.kb.io\" denied the request: Cannot update chaos spec");
    assertThat(
            http.get(chaos("default", "podchaos", "fixed"))
                .body()
                .path("spec")
                .path("mode")
                .asText())
        .isEqualTo("all");
    assertThat(
            http.send(
                    "PATCH",
                    chaos("default", "podchaos", "fixed"),
                    "{}",
                    "application/strategic-merge-patch+json")
                .code())
        .as("a custom resource takes no strategic merge patch")
        .isEqualTo(415);
  }

  @Test
  void anyOtherTokenIsUnauthorized() {
    KubeHttp.Answer wrong =
        new KubeHttp(emulator.endpoint(), "test").get(chaos("default", "podchaos", null));
    KubeHttp.Answer none =
        new KubeHttp(emulator.endpoint(), null).get("/api/v1/namespaces/default/pods");

    assertThat(wrong.code()).isEqualTo(401);
    assertThat(wrong.body().path("kind").asText()).isEqualTo("Status");
    assertThat(wrong.body().path("reason").asText()).isEqualTo("Unauthorized");
    assertThat(none.code()).isEqualTo(401);
  }

  @Test
  void podsAndEventsAreListedAndFiltered() {
    emulator.chaosMesh().addPod(Pod.of("shop", "cart-1", Map.of("app", "cart")));
    http.post(
        chaos("default", "podchaos", null), Manifests.podChaos("evented", "pod-failure", "{}", ""));

    JsonNode pods = http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb").body();
    assertThat(pods.path("kind").asText()).isEqualTo("PodList");
    assertThat(pods.path("items")).hasSize(1);
    assertThat(pods.path("items").get(0).path("metadata").path("name").asText()).isEqualTo("web-1");
    assertThat(http.get("/api/v1/pods").body().path("items")).hasSize(2);
    assertThat(
            http.get("/api/v1/namespaces/shop/pods/cart-1")
                .body()
                .path("metadata")
                .path("labels")
                .path("app")
                .asText())
        .isEqualTo("cart");
    assertThat(http.get("/api/v1/namespaces/shop/pods/nope").code()).isEqualTo(404);

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              JsonNode events =
                  http.get(
                          "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Devented")
                      .body();
              List<String> reasons = new ArrayList<>();
              events.path("items").forEach(e -> reasons.add(e.path("reason").asText()));
              assertThat(reasons).contains("Started", "Applied");
            });
    assertThat(
            http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dother")
                .body()
                .path("items"))
        .isEmpty();
  }

  @Test
  void theTestControlsAnswerOverHttp() {
    KubeHttp.Answer timings =
        http.send(
            "PUT",
            "/_emulator/chaos-mesh/timings",
            "{\"injection\": \"25ms\", \"recovery\": \"PT0.03S\"}",
            "application/json");
    assertThat(timings.code()).isEqualTo(200);
    assertThat(timings.body().path("injection").asText()).isEqualTo("PT0.025S");
    assertThat(emulator.chaosMesh().timings().recovery()).isEqualTo(Duration.ofMillis(30));
    assertThat(emulator.chaosMesh().timings().selection()).isEqualTo(Duration.ofMillis(10));

    KubeHttp.Answer pod =
        http.post(
            "/_emulator/chaos-mesh/pods",
            "{\"namespace\": \"shop\", \"name\": \"cart-1\", \"labels\": {\"app\":"
                + " \"cart\"}, \"containers\": [\"cart\"]}");
    assertThat(pod.code()).isEqualTo(200);
    assertThat(http.get("/api/v1/namespaces/shop/pods/cart-1").code()).isEqualTo(200);
    assertThat(
            http.delete("/_emulator/chaos-mesh/pods?namespace=shop&name=cart-1")
                .body()
                .path("removed")
                .asBoolean())
        .isTrue();
    assertThat(http.get("/api/v1/namespaces/shop/pods/cart-1").code()).isEqualTo(404);

    http.post(
        chaos("default", "podchaos", null), Manifests.podChaos("listed", "pod-failure", "{}", ""));
    assertThat(http.get("/_emulator/chaos-mesh/objects").body().path("objects")).hasSize(1);
    assertThat(http.post("/_emulator/chaos-mesh/reset", "{}").code()).isEqualTo(200);
    assertThat(http.get("/_emulator/chaos-mesh/objects").body().path("objects")).isEmpty();

    KubeHttp.Answer unknown = http.post("/_emulator/chaos-mesh/explode", "{}");
    assertThat(unknown.code()).isEqualTo(400);
    assertThat(unknown.body().path("message").asText()).contains("docs/emulator-chaos-mesh.md");
    assertThat(
            http.post("/_emulator/chaos-mesh/injectionFailures", "{\"namespace\": \"default\"}")
                .body()
                .path("message")
                .asText())
        .isEqualTo("'name' (a string) is required");
  }

  @Test
  void aCreateRefusalAnswersRbacForbiddenUntilCreatesAreAllowedAgain() {
    assertThat(
            http.post(
                    "/_emulator/chaos-mesh/createRefusals",
                    "{\"user\": \"system:serviceaccount:ci:chaos-tests\"}")
                .code())
        .isEqualTo(200);

    KubeHttp.Answer refused =
        http.post(
            chaos("default", "podchaos", null),
            Manifests.podChaos("web-fail", "pod-failure", "{}", ""));
    KubeHttp.Answer dryRun =
        http.post(
            chaos("default", "podchaos", null) + "?dryRun=All",
            Manifests.podChaos("web-fail", "pod-failure", "{}", ""));

    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.body().path("kind").asText()).isEqualTo("Status");
    assertThat(refused.body().path("reason").asText()).isEqualTo("Forbidden");
    assertThat(refused.body().path("code").asInt()).isEqualTo(403);
    assertThat(refused.body().path("message").asText())
        .isEqualTo(
            "podchaos.chaos-mesh.org is forbidden: User \"system:serviceaccount:ci:chaos-tests\""
                + " cannot create resource \"podchaos\" in API group \"chaos-mesh.org\" in the"
                + " namespace \"default\"");
    assertThat(refused.body().path("details").path("group").asText()).isEqualTo("chaos-mesh.org");
    assertThat(refused.body().path("details").path("kind").asText()).isEqualTo("podchaos");
    assertThat(dryRun.code()).as("RBAC authorizes a dry run as a create").isEqualTo(403);
    assertThat(http.get(chaos("default", "podchaos", null)).body().path("items"))
        .as("a refused create stores nothing")
        .isEmpty();

    assertThat(http.delete("/_emulator/chaos-mesh/createRefusals").code()).isEqualTo(200);
    assertThat(
            http.post(
                    chaos("default", "podchaos", null),
                    Manifests.podChaos("web-fail", "pod-failure", "{}", ""))
                .code())
        .isEqualTo(201);
  }

  @Test
  void resetAllowsCreatesAgain() {
    emulator.chaosMesh().refuseCreates("system:serviceaccount:default:tests");
    emulator.chaosMesh().reset();

    assertThat(
            http.post(
                    chaos("default", "podchaos", null),
                    Manifests.podChaos("web-fail", "pod-failure", "{}", ""))
                .code())
        .isEqualTo(201);
  }
}
