package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * An active experiment this extension started, in this JVM or any other, as the service lists it:
 * what experiments on overlapping targets compare to decide which goes first.
 *
 * @param id the service's experiment id (as {@link ExperimentSnapshot#id()})
 * @param templateId the template it was started from (as {@link ResolvedTemplate#id()})
 * @param createdAt when the service created it: the earlier-created of two overlapping experiments
 *     goes first
 * @param targets what it acts on; empty when the provider cannot tell (it then overlaps only
 *     experiments of the same template)
 * @param leaseLapsed whether its owner stopped renewing its lease (or, without renewable leases,
 *     its maximum lifetime has passed): a crashed holder that blocks nobody
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ActiveExperiment(
    String id,
    String templateId,
    Instant createdAt,
    Optional<Set<TargetKey>> targets,
    boolean leaseLapsed) {
  public ActiveExperiment {
    targets = targets.map(Set::copyOf);
  }
}
