package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.chaosmesh.ChaosStatus.Record;
import io.github.faultexperiment.chaosmesh.ChaosStatus.RecordEvent;
import io.github.faultexperiment.spi.ActionSnapshot;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Chaos Mesh's words as neutral snapshots. Chaos Mesh has no overall state and no "finished" flag,
 * so the phase is read from the desired phase and the records:
 *
 * <ul>
 *   <li>INJECTED: desired phase {@code Run}, at least one record, every record exactly {@code
 *       Injected} (the {@code /Wait} phases are not; the {@code AllInjected} condition, which lags
 *       the records, is only a cross-check in the details);
 *   <li>STARTING: anything short of that while the desired phase is {@code Run} (or not yet
 *       written);
 *   <li>ENDING: desired phase {@code Stop}, being deleted, paused by us or failed, while a record
 *       is not yet exactly {@code Not Injected};
 *   <li>ENDED: every record {@code Not Injected} then, or the object gone.
 * </ul>
 *
 * The outcome is FAILED when the provider saw selection or injection fail, STOPPED when someone
 * paused or deleted it (us included), COMPLETED when the duration ran out.
 */
final class ChaosSnapshots {
  static final String APPLY = "Apply";
  static final String RECOVER = "Recover";

  private ChaosSnapshots() {}

  /** How the provider itself stopped an experiment. */
  enum StoppedBy {
    NOBODY,
    PAUSE,
    DELETE
  }

  /**
   * What the provider knows beyond the object: the template and what it did or decided.
   *
   * @param templateId the template the experiment was started from, or empty
   * @param stoppedBy how this provider stopped it
   * @param failure the selection or injection failure it saw, or {@code null}
   */
  record Known(String templateId, StoppedBy stoppedBy, String failure) {
    static Known nothing(String templateId) {
      return new Known(templateId, StoppedBy.NOBODY, null);
    }
  }

