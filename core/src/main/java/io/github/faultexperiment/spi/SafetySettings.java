package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * What keeps faults from outliving the run that injected them. Not public API.
 *
 * @param leaseDuration how long a lease lasts before it must be renewed
 * @param maxExperimentLifetime how long after its creation an experiment without a renewable lease
 *     (GCP) counts as abandoned
 * @param sweep whether the first use of a provider stops abandoned experiments
 * @param maxActiveExperiments how many experiments may be active at once per provider scope
 * @param stopTimeout how long a sweep waits for each stopped experiment to end
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SafetySettings(
    Duration leaseDuration,
    Duration maxExperimentLifetime,
    boolean sweep,
    int maxActiveExperiments,
    Duration stopTimeout) {

  /** How often a lease is renewed: every third of its duration. */
  public Duration renewalInterval() {
    return leaseDuration.dividedBy(3);
  }
}
