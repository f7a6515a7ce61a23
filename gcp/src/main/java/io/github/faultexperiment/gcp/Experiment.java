package io.github.faultexperiment.gcp;

import java.time.Instant;
import java.util.Map;

/**
 * A Fault Testing experiment as the service returned it.
 *
 * @param name {@code projects/{p}/locations/{l}/experiments/{id}}
 * @param displayName the human name
 * @param description the description
 * @param experimentTemplate the full name of the template it was created from
 * @param templateDisplayName the template's display name at creation
 * @param templateDescription the template's description at creation
 * @param templateDuration the planned injection time, e.g. {@code "600s"}
 * @param effectiveAction the action as it will be (or was) injected, keyed by its kind
 * @param state where it is in its life
 * @param endReason {@code COMPLETED} or {@code CANCELLED} once ended, else {@code null}
 * @param endNotes free text about the end, or {@code null}
 * @param createTime when it was created
 * @param startTime when injection began, or {@code null}
 * @param stateUpdateTime when the state last changed
 * @param stopTime when it completed, or {@code null}
 * @param startOnCreateEnabled whether it starts injecting as soon as it is prepared
 */
record Experiment(
    String name,
    String displayName,
    String description,
    String experimentTemplate,
    String templateDisplayName,
    String templateDescription,
    String templateDuration,
    Map<String, Object> effectiveAction,
    State state,
    String endReason,
    String endNotes,
    Instant createTime,
    Instant startTime,
    Instant stateUpdateTime,
    Instant stopTime,
    Boolean startOnCreateEnabled) {
  Experiment {
    effectiveAction = effectiveAction == null ? Map.of() : Map.copyOf(effectiveAction);
    state = state == null ? State.STATE_UNSPECIFIED : state;
  }

  /** The short experiment id: the last segment of the name. */
  String id() {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
