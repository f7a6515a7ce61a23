package io.github.faultexperiment.gcp;

import java.time.Instant;
import java.util.Map;

/**
 * A Fault Testing validation ({@code projects.locations.validations}): the service's own dry run of
 * an action, which prepares and injects nothing.
 *
 * @param name {@code projects/{p}/locations/{l}/validations/{id}}
 * @param displayName for people
 * @param description who made it
 * @param action the action validated, as the template holds it
 * @param state {@code PREPARING}, then {@code COMPLETED}
 * @param createTime when it was created
 * @param stopTime when it ended, or {@code null}
 */
record Validation(
    String name,
    String displayName,
    String description,
    Map<String, Object> action,
    State state,
    Instant createTime,
    Instant stopTime) {
  Validation {
    action = action == null ? Map.of() : Map.copyOf(action);
    state = state == null ? State.STATE_UNSPECIFIED : state;
  }

  String id() {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /**
   * What {@code validations.create} takes.
   *
   * @param displayName for people
   * @param description who made it
   * @param action the action to validate
   */
  record New(String displayName, String description, Map<String, Object> action) {}
}
