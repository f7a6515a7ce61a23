package io.github.faultexperiment.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One observation of an experiment.
 *
 * @param id the service's experiment id (FIS {@code EXP…}; Fault Testing the short experiment id)
 * @param resourceName the ARN (FIS) or full resource name (Fault Testing)
 * @param templateId the template it was started from
 * @param phase the common phase
 * @param state the service's own state word ({@code running}, {@code INJECTED}, …)
 * @param reason the service's reason ({@code state.reason}; Fault Testing endReason and endNotes),
 *     or empty
 * @param error the service's error ({@code state.error}; failed affected resources), or empty
 * @param actions each action (FIS) or the effective action (Fault Testing)
 * @param startTime when the service says the experiment started, or {@code null}
 * @param endTime when the service says it ended, or {@code null}
 * @param details provider extras for the report (targets, affected resources, report location)
 * @param observedAt when this snapshot was taken
 */
public record ExperimentSnapshot(
    String id,
    String resourceName,
    String templateId,
    Phase phase,
    String state,
    String reason,
    String error,
    List<ActionSnapshot> actions,
    Instant startTime,
    Instant endTime,
    Map<String, Object> details,
    Instant observedAt) {
  public ExperimentSnapshot {
    actions = List.copyOf(actions);
    details = Map.copyOf(details);
  }
}
