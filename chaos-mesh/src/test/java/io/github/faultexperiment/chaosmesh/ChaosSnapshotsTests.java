package io.github.faultexperiment.chaosmesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.faultexperiment.chaosmesh.ChaosSnapshots.Known;
import io.github.faultexperiment.chaosmesh.ChaosSnapshots.StoppedBy;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chaos Mesh v2.8 status, as its controllers write it, read as neutral snapshots. */
class ChaosSnapshotsTests {
  private static final ExperimentRef REF =
      new ExperimentRef(ChaosKind.NETWORK_CHAOS, "shop", "fx-delay-0123456789");
  private static final Known NOTHING = Known.nothing("web-delay");
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @Test
  void everyRecordExactlyInjectedWhileRunningIsInjected() {
    ExperimentSnapshot snapshot =
        snapshot(
            object(
                "Run",
                false,
                false,
                record("shop/web-1", "Injected"),
                record("shop/web-2", "Injected")),
            NOTHING);

    assertThat(snapshot.phase()).isEqualTo(Phase.INJECTED);
    assertThat(snapshot.state()).isEqualTo("Running");
    assertThat(snapshot.reason()).isEqualTo("desired phase Run; 2 records: 2 Injected");
    assertThat(snapshot.addressedResources()).contains(List.of("shop/web-1", "shop/web-2"));
    assertThat(snapshot.actions()).allSatisfy(a -> assertThat(a.phase()).isEqualTo(Phase.INJECTED));
  }

  @Test
  void aWaitPhaseOrNoRecordIsNotInjectedYet() {
    assertThat(
            snapshot(
                    object(
                        "Run",
                        false,
                        false,
                        record("shop/web-1", "Injected"),
                        record("shop/web-2", "Not Injected/Wait")),
                    NOTHING)
                .phase())
        .isEqualTo(Phase.STARTING);
    assertThat(
            snapshot(object("Run", false, false, record("shop/web-1", "Injected/Wait")), NOTHING)
                .phase())
        .isEqualTo(Phase.STARTING);
    ExperimentSnapshot none = snapshot(object("Run", false, false), NOTHING);
    assertThat(none.phase()).isEqualTo(Phase.STARTING);
    assertThat(none.addressedResources()).isEmpty();
    assertThat(snapshot(object("", false, false), NOTHING).state()).isEqualTo("Pending");
  }

  @Test
  void allInjectedIsOnlyACrossCheckOfTheRecords() {
    JsonNode lagging = object("Run", false, false, record("shop/web-1", "Injected"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) lagging.path("status"))
        .putArray("conditions")
        .addObject()
        .put("type", "AllInjected")
        .put("status", "False");

    ExperimentSnapshot snapshot = snapshot(lagging, NOTHING);

    assertThat(snapshot.phase()).isEqualTo(Phase.INJECTED);
    assertThat(snapshot.details().get("crossCheck").toString()).contains("AllInjected is False");
  }

