package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One validation (the API's own dry run) and its state; guarded by the lock of {@link Validations}.
 */
final class Validation {
  /** A checked resource's stateMessage once the validation found nothing wrong with it. */
  static final String RESOURCE_OK = "Resolved; the action can be applied to this resource.";

  final String name;
  final long sequence;
  final String displayName;
  final String description;
  final ObjectNode action;
  final Instant createTime;
  final List<AffectedResource> resources;

  State state = State.PREPARING;
  Instant stopTime;

  /** The end of the dry run, cancelled when the validation is deleted first. */
  ScheduledFuture<?> next;

  Validation(
      String name,
      long sequence,
      String displayName,
      String description,
      ObjectNode action,
      Instant createTime) {
    this.name = name;
    this.sequence = sequence;
    this.displayName = displayName;
    this.description = description;
    this.action = action;
    this.createTime = createTime;
    this.resources =
        List.copyOf(
            AffectedResource.forAction(name, "validationResources", action, name.split("/")[1]));
  }

  ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("name", name);
    if (displayName != null) {
      json.put("displayName", displayName);
    }
    if (description != null) {
      json.put("description", description);
    }
    json.set("action", action.deepCopy());
    json.put("state", state.name());
    json.put("createTime", Json.formatTimestamp(createTime));
    if (stopTime != null) {
      json.put("stopTime", Json.formatTimestamp(stopTime));
    }
    return json;
  }

  ObjectNode resourceJson(AffectedResource resource) {
    return resource.toJson(state, state == State.COMPLETED ? RESOURCE_OK : state.resourceMessage);
  }
}
