package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One action of a running experiment; guarded by its experiment's lock. */
final class ActionRun {
  final String name;
  final String actionId;
  final String description;
  final Map<String, String> parameters;
  final Map<String, String> targets;
  final List<String> startAfter;
  final Duration duration;
  List<String> resolvedTargets = List.of();
  String status = ExperimentStatus.PENDING;
  String reason = "Initial state";
  Instant startTime;
  Instant endTime;

  ActionRun(
      String name,
      String actionId,
      String description,
      Map<String, String> parameters,
      Map<String, String> targets,
      List<String> startAfter,
      Duration duration) {
    this.name = name;
    this.actionId = actionId;
    this.description = description;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    this.startAfter = List.copyOf(startAfter);
    this.duration = duration;
  }

  boolean finished() {
    return !ExperimentStatus.isActive(status);
  }

  void move(String newStatus, String newReason) {
    status = newStatus;
    reason = newReason;
  }

  /** The {@code ExperimentAction} shape. */
  ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("actionId", actionId);
    if (description != null) {
      json.put("description", description);
    }
    json.set("parameters", Json.stringMapNode(parameters));
    json.set("targets", Json.stringMapNode(targets));
    if (!startAfter.isEmpty()) {
      ArrayNode after = json.putArray("startAfter");
      startAfter.forEach(after::add);
    }
    ObjectNode state = json.putObject("state");
    state.put("status", status);
    state.put("reason", reason);
    if (startTime != null) {
      json.set("startTime", Json.timestamp(startTime));
    }
    if (endTime != null) {
      json.set("endTime", Json.timestamp(endTime));
    }
    return json;
  }

  List<String> resolvedTargets() {
    return new ArrayList<>(resolvedTargets);
  }
}
