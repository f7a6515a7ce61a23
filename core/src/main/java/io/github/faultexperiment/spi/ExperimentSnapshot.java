package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One observation of an experiment, in neutral terms plus the service's own words for people.
 *
 * @param id the service's experiment id
 * @param resourceName the experiment's ARN or full resource name
 * @param templateId the template it was started from
 * @param phase the neutral phase
 * @param outcome how it ended; {@link Outcome#NONE} while it has not
 * @param state the service's own state word, for messages and reports
 * @param reason the service's reason, or empty
 * @param error the service's error, or empty
 * @param actions each action of the experiment
 * @param startTime when the service says the experiment started, or {@code null}
 * @param endTime when it ended, or {@code null}
 * @param addressedResources the resources its faults act on (resolved targets, affected resources);
 *     empty when the service does not tell which (e.g. targets chosen by tags)
 * @param details provider extras for the report, under the provider's own keys
 * @param observedAt when this snapshot was taken
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ExperimentSnapshot(
    String id,
    String resourceName,
    String templateId,
    Phase phase,
    Outcome outcome,
    String state,
    String reason,
    String error,
    List<ActionSnapshot> actions,
    Instant startTime,
    Instant endTime,
    Optional<List<String>> addressedResources,
    Map<String, Object> details,
    Instant observedAt) {
  public ExperimentSnapshot {
    actions = List.copyOf(actions);
    addressedResources = addressedResources.map(List::copyOf);
    details = Map.copyOf(details);
    reason = reason == null ? "" : reason;
    error = error == null ? "" : error;
  }
}
