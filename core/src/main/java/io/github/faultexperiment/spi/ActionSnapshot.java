package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One action of an experiment as last observed.
 *
 * @param name the action's name in the template (FIS map key; Fault Testing the action kind)
 * @param actionId FIS {@code actionId} (e.g. {@code aws:fis:wait}) or the Fault Testing action kind
 * @param phase the common phase of this action
 * @param state the service's own state word
 * @param reason the service's reason, or empty
 * @param startTime when it started, or {@code null}
 * @param endTime when it ended, or {@code null}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ActionSnapshot(
    String name,
    String actionId,
    Phase phase,
    String state,
    String reason,
    Instant startTime,
    Instant endTime) {}
