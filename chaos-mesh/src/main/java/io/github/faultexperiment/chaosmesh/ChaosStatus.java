package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chaos object's state as Chaos Mesh v2.8 writes it ({@code api/v1alpha1}): the desired phase,
 * the records and their events, the conditions, the pause annotation and the deletion mark. Read
 * only; no decision is made here.
 *
 * @param object the object as last read
 * @param desiredPhase {@code Run}, {@code Stop}, or empty before the controller's first pass
 * @param records {@code status.experiment.containerRecords}, empty before targets are selected
 * @param conditions {@code status.conditions} by type: {@code True}/{@code False}
 * @param paused whether the pause annotation is {@code "true"}
 * @param deletedAt the deletion mark, or {@code null}
 * @param createdAt the creation time, or {@code null}
 */
record ChaosStatus(
    JsonNode object,
    String desiredPhase,
    List<Record> records,
    Map<String, String> conditions,
    boolean paused,
    Instant deletedAt,
    Instant createdAt) {

  static final String PAUSE = "experiment.chaos-mesh.org/pause";
  static final String FINALIZER = "chaos-mesh/records";
  static final String INJECTED = "Injected";
  static final String NOT_INJECTED = "Not Injected";

  ChaosStatus {
    records = List.copyOf(records);
    conditions = Map.copyOf(conditions);
  }

  /**
   * One record: a pod or container the experiment selected.
   *
   * @param id {@code ns/pod} or {@code ns/pod/container} (other forms for node-level kinds)
   * @param selectorKey which selector picked it ({@code .}, {@code .Target})
   * @param phase exactly as written: {@code Not Injected}, {@code Injected}, or a {@code /Wait}
   * @param injectedCount how often it was applied
   * @param recoveredCount how often it was recovered
   * @param events its last events, oldest first
   */
  record Record(
      String id,
      String selectorKey,
      String phase,
      int injectedCount,
      int recoveredCount,
      List<RecordEvent> events) {
    Record {
      events = List.copyOf(events);
    }

    boolean injected() {
      return phase.equals(INJECTED);
    }

    boolean notInjected() {
      return phase.equals(NOT_INJECTED);
    }

    /** The last event, if it is a failure of this operation ({@code Apply}/{@code Recover}). */
    RecordEvent lastFailure(String operation) {
      if (events.isEmpty()) {
        return null;
      }
      RecordEvent last = events.get(events.size() - 1);
      return last.failed() && last.operation().equals(operation) ? last : null;
    }

    /** When the last event of this operation succeeded, or {@code null}. */
    Instant lastSucceeded(String operation) {
      Instant at = null;
      for (RecordEvent event : events) {
        if (!event.failed() && event.operation().equals(operation)) {
          at = event.timestamp();
        }
      }
      return at;
    }
  }

  /**
   * One event of a record.
   *
   * @param type {@code Succeeded} or {@code Failed}
   * @param operation {@code Apply} or {@code Recover}
   * @param message the failure, or empty
   * @param timestamp when, or {@code null}
   */
  record RecordEvent(String type, String operation, String message, Instant timestamp) {
    boolean failed() {
      return type.equals("Failed");
    }
  }

  /** Reads an object as returned by the API server. */
  static ChaosStatus of(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    JsonNode experiment = object.path("status").path("experiment");
    List<Record> records = new ArrayList<>();
    for (JsonNode record : experiment.path("containerRecords")) {
      List<RecordEvent> events = new ArrayList<>();
      for (JsonNode event : record.path("events")) {
        events.add(
            new RecordEvent(
                event.path("type").asText(""),
                event.path("operation").asText(""),
                event.path("message").asText(""),
                time(event.path("timestamp"))));
      }
      records.add(
          new Record(
              record.path("id").asText(""),
              record.path("selectorKey").asText(""),
              record.path("phase").asText(""),
              record.path("injectedCount").asInt(),
              record.path("recoveredCount").asInt(),
              events));
    }
    Map<String, String> conditions = new LinkedHashMap<>();
    for (JsonNode condition : object.path("status").path("conditions")) {
      conditions.put(condition.path("type").asText(""), condition.path("status").asText(""));
    }
    return new ChaosStatus(
        object,
        experiment.path("desiredPhase").asText(""),
        records,
        conditions,
        "true".equals(metadata.path("annotations").path(PAUSE).asText("")),
        time(metadata.path("deletionTimestamp")),
        time(metadata.path("creationTimestamp")));
  }

  boolean deleting() {
    return deletedAt != null;
  }

  boolean run() {
    return desiredPhase.equals("Run");
  }

  boolean stop() {
    return desiredPhase.equals("Stop");
  }

  /** At least one record, and every one exactly {@code Injected} (a {@code /Wait} is not). */
  boolean allInjected() {
    return !records.isEmpty() && records.stream().allMatch(Record::injected);
  }

  /** Every record exactly {@code Not Injected} (true when none was ever selected). */
  boolean allRecovered() {
    return records.stream().allMatch(Record::notInjected);
  }

  /** The records still injected in any way (not exactly {@code Not Injected}). */
  List<Record> unrecovered() {
    return records.stream().filter(r -> !r.notInjected()).toList();
  }

  JsonNode spec() {
    return object.path("spec");
  }

  JsonNode annotations() {
    return object.path("metadata").path("annotations");
  }

  String uid() {
    return object.path("metadata").path("uid").asText("");
  }

  static Instant time(JsonNode node) {
    String text = node.asText("");
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notRfc3339) {
      return null;
    }
  }
}
