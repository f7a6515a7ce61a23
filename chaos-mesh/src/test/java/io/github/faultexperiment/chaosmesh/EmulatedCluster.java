package io.github.faultexperiment.chaosmesh;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.k8s.ChaosMeshTimings;
import io.github.faultexperiment.emulator.k8s.Pod;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.SafetySettings;
import io.github.faultexperiment.spi.StartRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The emulator's Chaos Mesh with fast timings and two web pods, and providers talking to it. */
final class EmulatedCluster implements AutoCloseable {
  static final String OWNER = "test-host/1/run-tests";
  static final SafetySettings SAFETY =
      new SafetySettings(
          Duration.ofMinutes(5), Duration.ofHours(1), true, 5, Duration.ofSeconds(10));

  final FaultEmulator emulator = FaultEmulator.builder().start();

  EmulatedCluster() {
    reset();
  }

  /** Forgets every object; fast timings; pods web-1 and web-2 (app=web) in default. */
  void reset() {
    emulator.reset();
    emulator.chaosMesh().timings(ChaosMeshTimings.of(Duration.ofMillis(10)));
    emulator.chaosMesh().addPod(Pod.of("default", "web-1", Map.of("app", "web")));
    emulator.chaosMesh().addPod(Pod.of("default", "web-2", Map.of("app", "web")));
  }

  ChaosMeshFaultProvider provider(Map<String, String> parameters) {
    return provider(parameters, OWNER, SAFETY);
  }

  /**
   * A provider in embedded mode; the environment names a kubeconfig that does not exist, which
   * embedded mode must never read.
   */
  ChaosMeshFaultProvider provider(
      Map<String, String> parameters, String owner, SafetySettings safety) {
    Configuration configuration =
        Configuration.of(parameters, Map.of("KUBECONFIG", "/nonexistent/kubeconfig"));
    EmulatorEndpoint endpoint =
        new EmulatorEndpoint(
            emulator.endpoint(),
            emulator.settings().accessKeyId(),
            emulator.settings().secretAccessKey());
    return ChaosMeshFaultProvider.create(
        new ProviderContext(configuration, safety, owner, Optional.of(endpoint)));
  }

  static StartRequest request(String test, boolean dryRun) {
    return new StartRequest(
        UUID.randomUUID().toString(),
        "run-tests",
        "[engine:junit-jupiter]/[class:Tests]/[method:" + test + "()]",
        "Tests." + test,
        Map.of("team", "checkout"),
        dryRun);
  }

  @Override
  public void close() {
    emulator.close();
  }
}
