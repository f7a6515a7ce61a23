package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One resource an experiment affects; follows its experiment's state unless it has failed. */
final class AffectedResource {
  final String name;
  final Target target;
  private State failedIn;
  private String failure;

  AffectedResource(String name, Target target) {
    this.name = name;
    this.target = target;
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
    ObjectNode json = Json.object();
    json.put("name", name);
    json.put("affectedResourceUri", target.uri());
    json.put("displayName", target.displayName());
    if (failure == null) {
      json.put("state", experimentState.name());
      json.put("stateMessage", experimentState.resourceMessage);
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
