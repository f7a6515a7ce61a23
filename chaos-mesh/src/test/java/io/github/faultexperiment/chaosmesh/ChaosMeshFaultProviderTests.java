package io.github.faultexperiment.chaosmesh;

import static io.github.faultexperiment.chaosmesh.EmulatedCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.RecoveryTimeoutException;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTarget;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.SafetySettings;
import io.github.faultexperiment.spi.ServiceReport;
import io.github.faultexperiment.spi.StartRequest;
import io.github.faultexperiment.spi.TargetKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider against the emulator's Chaos Mesh, over real HTTP through fabric8. */
class ChaosMeshFaultProviderTests {
  private static EmulatedCluster cluster;
  private ChaosMeshFaultProvider provider;

  @BeforeAll
  static void startEmulator() {
    cluster = new EmulatedCluster();
  }

  @AfterAll
  static void stopEmulator() {
    cluster.close();
  }

  @BeforeEach
  void setUp() {
    cluster.reset();
    provider = cluster.provider(Map.of());
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  @Test
  void injectsANetworkChaosThenPausesItAndTidiesItAway() {
    ExperimentSnapshot started =
        provider.start(provider.resolveTemplate("web-delay"), request("delay", false));

    assertThat(started.id()).matches("default/networkchaos/fx-tests-delay-[0-9a-f]{10}");
    ExperimentSnapshot injected = awaitPhase(started.id(), Phase.INJECTED);
    assertThat(injected.state()).isEqualTo("Running");
    assertThat(injected.addressedResources()).contains(List.of("default/web-1", "default/web-2"));
    assertThat(injected.actions()).extracting(a -> a.state()).containsOnly("Injected");
    JsonNode object = onlyObject();
    assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText())
        .isEqualTo("fault-experiment-junit");
    assertThat(
            object.path("metadata").path("annotations").path("fault-experiment.io/owner").asText())
        .isEqualTo(EmulatedCluster.OWNER);
    assertThat(
            object
                .path("metadata")
                .path("annotations")
                .path("tags.fault-experiment.io/team")
                .asText())
        .isEqualTo("checkout");

    ExperimentSnapshot stopping = provider.stop(started.id());
    assertThat(stopping.phase()).isIn(Phase.ENDING, Phase.ENDED);
    ExperimentSnapshot ended = awaitPhase(started.id(), Phase.ENDED);

    assertThat(ended.outcome()).isEqualTo(Outcome.STOPPED);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> cluster.emulator.chaosMesh().objects().isEmpty());
  }

  @Test
  void aRetriedStartCarriesOnWithTheFirstObject() {
    ResolvedTemplate template = provider.resolveTemplate("web-delay");
    StartRequest request = request("retried", false);

    ExperimentSnapshot first = provider.start(template, request);
    ExperimentSnapshot second = provider.start(template, request);

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(cluster.emulator.chaosMesh().objects()).hasSize(1);
    provider.stop(first.id());
    awaitPhase(first.id(), Phase.ENDED);
  }

  @Test
  void aDryRunIsValidatedByTheServerAndCreatesNothing() {
    ExperimentSnapshot validated =
        provider.start(provider.resolveTemplate("web-failure"), request("dry", true));

    assertThat(validated.phase()).isEqualTo(Phase.ENDED);
    assertThat(validated.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(provider.describe(validated.id()).state()).isEqualTo("Validated");
    assertThat(cluster.emulator.chaosMesh().objects()).isEmpty();

    assertThatThrownBy(
            () -> provider.start(provider.resolveTemplate("bad-mode"), request("bad", true)))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> assertThat(e.reason()).isEqualTo(CloudApiException.Reason.INVALID_REQUEST))
        .hasMessageContaining("sometimes");
    assertThat(cluster.emulator.chaosMesh().objects()).isEmpty();
  }

  @Test
  void aOneShotPodKillIsStoppedByDeletingIt() {
    ExperimentSnapshot started =
        provider.start(provider.resolveTemplate("web-kill"), request("kill", false));
    awaitPhase(started.id(), Phase.INJECTED);

    provider.stop(started.id());
    ExperimentSnapshot ended = awaitPhase(started.id(), Phase.ENDED);

    assertThat(ended.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(cluster.emulator.chaosMesh().objects()).isEmpty();
  }

  @Test
  void aSelectorThatMatchesNothingFailsAtOnceWithChaosMeshsMessage() {
    ExperimentSnapshot started =
        provider.start(provider.resolveTemplate("nobody"), request("nobody", false));

    ExperimentSnapshot ended = awaitPhase(started.id(), Phase.ENDED);

    assertThat(ended.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended.error()).contains("selected no target").contains("select");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> cluster.emulator.chaosMesh().objects().isEmpty());
  }

  @Test
  void aFailedInjectionFailsWithTheRecordsMessagesAndIsTakenDown() {
    StartRequest request = request("broken", false);
    cluster
        .emulator
        .chaosMesh()
        .failInjection("default", ExperimentMarks.name(request), "chaos-daemon unreachable");

    ExperimentSnapshot started = provider.start(provider.resolveTemplate("web-failure"), request);
    ExperimentSnapshot ended = awaitPhase(started.id(), Phase.ENDED);

    assertThat(ended.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended.error())
        .contains("injection failed on default/web-")
        .contains("chaos-daemon unreachable");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> cluster.emulator.chaosMesh().objects().isEmpty());
  }

  @Test
  void aFinalizerThatDoesNotClearIsALoudRecoveryTimeoutNamingTheRecords() {
    try (ChaosMeshFaultProvider impatient =
        cluster.provider(Map.of(ChaosMeshProperties.RECOVERY_TIMEOUT, "PT0.3S"))) {
      StartRequest request = request("stuck", false);
      ExperimentSnapshot started = impatient.start(impatient.resolveTemplate("web-kill"), request);
      awaitPhase(impatient, started.id(), Phase.INJECTED);
      cluster
          .emulator
          .chaosMesh()
          .failRecovery("default", ExperimentMarks.name(request), "pod sandbox gone");

      impatient.stop(started.id());

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> impatient.describe(started.id()))
                      .isInstanceOf(RecoveryTimeoutException.class)
                      .hasMessageContaining("default/web-")
                      .hasMessageContaining("pod sandbox gone")
                      .hasMessageContaining("chaos-mesh/records")
                      .hasMessageContaining(ChaosMeshProperties.RECOVERY_TIMEOUT));
      JsonNode kept = onlyObject();
      assertThat(kept.path("metadata").path("finalizers").toString())
          .contains("chaos-mesh/records");

      cluster.emulator.chaosMesh().clearFailures("default", ExperimentMarks.name(request));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> cluster.emulator.chaosMesh().objects().isEmpty());
      assertThat(impatient.describe(started.id()).phase()).isEqualTo(Phase.ENDED);
    }
  }

  @Test
  void anExperimentWhoseDurationRunsOutCompletes() {
    ExperimentSnapshot started =
        provider.start(provider.resolveTemplate("short-delay"), request("short", false));
    awaitPhase(started.id(), Phase.INJECTED);

    ExperimentSnapshot ended = awaitPhase(started.id(), Phase.ENDED);

    assertThat(ended.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(ended.state()).isEqualTo("Finished");
    // the provider tidies the ended object away; describing it later still says how it ended
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> cluster.emulator.chaosMesh().objects().isEmpty());
    assertThat(provider.describe(started.id()).outcome()).isEqualTo(Outcome.COMPLETED);
  }

  @Test
  void leasesAreAnnotationsAndTheSweepFindsLapsedOnesOfOtherOwners() {
    SafetySettings shortLease =
        new SafetySettings(
            Duration.ofSeconds(1), Duration.ofHours(1), true, 5, Duration.ofSeconds(10));
    try (ChaosMeshFaultProvider crashed =
        cluster.provider(Map.of(), "other-host/2/run-gone", shortLease)) {
      ExperimentSnapshot started =
          crashed.start(crashed.resolveTemplate("web-delay"), request("crashed", false));
      awaitPhase(crashed, started.id(), Phase.INJECTED);

      assertThat(provider.activeExperiments())
          .singleElement()
          .satisfies(
              active -> {
                assertThat(active.id()).isEqualTo(started.id());
                assertThat(active.templateId()).isEqualTo("web-delay");
                assertThat(active.targets().orElseThrow())
                    .contains(TargetKey.partOf("chaos-mesh namespace default"));
              });
      assertThat(crashed.abandonedExperiments()).as("its own owner never sweeps it").isEmpty();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> provider.abandonedExperiments().contains(started.id()));

      crashed.renewLease(started.id());
      assertThat(provider.abandonedExperiments()).as("a renewed lease holds").isEmpty();

      provider.stop(started.id());
      assertThat(awaitPhase(started.id(), Phase.ENDED).outcome()).isEqualTo(Outcome.STOPPED);
    }
  }

  @Test
  void theReportIsTheLastObjectAndItsEventsAndTheBlastRadiusItsRecords(@TempDir Path directory)
      throws Exception {
    ExperimentSnapshot started =
        provider.start(provider.resolveTemplate("web-delay"), request("report", false));
    awaitPhase(started.id(), Phase.INJECTED);
    provider.stop(started.id());
    ExperimentSnapshot ended = awaitPhase(started.id(), Phase.ENDED);

    ServiceReport report = provider.serviceReport(ended, directory);
    BlastRadius radius = provider.blastRadius(ended);

    assertThat(report.status()).isEqualTo("downloaded");
    assertThat(report.artifacts()).hasSize(2);
    assertThat(Files.readString(report.artifacts().get(0).file())).contains("containerRecords");
    assertThat(Files.readString(report.artifacts().get(1).file()))
        .contains("Applied")
        .contains("Paused");
    assertThat(radius.targets())
        .extracting(ResolvedTarget::identifier)
        .containsExactlyInAnyOrder("default/web-1", "default/web-2");
    assertThat(radius.targets()).allSatisfy(t -> assertThat(t.account()).isEqualTo("emulator"));
  }

  @Test
  void aTemplateOutsideTheAllowedNamespacesIsRefusedNamingTheSetting() {
    try (ChaosMeshFaultProvider allowListed =
        cluster.provider(Map.of(ChaosMeshProperties.ALLOWED_NAMESPACES, "default"))) {
      allowListed.verifyAccess();
      assertThat(allowListed.resolveTemplate("web-delay").id()).isEqualTo("web-delay");
      assertThatThrownBy(() -> allowListed.resolveTemplate("elsewhere"))
          .isInstanceOf(FaultExperimentException.class)
          .hasMessageContaining("'payments'")
          .hasMessageContaining("faultexperiment.chaos-mesh.allowed-namespaces [default]");
    }
  }

  @Test
  void aClusterOutsideEmbeddedModeIsReachedThroughItsKubeconfigWithBothAllowLists(
      @TempDir Path directory) throws Exception {
    Path kubeconfig = directory.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: emulator
          cluster: {server: "SERVER"}
        users:
        - name: tester
          user: {token: TOKEN}
        contexts:
        - name: emulator
          context: {cluster: emulator, user: tester, namespace: default}
        current-context: emulator
        """
            .replace("SERVER", cluster.emulator.endpoint().toString())
            .replace("TOKEN", cluster.emulator.settings().secretAccessKey()));
    ChaosMeshFaultProvider real =
        ChaosMeshFaultProvider.create(
            new io.github.faultexperiment.spi.ProviderContext(
                io.github.faultexperiment.spi.Configuration.of(
                    Map.of(
                        ChaosMeshProperties.KUBECONFIG, kubeconfig.toString(),
                        ChaosMeshProperties.ALLOWED_CONTEXTS, "emulator",
                        ChaosMeshProperties.ALLOWED_NAMESPACES, "default"),
                    Map.of()),
                EmulatedCluster.SAFETY,
                EmulatedCluster.OWNER,
                java.util.Optional.empty()));
    try (real) {
      real.verifyAccess();
      ExperimentSnapshot started =
          real.start(real.resolveTemplate("web-delay"), request("real", false));
      awaitPhase(real, started.id(), Phase.INJECTED);
      real.stop(started.id());
      assertThat(awaitPhase(real, started.id(), Phase.ENDED).outcome()).isEqualTo(Outcome.STOPPED);
    }
  }

  @Test
  void anUnknownTemplateSaysWhereItLooked() {
    assertThatThrownBy(() -> provider.resolveTemplate("no-such"))
        .isInstanceOf(FaultExperimentException.class)
        .hasMessageContaining("fault-experiments/chaos-mesh/no-such")
        .hasMessageContaining(".yaml, .yml, .json");
  }

  @Test
  void describingAnObjectThatNeverExistedIsEndedNotAnError() {
    ExperimentSnapshot never = provider.describe("default/podchaos/fx-never-0123456789");

    assertThat(never.phase()).isEqualTo(Phase.ENDED);
    assertThat(provider.stop(never.id()).phase()).isEqualTo(Phase.ENDED);
  }

  private ExperimentSnapshot awaitPhase(String id, Phase phase) {
    return awaitPhase(provider, id, phase);
  }

  private static ExperimentSnapshot awaitPhase(
      ChaosMeshFaultProvider provider, String id, Phase phase) {
    Supplier<ExperimentSnapshot> describe = () -> provider.describe(id);
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(describe::get, snapshot -> snapshot.phase() == phase);
  }

  private static JsonNode onlyObject() {
    List<JsonNode> objects = cluster.emulator.chaosMesh().objects();
    assertThat(objects).hasSize(1);
    return objects.get(0);
  }
}
