package io.github.faultexperiment.emulator.k8s;

import static io.github.faultexperiment.emulator.k8s.KubeHttp.chaos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.emulator.local.EchoUpstream;
import io.github.faultexperiment.emulator.local.FaultReach;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "StressChaos on the emulated pods: host effects when the run opts in, unfelt otherwise")
class ChaosMeshHostEffectTests {
  // A stress record is applied once its child JVM runs: about 0.6 s, longer on a busy machine.
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SELECTOR =
      "\"mode\": \"all\", \"selector\": {\"labelSelectors\": {\"app\": \"web\"}}";

  private final EchoUpstream service = new EchoUpstream();
  private FaultEmulator emulator;
  private KubeHttp http;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator.chaosMesh().timings(ChaosMeshTimings.of(Duration.ofMillis(10)));
    emulator.registerPod("default", "web-1", Map.of("app", "web"), service.uri());
    http = new KubeHttp(emulator.endpoint(), "test");
  }

  @AfterEach
  void stop() {
    emulator.close();
    service.close();
  }

  @Test
  void withoutTheOptInAStressChaosIsNotFeltAndNamesTheOptIn() {
    String id = create("cpu", "\"stressors\": {\"cpu\": {\"workers\": 1, \"load\": 50}}");
    awaitPhases("cpu", "Injected");

    JsonNode reach =
        http.get("/_emulator/local-targets/reach?experiment=" + id).body().path("reach").get(0);
    assertThat(reach.path("status").asText()).isEqualTo("NOT_FELT_LOCALLY");
    assertThat(reach.path("actionType").asText()).isEqualTo("chaos-mesh:StressChaos/stress");
    assertThat(reach.path("effect").asText()).contains("cpu stress: 1 worker(s) at 50%");
    assertThat(reach.path("detail").asText() + " " + reach.path("remedy").asText())
        .contains(
            "host effects are off for this run",
            "faultexperiment.emulator.host-effects=true",
            "--host-effects DIR");
    assertThat(emulator.hostEffects().running()).isZero();
  }

  @Test
  void aCpuStressRunsWhileInjectedAndEndsWhenPaused() {
    emulator.hostEffects().settings(HostEffectSettings.on(null));

    String id = create("cpu", "\"stressors\": {\"cpu\": {\"workers\": 1, \"load\": 100}}");
    awaitPhases("cpu", "Injected");

    List<FaultReach> reach = emulator.faultReach(id);
    assertThat(reach)
        .singleElement()
        .satisfies(
            one -> {
              assertThat(one.status()).isEqualTo(FaultReach.Status.REACHED);
              assertThat(one.actionName()).isEqualTo("default/web-1/main");
              assertThat(one.localTargets()).containsExactly("host");
              assertThat(one.effect()).isEqualTo("cpu stress: 1 worker(s) at 100%");
            });
    long child = emulator.hostEffects().pids().get(0);
    Duration startCpu = cpu(child);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(cpu(child)).isGreaterThan(startCpu.plusMillis(300)));

    http.mergePatch(
        chaos("default", "stresschaos", "cpu"),
        "{\"metadata\": {\"annotations\": {\"experiment.chaos-mesh.org/pause\": \"true\"}}}");
    awaitPhases("cpu", "Not Injected");

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(child).filter(ProcessHandle::isAlive).isEmpty());
    assertThat(emulator.hostEffects().running()).isZero();
  }

  @Test
  void aMemoryAndCpuStressHoldsTheSizeInOneChildUntilTheObjectIsDeleted() throws IOException {
    emulator.hostEffects().settings(HostEffectSettings.on(null).withMemoryCap(64L << 20));

    String id =
        create(
            "both",
            "\"stressors\": {\"memory\": {\"workers\": 2, \"size\": \"32MB\"},"
                + " \"cpu\": {\"workers\": 1, \"load\": 20}}");
    awaitPhases("both", "Injected");

    // 32MB is decimal, as Chaos Mesh reads it: 32,000,000 bytes, 30 MiB.
    assertThat(emulator.faultReach(id))
        .singleElement()
        .satisfies(
            one ->
                assertThat(one.effect())
                    .isEqualTo(
                        "cpu stress: 1 worker(s) at 20%; memory stress: 30 MiB held (size 32MB,"
                            + " capped at 64 MiB)"));
    assertThat(emulator.hostEffects().pids()).hasSize(1);
    long child = emulator.hostEffects().pids().get(0);
    assertThat(residentBytes(child)).isGreaterThan(32_000_000L);

    http.delete(chaos("default", "stresschaos", "both"));
    await()
        .atMost(WAIT)
        .until(() -> http.get(chaos("default", "stresschaos", "both")).code() == 404);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(child).filter(ProcessHandle::isAlive).isEmpty());
    assertThat(emulator.hostEffects().running()).isZero();
  }

  @Test
  void aSizeChaosMeshWouldRefuseIsReportedInvalidNamingIt() {
    emulator.hostEffects().settings(HostEffectSettings.on(null));

    String id = create("bad", "\"stressors\": {\"memory\": {\"workers\": 1, \"size\": \"lots\"}}");
    awaitPhases("bad", "Injected");

    assertThat(emulator.faultReach(id))
        .singleElement()
        .satisfies(
            one -> {
              assertThat(one.status()).isEqualTo(FaultReach.Status.INVALID);
              assertThat(one.detail()).contains("size", "256MB", "'lots'");
            });
    assertThat(emulator.hostEffects().running()).isZero();
  }

  private String create(String name, String stressors) {
    KubeHttp.Answer answer =
        http.post(
            chaos("default", "stresschaos", null),
            Manifests.manifest("StressChaos", name, "{}", SELECTOR + ", " + stressors));
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(201);
    return "default/stresschaos/" + name;
  }

  private void awaitPhases(String name, String phase) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              JsonNode records =
                  http.get(chaos("default", "stresschaos", name))
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

  private static Duration cpu(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(p -> p.info().totalCpuDuration())
        .orElseThrow(() -> new AssertionError("the stress child " + pid + " is gone"));
  }

  /** The child's resident memory, from /proc (Linux); every page the stress holds is written. */
  private static long residentBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new AssertionError("no VmRSS for " + pid);
  }
}
