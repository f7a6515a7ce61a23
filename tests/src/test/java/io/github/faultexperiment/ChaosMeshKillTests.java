package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.chaosmesh.ChaosMeshProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.k8s.ChaosMeshTimings;
import io.github.faultexperiment.emulator.k8s.Pod;
import io.github.faultexperiment.fixtures.SafetyTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The test JVM ends under a Chaos Mesh experiment: a forked JVM runs a blocking fixture against
 * this JVM's emulator as a real cluster (a kubeconfig naming its URL and token, allow-listed), so
 * the emulator's cluster outlives the process and both JVMs see the same objects.
 */
// Alone in the JVM: the forks must not queue for the two cores behind other classes.
@Isolated
class ChaosMeshKillTests {
  private static final String CONTEXT = "kill-test";
  private static FaultEmulator emulator;

  @TempDir static Path files;

  @BeforeAll
  static void startCluster() {
    emulator = FaultEmulator.builder().start();
  }

  @AfterAll
  static void stopCluster() {
    emulator.close();
  }

  @BeforeEach
  void checkoutPods() {
    emulator.reset();
    emulator.chaosMesh().timings(ChaosMeshTimings.of(Duration.ofMillis(10)));
    emulator.chaosMesh().addPod(Pod.of("default", "checkout-1", Map.of("app", "checkout")));
    emulator.chaosMesh().addPod(Pod.of("default", "checkout-2", Map.of("app", "checkout")));
  }

  @Test
  void sigtermStopsTheExperimentInTheShutdownHook() throws Exception {
    Process fork = fork(Map.of(), "sigterm");
    awaitInjected(fork);

    fork.destroy();

    assertThat(fork.waitFor(60, TimeUnit.SECONDS)).isTrue();
    awaitNothingInjected();
  }

  @Test
  void sigkillLeavesItToTheNextRunsSweep() throws Exception {
    Map<String, String> shortLease =
        Map.of(
            FaultExperimentProperties.LEASE_DURATION, "PT1S",
            FaultExperimentProperties.MAX_EXPERIMENT_LIFETIME, "PT1S");
    Process fork = fork(shortLease, "sigkill");
    awaitInjected(fork);

    fork.destroyForcibly();
    assertThat(fork.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(injectedPhases()).as("nobody stopped it").containsOnly("Injected").hasSize(2);

    Thread.sleep(2_100); // the lease (1 s, in whole epoch seconds) lapses
    Path log = files.resolve("sweep.log");
    Map<String, String> sweepSettings = parameters();
    sweepSettings.putAll(shortLease);
    Process sweep =
        Forks.start(
            sweepSettings,
            log,
            SweepCommand.class.getName(),
            "--provider",
            ChaosMeshProperties.PROVIDER_ID);
    assertThat(sweep.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).contains("abandoned=1 not_stopped=0");
    assertThat(sweep.exitValue()).isZero();

    awaitNothingInjected();
  }

  private Process fork(Map<String, String> extra, String name) throws IOException {
    Map<String, String> properties = parameters();
    properties.putAll(extra);
    properties.put(FaultExperimentProperties.SWEEP, "false");
    return Forks.start(
        properties,
        files.resolve(name + ".log"),
        ForkedRun.class.getName(),
        SafetyTestCase.Blocks.class.getName());
  }

  /** A real cluster's settings: a kubeconfig naming the emulator, and both allow-lists. */
  private static Map<String, String> parameters() throws IOException {
    Path kubeconfig = files.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: emulator
          cluster:
            server: %s
        users:
        - name: tests
          user:
            token: %s
        contexts:
        - name: %s
          context:
            cluster: emulator
            user: tests
            namespace: default
        current-context: %s
        """
            .formatted(
                emulator.endpoint(), emulator.settings().secretAccessKey(), CONTEXT, CONTEXT));
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, ChaosMeshProperties.PROVIDER_ID);
    parameters.put(ChaosMeshProperties.KUBECONFIG, kubeconfig.toString());
    parameters.put(ChaosMeshProperties.ALLOWED_CONTEXTS, CONTEXT);
    parameters.put(ChaosMeshProperties.ALLOWED_NAMESPACES, "default");
    parameters.put(ChaosMeshProperties.RECOVERY_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.STOP_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.REPORT_DIR, files.resolve("reports").toString());
    return parameters;
  }

  private static void awaitInjected(Process fork) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                injectedPhases().size() == 2
                        && injectedPhases().stream().allMatch("Injected"::equals)
                    || !fork.isAlive());
    assertThat(fork.isAlive()).as("the forked JVM runs the body").isTrue();
  }

  /** Every record of every chaos object ended: {@code Not Injected}, or the object is gone. */
  private static void awaitNothingInjected() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(injectedPhases())
                    .as("the records' phases (none when the object is gone)")
                    .allSatisfy(phase -> assertThat(phase).isEqualTo("Not Injected")));
  }

  /** The phase of every record of every chaos object in the emulator's cluster. */
  private static List<String> injectedPhases() {
    List<String> phases = new ArrayList<>();
    for (JsonNode object : emulator.chaosMesh().objects()) {
      object
          .path("status")
          .path("experiment")
          .path("containerRecords")
          .forEach(record -> phases.add(record.path("phase").asText()));
    }
    return phases;
  }
}
