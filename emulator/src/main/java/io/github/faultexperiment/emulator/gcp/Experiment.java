package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** One experiment and its state; guarded by the lock of {@link ExperimentStore}. */
final class Experiment {
  final String name;
  final String project;
  final String location;
  final long sequence;
  final String displayName;
  final String description;
  final String experimentTemplate;
  final ObjectNode template;
  final boolean startOnCreate;
  final Instant createTime;
  final List<AffectedResource> affectedResources = new ArrayList<>();

  State state = State.PREPARING;
  EndReason endReason;
  String endNotes;
  Instant startTime;
  Instant stateUpdateTime;
  Instant stopTime;

  /** Whether listeners have been told the fault is live (and not yet that it ended). */
  boolean faultLive;

  /** The next scheduled transition, cancelled when a stop overtakes it. */
  ScheduledFuture<?> next;

  Experiment(
      String name,
      long sequence,
      String displayName,
      String description,
      ObjectNode template,
      boolean startOnCreate,
      Instant createTime) {
    this.name = name;
    String[] parts = name.split("/");
    this.project = parts[1];
    this.location = parts[3];
    this.sequence = sequence;
    this.displayName = displayName;
    this.description = description;
    this.experimentTemplate = template.get("name").asText();
    this.template = template;
    this.startOnCreate = startOnCreate;
    this.createTime = createTime;
    this.stateUpdateTime = createTime;
    affectedResources.addAll(
        AffectedResource.forAction(name, "affectedResources", action(), project));
  }

  String id() {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  ObjectNode action() {
    return (ObjectNode) template.get("action");
  }

  Duration templateDuration() {
    return Json.parseDuration(template.get("duration").asText(), "duration");
  }

  void moveTo(State newState, Instant now) {
    state = newState;
    stateUpdateTime = now;
  }

  ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("name", name);
    putIfSet(json, "displayName", displayName);
    putIfSet(json, "description", description);
    json.put("experimentTemplate", experimentTemplate);
    putIfSet(json, "templateDisplayName", template.path("displayName").asText(null));
    putIfSet(json, "templateDescription", template.path("description").asText(null));
    json.put("templateDuration", template.get("duration").asText());
    json.set("effectiveAction", action().deepCopy());
    if (startOnCreate) {
      json.put("startOnCreateEnabled", true);
    }
    json.put("state", state.name());
    if (endReason != null) {
      json.put("endReason", endReason.name());
    }
    putIfSet(json, "endNotes", endNotes);
    json.put("createTime", Json.formatTimestamp(createTime));
    if (startTime != null) {
      json.put("startTime", Json.formatTimestamp(startTime));
    }
    json.put("stateUpdateTime", Json.formatTimestamp(stateUpdateTime));
    if (stopTime != null) {
      json.put("stopTime", Json.formatTimestamp(stopTime));
    }
    return json;
  }

  FaultTestingExperiment toView() {
    return new FaultTestingExperiment(
        name,
        id(),
        experimentTemplate,
        displayName,
        state.name(),
        endReason == null ? null : endReason.name(),
        endNotes,
        createTime,
        startTime,
        stopTime);
  }

  private static void putIfSet(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
