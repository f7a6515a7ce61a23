package io.github.faultexperiment.emulator.k8s;

import static io.github.faultexperiment.emulator.k8s.KubeHttp.chaos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.EchoUpstream;
import io.github.faultexperiment.emulator.local.FaultReach;
import io.github.faultexperiment.emulator.local.LocalTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Chaos Mesh experiments felt by the application through pods' local targets")
class ChaosMeshLocalFaultTests {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final EchoUpstream service = new EchoUpstream();
  private FaultEmulator emulator;
  private KubeHttp http;
  private LocalTarget web;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator.chaosMesh().timings(ChaosMeshTimings.of(Duration.ofMillis(10)));
    web = emulator.registerPod("default", "web-1", Map.of("app", "web"), service.uri());
    http = new KubeHttp(emulator.endpoint(), "test");
  }

  @AfterEach
  void stop() {
    emulator.close();
    service.close();
  }

  @Test
  void aNetworkChaosDelayIsFeltWhileInjectedAndGoneOnceRecovered() throws IOException {
    assertThat(Echo.roundTrip(web.port())).isLessThan(Duration.ofMillis(300));
    String uid = create("networkchaos", Manifests.networkDelay("slow", "400ms", ""));
    awaitPhases("networkchaos", "slow", "Injected");

    assertThat(Echo.roundTrip(web.port())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    List<FaultReach> reach = emulator.faultReach(uid);
    assertThat(reach).hasSize(1);
    assertThat(reach.get(0).status()).isEqualTo(FaultReach.Status.REACHED);
    assertThat(reach.get(0).actionName()).isEqualTo("default/web-1");
    assertThat(reach.get(0).actionType()).isEqualTo("chaos-mesh:NetworkChaos/delay");
    assertThat(reach.get(0).localTargets()).containsExactly("k8s:pod/default/web-1");

    http.mergePatch(
        chaos("default", "networkchaos", "slow"),
        "{\"metadata\": {\"annotations\": {\"experiment.chaos-mesh.org/pause\": \"true\"}}}");
    awaitPhases("networkchaos", "slow", "Not Injected");

    assertThat(Echo.roundTrip(web.port())).isLessThan(Duration.ofMillis(300));
    assertThat(web.activeFaults()).isEmpty();
  }

  @Test
  void anHttpChaosDelayIsFeltOnThePodsConnections() throws IOException {
    String id =
        create(
            "httpchaos",
            Manifests.manifest(
                "HTTPChaos",
                "slow-http",
                "{}",
                "\"mode\": \"all\", \"selector\": {\"labelSelectors\": {\"app\": \"web\"}},"
                    + " \"target\": \"Request\", \"port\": 8080, \"delay\": \"400ms\""));
    awaitPhases("httpchaos", "slow-http", "Injected");

    assertThat(Echo.roundTrip(web.port())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(emulator.faultReach(id))
        .extracting(FaultReach::actionType)
        .containsExactly("chaos-mesh:HTTPChaos/delay");
  }

  @Test
  void aPodFailureTakesThePodAwayUntilTheExperimentIsDeleted() throws IOException {
    create("podchaos", Manifests.podChaos("down", "pod-failure", "{}", ""));
    awaitPhases("podchaos", "down", "Injected");

    assertThatThrownBy(() -> Echo.roundTrip(web.port())).isInstanceOf(IOException.class);

    http.delete(chaos("default", "podchaos", "down"));
    await().atMost(WAIT).until(() -> http.get(chaos("default", "podchaos", "down")).code() == 404);
    assertThat(Echo.roundTrip(web.port())).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void kindsWithoutALocalEffectAndPodsWithoutATargetAreReportedUnfelt() {
    emulator.chaosMesh().addPod(Pod.of("default", "bare", Map.of("app", "bare")));
    String stress =
        create(
            "stresschaos",
            Manifests.manifest(
                "StressChaos",
                "cpu",
                "{}",
                "\"mode\": \"all\", \"selector\": {\"labelSelectors\": {\"app\": \"web\"}},"
                    + " \"stressors\": {\"cpu\": {\"workers\": 1}}"));
    String dns =
        create(
            "dnschaos",
            Manifests.manifest(
                "DNSChaos",
                "dns",
                "{}",
                "\"action\": \"error\", \"mode\": \"all\", \"selector\": {\"labelSelectors\":"
                    + " {\"app\": \"web\"}}"));
    String bare =
        create(
            "networkchaos",
            Manifests.manifest(
                "NetworkChaos",
                "bare",
                "{}",
                "\"action\": \"loss\", \"mode\": \"all\", \"selector\": {\"labelSelectors\":"
                    + " {\"app\": \"bare\"}}, \"loss\": {\"loss\": \"50\"}"));
    awaitPhases("stresschaos", "cpu", "Injected");
    awaitPhases("dnschaos", "dns", "Injected");
    awaitPhases("networkchaos", "bare", "Injected");

    assertThat(emulator.faultReach(stress))
        .extracting(FaultReach::status)
        .containsExactly(FaultReach.Status.NOT_FELT_LOCALLY);
    assertThat(emulator.faultReach(dns))
        .extracting(FaultReach::status)
        .containsExactly(FaultReach.Status.NO_LOCAL_EFFECT);
    assertThat(emulator.faultReach(bare))
        .extracting(FaultReach::status)
        .containsExactly(FaultReach.Status.UNREACHED);
    JsonNode overHttp = http.get("/_emulator/local-targets/reach?experiment=" + stress).body();
    assertThat(overHttp.path("reach").get(0).path("status").asText()).isEqualTo("NOT_FELT_LOCALLY");
  }

  @Test
  void aPodRegisteredOverHttpIsListedWithItsLabels() {
    KubeHttp.Answer registered =
        http.post(
            "/_emulator/local-targets",
            "{\"resource\": \"k8s:pod/shop/cart-1\", \"upstream\": \""
                + service.uri()
                + "\", \"tags\": {\"app\": \"cart\"}, \"attributes\": {\"containers\":"
                + " \"cart,istio-proxy\"}}");

    assertThat(registered.code()).isEqualTo(201);
    JsonNode pod = http.get("/api/v1/namespaces/shop/pods/cart-1").body();
    assertThat(pod.path("metadata").path("labels").path("app").asText()).isEqualTo("cart");
    List<String> containers = new ArrayList<>();
    pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
    assertThat(containers).containsExactly("cart", "istio-proxy");
    emulator.localTargets().register("k8s:pod/shop/cart-2;app=cart;tier=front=" + service.uri());
    assertThat(
            http.get("/api/v1/namespaces/shop/pods?labelSelector=tier%3Dfront")
                .body()
                .path("items")
                .get(0)
                .path("metadata")
                .path("name")
                .asText())
        .as("labels given the command line's way, after the identity")
        .isEqualTo("cart-2");
    assertThat(
            http.post(
                    "/_emulator/local-targets",
                    "{\"resource\": \"k8s:pod/Shop/x\", \"upstream\": \"" + service.uri() + "\"}")
                .code())
        .as("a namespace must be a DNS label")
        .isEqualTo(400);
  }

  private String create(String plural, String manifest) {
    KubeHttp.Answer answer = http.post(chaos("default", plural, null), manifest);
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(201);
    // The emulator names a Chaos Mesh experiment NAMESPACE/PLURAL/NAME in action events and reach.
    return "default/" + plural + "/" + answer.body().path("metadata").path("name").asText();
  }

  private void awaitPhases(String plural, String name, String phase) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              JsonNode records =
                  http.get(chaos("default", plural, name))
                      .body()
                      .path("status")
                      .path("experiment")
                      .path("containerRecords");
              if (records.isEmpty()) {
                return false;
              }
              for (JsonNode record : records) {
                if (!record.path("phase").asText().equals(phase)) {
                  return false;
                }
              }
              return true;
            });
  }
}