  @Test
  void theDurationRunningOutCompletesOncEveryRecordIsRecovered() {
    assertThat(
            snapshot(object("Stop", false, false, record("shop/web-1", "Injected/Wait")), NOTHING)
                .phase())
        .isEqualTo(Phase.ENDING);

    ExperimentSnapshot ended =
        snapshot(object("Stop", false, false, record("shop/web-1", "Not Injected")), NOTHING);

    assertThat(ended.phase()).isEqualTo(Phase.ENDED);
    assertThat(ended.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(ended.state()).isEqualTo("Finished");
  }

  @Test
  void pausedOrDeletedIsStopped() {
    ExperimentSnapshot paused =
        snapshot(object("Stop", true, false, record("shop/web-1", "Not Injected")), NOTHING);
    assertThat(paused.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(paused.state()).isEqualTo("Paused");

    ExperimentSnapshot deleting =
        snapshot(object("Stop", false, true, record("shop/web-1", "Injected")), NOTHING);
    assertThat(deleting.phase()).isEqualTo(Phase.ENDING);
    assertThat(deleting.state()).isEqualTo("Deleting");
  }

  @Test
  void ourPauseIsNotEndedBeforeTheControllerHasSeenIt() {
    Known paused = new Known("web-delay", StoppedBy.PAUSE, null);

    assertThat(
            snapshot(object("Run", true, false, record("shop/web-1", "Injected")), paused).phase())
        .isEqualTo(Phase.ENDING);
    assertThat(
            snapshot(object("Stop", true, false, record("shop/web-1", "Not Injected")), paused)
                .outcome())
        .isEqualTo(Outcome.STOPPED);
  }

  @Test
  void aFailureIsFailedOnceRecoveredAndSaysWhy() {
    Known failed = new Known("web-delay", StoppedBy.DELETE, "injection failed on shop/web-1: boom");

    ExperimentSnapshot ending =
        snapshot(object("Stop", false, true, record("shop/web-1", "Injected")), failed);
    ExperimentSnapshot gone = ChaosSnapshots.gone(REF, failed, ending, NOW);

    assertThat(ending.phase()).isEqualTo(Phase.ENDING);
    assertThat(ending.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(gone.phase()).isEqualTo(Phase.ENDED);
    assertThat(gone.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(gone.error()).isEqualTo("injection failed on shop/web-1: boom");
  }

  @Test
  void injectionFailuresAreTheRecordsLastFailedApplyEvents() {
    JsonNode object =
        object(
            "Run",
            false,
            false,
            record("shop/web-1", "Injected"),
            record("shop/web-2", "Not Injected", "Failed", "Apply", "chaos-daemon unreachable"));

    assertThat(ChaosSnapshots.injectionFailure(ChaosStatus.of(object)))
        .isEqualTo("injection failed on shop/web-2: chaos-daemon unreachable");
    assertThat(
            ChaosSnapshots.injectionFailure(
                ChaosStatus.of(object("Run", false, false, record("shop/web-1", "Injected")))))
        .isNull();
  }

  @Test
  void aSelectionFailureIsAFailedEventWithoutRecords() throws Exception {
    ChaosStatus none = ChaosStatus.of(object("Run", false, false));
    List<JsonNode> events =
        List.of(
            JSON.readTree("{\"reason\":\"Started\",\"message\":\"Experiment has started\"}"),
            JSON.readTree(
                "{\"reason\":\"Failed\",\"message\":\"Failed to select targets: no pod is selected\"}"));

    assertThat(ChaosSnapshots.selectionFailure(none, events))
        .isEqualTo("Failed to select targets: no pod is selected");
    assertThat(ChaosSnapshots.selectionFailure(none, events.subList(0, 1))).isNull();
    assertThat(
            ChaosSnapshots.selectionFailure(
                ChaosStatus.of(object("Run", false, false, record("shop/web-1", "Injected"))),
                events))
        .isNull();
  }

  @Test
  void theBlastRadiusIsTheRecordsPodsAndContainers() {
    ExperimentSnapshot snapshot =
        snapshot(
            object(
                "Run",
                false,
                false,
                record("shop/web-1", "Injected"),
                record("shop/web-2/app", "Injected")),
            NOTHING);

    assertThat(ChaosSnapshots.blastRadius(snapshot).targets())
        .extracting(t -> t.resourceType() + " " + t.identifier() + " " + t.account())
        .containsExactly("Pod shop/web-1 emulator", "Container shop/web-2/app emulator");
    assertThat(ChaosSnapshots.blastRadius(snapshot(object("Run", false, false), NOTHING)).note())
        .contains("no target was selected");
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ExperimentSnapshot snapshot(JsonNode object, Known known) {
    return ChaosSnapshots.of(REF, ChaosStatus.of(object), known, "emulator", NOW);
  }

  private static String record(String id, String phase) {
    return "{\"id\":\""
        + id
        + "\",\"selectorKey\":\".\",\"phase\":\""
        + phase
        + "\",\"injectedCount\":1}";
  }

  private static String record(
      String id, String phase, String type, String operation, String message) {
    return "{\"id\":\""
        + id
        + "\",\"selectorKey\":\".\",\"phase\":\""
        + phase
        + "\",\"events\":[{\"type\":\""
        + type
        + "\",\"operation\":\""
        + operation
        + "\",\"message\":\""
        + message
        + "\",\"timestamp\":\"2026-12-07T11:59:00Z\"}]}";
  }

  private static JsonNode object(
      String desired, boolean paused, boolean deleting, String... records) {
    String metadata =
        "{\"name\":\"fx-delay-0123456789\",\"namespace\":\"shop\",\"uid\":\"u-1\","
            + "\"creationTimestamp\":\"2026-12-07T11:58:00Z\""
            + (paused ? ",\"annotations\":{\"experiment.chaos-mesh.org/pause\":\"true\"}" : "")
            + (deleting ? ",\"deletionTimestamp\":\"2026-12-07T11:59:30Z\"" : "")
            + "}";
    String experiment =
        "{"
            + (desired.isEmpty() ? "" : "\"desiredPhase\":\"" + desired + "\",")
            + "\"containerRecords\":["
            + String.join(",", records)
            + "]}";
    try {
      return JSON.readTree(
          "{\"apiVersion\":\"chaos-mesh.org/v1alpha1\",\"kind\":\"NetworkChaos\",\"metadata\":"
              + metadata
              + ",\"spec\":{\"action\":\"delay\"},\"status\":{\"experiment\":"
              + experiment
              + "}}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
