package io.github.faultexperiment.emulator.gcp;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * What the emulator knows about one Fault Testing experiment, for tests to assert on (for example
 * that nothing is left injected).
 *
 * @param name full resource name, {@code projects/{p}/locations/{l}/experiments/{id}}
 * @param experimentId the last segment of the name
 * @param experimentTemplate the full name of the template it was created from
 * @param displayName the caller's display name, or {@code null}
 * @param state {@code PREPARING}, {@code PREPARED}, {@code INJECTING}, {@code INJECTED}, {@code
 *     REVERTING} or {@code COMPLETED}
 * @param endReason {@code CANCELLED}, {@code COMPLETED}, or {@code null} while not ending
 * @param endNotes why it ended, or {@code null}
 * @param createTime when it was created
 * @param startTime when injection began, or {@code null}
 * @param stopTime when it reached {@code COMPLETED}, or {@code null}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FaultTestingExperiment(
    String name,
    String experimentId,
    String experimentTemplate,
    String displayName,
    String state,
    String endReason,
    String endNotes,
    Instant createTime,
    Instant startTime,
    Instant stopTime) {

  /** Whether the experiment has not reached {@code COMPLETED} yet. */
  public boolean active() {
    return !"COMPLETED".equals(state);
  }
}