  /** The snapshot of an object as read now. */
  static ExperimentSnapshot of(
      ExperimentRef ref, ChaosStatus status, Known known, String cluster, Instant now) {
    boolean recovered = status.allRecovered();
    Phase phase;
    Outcome outcome = Outcome.NONE;
    if (known.failure() != null) {
      phase = recovered ? Phase.ENDED : Phase.ENDING;
      outcome = Outcome.FAILED;
    } else if (status.deleting() || status.stop() || known.stoppedBy() != StoppedBy.NOBODY) {
      phase = recovered ? Phase.ENDED : Phase.ENDING;
      if (recovered) {
        outcome =
            status.deleting() || status.paused() || known.stoppedBy() != StoppedBy.NOBODY
                ? Outcome.STOPPED
                : Outcome.COMPLETED;
      }
    } else if (status.run() && status.allInjected()) {
      phase = Phase.INJECTED;
    } else {
      phase = Phase.STARTING;
    }
    String fault = ref.kind().kind() + "/" + ref.kind().action(status.spec());
    List<ActionSnapshot> actions = new ArrayList<>();
    for (Record record : status.records()) {
      actions.add(action(record, fault, status));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("kind", ref.kind().kind());
    details.put("namespace", ref.namespace());
    details.put("name", ref.name());
    details.put("cluster", cluster);
    details.put("fault", fault);
    details.put("uid", status.uid());
    details.put("desiredPhase", status.desiredPhase());
    details.put("conditions", new TreeMap<>(status.conditions()));
    details.put("records", recordDetails(status.records()));
    crossCheck(status).ifPresent(note -> details.put("crossCheck", note));
    return new ExperimentSnapshot(
        ref.id(),
        ref.path(),
        known.templateId(),
        phase,
        outcome,
        state(status, known),
        summary(status),
        error(status, known),
        actions,
        status.createdAt(),
        phase == Phase.ENDED ? ended(status, now) : null,
        status.records().isEmpty()
            ? Optional.empty()
            : Optional.of(status.records().stream().map(Record::id).toList()),
        details,
        now);
  }

  /** The snapshot of an experiment whose object is gone (deleted, and its finalizer cleared). */
  static ExperimentSnapshot gone(
      ExperimentRef ref, Known known, ExperimentSnapshot last, Instant now) {
    Map<String, Object> details = new LinkedHashMap<>(last == null ? Map.of() : last.details());
    details.put("kind", ref.kind().kind());
    details.put("namespace", ref.namespace());
    details.put("name", ref.name());
    return new ExperimentSnapshot(
        ref.id(),
        ref.path(),
        known.templateId(),
        Phase.ENDED,
        known.failure() != null ? Outcome.FAILED : Outcome.STOPPED,
        "Deleted",
        last == null ? "the object does not exist" : "the object is gone, its records recovered",
        known.failure() == null ? "" : known.failure(),
        last == null ? List.of() : last.actions(),
        last == null ? null : last.startTime(),
        last != null && last.endTime() != null ? last.endTime() : now,
        last == null ? Optional.empty() : last.addressedResources(),
        details,
        now);
  }

  /**
   * The selection failure Chaos Mesh reported, or {@code null}: no record, and a {@code Failed}
   * event about the object (the controller selects once and never retries).
   */
  static String selectionFailure(ChaosStatus status, List<JsonNode> events) {
    if (!status.records().isEmpty()) {
      return null;
    }
    List<String> messages = new ArrayList<>();
    for (JsonNode event : events) {
      if (event.path("reason").asText("").equals("Failed")) {
        messages.add(event.path("message").asText(""));
      }
    }
    return messages.isEmpty() ? null : String.join("; ", messages.stream().distinct().toList());
  }

  /**
   * The injection failures of the records while the experiment should run, or {@code null}: each
   * record whose last event is a failed {@code Apply}, with its message.
   */
  static String injectionFailure(ChaosStatus status) {
    if (!status.run()) {
      return null;
    }
    String failures =
        status.records().stream()
            .filter(record -> record.lastFailure(APPLY) != null)
            .map(record -> record.id() + ": " + record.lastFailure(APPLY).message())
            .collect(Collectors.joining("; "));
    return failures.isEmpty() ? null : "injection failed on " + failures;
  }

  /** The records not yet recovered, with their last recovery failure, for messages. */
  static String unrecovered(ChaosStatus status) {
    return status.unrecovered().stream()
        .map(
            record ->
                record.id()
                    + " ("
                    + record.phase()
                    + (record.lastFailure(RECOVER) == null
                        ? ""
                        : ", recovery failed: " + record.lastFailure(RECOVER).message())
                    + ")")
        .collect(Collectors.joining(", "));
  }

  /** The records' pods and containers, as the last snapshot saw them. */
  @SuppressWarnings("unchecked")
  static BlastRadius blastRadius(ExperimentSnapshot experiment) {
    if (!(experiment.details().get("records") instanceof List<?> records) || records.isEmpty()) {
      return new BlastRadius(
          List.of(), List.of(), "no target was selected: Chaos Mesh recorded no pod or container");
    }
    String cluster = String.valueOf(experiment.details().getOrDefault("cluster", ""));
    String fault = String.valueOf(experiment.details().getOrDefault("fault", ""));
    List<ResolvedTarget> targets = new ArrayList<>();
    for (Object item : records) {
      Map<String, Object> record = (Map<String, Object>) item;
      String id = String.valueOf(record.get("id"));
      targets.add(
          new ResolvedTarget(
              fault + " selector " + record.get("selectorKey"),
              id.split("/").length == 3 ? "Container" : "Pod",
              id,
              cluster));
    }
    return new BlastRadius(targets, List.of(), "");
  }

  private static ActionSnapshot action(Record record, String fault, ChaosStatus status) {
    Phase phase;
    if (record.injected()) {
      phase = Phase.INJECTED;
    } else if (record.notInjected()) {
      phase = record.injectedCount() > 0 ? Phase.ENDED : Phase.STARTING;
    } else {
      // a /Wait phase: on its way in while it should run, on its way out otherwise
      phase = status.run() && !status.deleting() ? Phase.STARTING : Phase.ENDING;
    }
    RecordEvent failure =
        record.lastFailure(APPLY) != null ? record.lastFailure(APPLY) : record.lastFailure(RECOVER);
    return new ActionSnapshot(
        record.id(),
        fault,
        phase,
        record.phase(),
        failure == null ? "" : failure.operation() + " failed: " + failure.message(),
        record.lastSucceeded(APPLY),
        record.notInjected() ? record.lastSucceeded(RECOVER) : null);
  }

  private static String state(ChaosStatus status, Known known) {
    if (status.deleting()) {
      return "Deleting";
    }
    if (status.stop()) {
      return status.paused() ? "Paused" : "Finished";
    }
    if (known.failure() != null) {
      return "Failed";
    }
    if (status.run()) {
      return status.allInjected() ? "Running" : "Injecting";
    }
    return "Pending";
  }

  /** e.g. {@code desired phase Run; 2 records: 1 Injected, 1 Not Injected/Wait}. */
  private static String summary(ChaosStatus status) {
    String desired =
        status.desiredPhase().isEmpty()
            ? "no desired phase yet"
            : "desired phase " + status.desiredPhase();
    if (status.records().isEmpty()) {
      return desired + "; no target selected";
    }
    Map<String, Long> phases =
        status.records().stream()
            .collect(Collectors.groupingBy(Record::phase, TreeMap::new, Collectors.counting()));
    return desired
        + "; "
        + status.records().size()
        + (status.records().size() == 1 ? " record: " : " records: ")
        + phases.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
  }

  private static String error(ChaosStatus status, Known known) {
    if (known.failure() != null) {
      return known.failure();
    }
    String recoveries =
        status.records().stream()
            .filter(record -> record.lastFailure(RECOVER) != null)
            .map(record -> record.id() + ": " + record.lastFailure(RECOVER).message())
            .collect(Collectors.joining("; "));
    return recoveries.isEmpty() ? "" : "recovery failed on " + recoveries;
  }

  private static Optional<String> crossCheck(ChaosStatus status) {
    String allInjected = status.conditions().get("AllInjected");
    if (allInjected == null || !status.run()) {
      return Optional.empty();
    }
    boolean condition = allInjected.equals("True");
    if (condition == status.allInjected()) {
      return Optional.empty();
    }
    return Optional.of(
        "condition AllInjected is "
            + allInjected
            + " while the records say "
            + (status.allInjected() ? "all" : "not all")
            + " injected (the condition lags the records; the records decide)");
  }

  private static Instant ended(ChaosStatus status, Instant now) {
    Instant last = null;
    for (Record record : status.records()) {
      Instant recovered = record.lastSucceeded(RECOVER);
      if (recovered != null && (last == null || recovered.isAfter(last))) {
        last = recovered;
      }
    }
    return last == null ? now : last;
  }

  private static List<Map<String, Object>> recordDetails(List<Record> records) {
    List<Map<String, Object>> details = new ArrayList<>();
    for (Record record : records) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("id", record.id());
      map.put("selectorKey", record.selectorKey());
      map.put("phase", record.phase());
      map.put("injectedCount", record.injectedCount());
      map.put("recoveredCount", record.recoveredCount());
      details.add(map);
    }
    return details;
  }
}
