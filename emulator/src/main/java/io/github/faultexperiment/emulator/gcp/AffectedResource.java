package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One resource an experiment affects, or a validation checked (the API's {@code AffectedResource}
 * and {@code ValidationResource} have the same shape); follows its owner's state unless it has
 * failed.
 */
final class AffectedResource {
  final String name;
  final Target target;
  private State failedIn;
  private String failure;

  AffectedResource(String name, Target target) {
    this.name = name;
    this.target = target;
  }

  /**
   * One record per resource the (validated) action addresses, named {@code
   * {owner}/{collection}/{id}} with the resource's short name as id, made unique by a suffix.
   */
  static List<AffectedResource> forAction(
      String owner, String collection, ObjectNode action, String project) {
    List<AffectedResource> resources = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Target target : Target.of(action, project)) {
      String id = target.displayName().toLowerCase().replaceAll("[^a-z0-9-]", "-");
      String unique = id;
      for (int n = 2; !ids.add(unique); n++) {
        unique = id + "-" + n;
      }
      resources.add(new AffectedResource(owner + "/" + collection + "/" + unique, target));
    }
    return resources;
  }

  void fail(State state, String message) {
    failedIn = state;
    failure = message;
  }

  boolean failed() {
    return failure != null;
  }

  String failure() {
    return failure;
  }

  ObjectNode toJson(State experimentState) {
    return toJson(experimentState, experimentState.resourceMessage);
  }

  /**
   * The resource in its owner's state; {@code healthyMessage} is its stateMessage unless failed.
   */
  ObjectNode toJson(State experimentState, String healthyMessage) {
    ObjectNode json = Json.object();
    json.put("name", name);
    json.put("affectedResourceUri", target.uri());
    json.put("displayName", target.displayName());
    // The REST reference writes cloudConsoleUrl, its RPC rendering cloud_console_path: the JSON
    // name is the REST one.
    json.put("cloudConsoleUrl", target.consoleUrl());
    if (failure == null) {
      json.put("state", experimentState.name());
      json.put("stateMessage", healthyMessage);
    } else {
      json.put("state", experimentState == State.COMPLETED ? "COMPLETED" : failedIn.name());
      json.put("stateMessage", "Failed while " + failedIn.name() + ": " + failure);
      ObjectNode error = json.putObject("error");
      error.put("code", RpcCode.FAILED_PRECONDITION.number);
      error.put("message", failure);
    }
    return json;
  }
}
