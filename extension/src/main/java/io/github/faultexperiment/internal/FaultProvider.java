package io.github.faultexperiment.internal;

import io.github.faultexperiment.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the provider-neutral lifecycle needs from a fault-injection service: one small interface per
 * cloud. Implementations do no waiting of their own; every call is one snapshot of the truth. Not
 * public API.
 *
 * <p>Errors are thrown as {@link io.github.faultexperiment.CloudApiException} (or another {@link
 * io.github.faultexperiment.FaultExperimentException}) with a message the user can act on.
 */
public interface FaultProvider extends AutoCloseable {

  /** Which service this is. */
  Provider provider();

  /**
   * Checks, before anything starts, that the configured account or project may be used
   * (allow-lists: {@code faultexperiment.aws.allowed-accounts}, {@code
   * faultexperiment.gcp.allowed-projects}); throws naming the caller's account or project and the
   * allowed ones. Does nothing when no allow-list is set.
   */
  void verifyAccess();

  /**
   * Resolves what the user wrote in {@code template} (an id, a name, a resource name) to exactly
   * one template, or throws naming what was found.
   */
  ResolvedTemplate resolveTemplate(String reference);

  /** Starts (AWS) or creates (GCP) one experiment from the template. */
  ExperimentSnapshot start(ResolvedTemplate template, StartRequest request);

  /** The experiment as the service sees it now. */
  ExperimentSnapshot describe(String experimentId);

  /**
   * Moves an experiment the lifecycle saw in {@link Phase#PREPARED} on to injection (GCP {@code
   * :start}); providers without such a step never report PREPARED on a real run.
   */
  ExperimentSnapshot proceed(String experimentId);

  /** Asks the service to stop the experiment; returns at once with what the service answered. */
  ExperimentSnapshot stop(String experimentId);

  /**
   * The service's own report of an ended experiment (the FIS PDF), its files written under {@code
   * directory}; waits at most {@code timeout} for it and fetches nothing when the timeout is zero.
   * A report that cannot be fetched (not ready in time, failed at the service, download refused) is
   * not thrown: it comes back {@link ServiceReport#unavailable() unavailable}, with why in its
   * status, and is logged as a warning.
   */
  ServiceReport serviceReport(ExperimentSnapshot ended, Path directory, Duration timeout);

  /**
   * Where the service's quota of active experiments applies (AWS endpoint and region; GCP project
   * and location): experiments in one scope share {@link SafetySettings#maxActiveExperiments()}.
   */
  String scope();

  /** Leases, sweep and quota settings of this provider's run. */
  SafetySettings safety();

  /**
   * How often {@link #renewLease} must be called while an experiment is live; empty when the
   * service keeps no renewable lease (GCP: experiments carry no mutable labels, a maximum lifetime
   * from their creation stands in).
   */
  Optional<Duration> leaseRenewalInterval();

  /** Extends the lease of a live experiment this JVM started to now plus the lease duration. */
  void renewLease(String experimentId);

  /**
   * The active experiments this extension started (AWS: tagged {@code faultexperiment:owner}; GCP:
   * id {@code fx-…} and our description) whose lease has lapsed and whose owner is not this JVM.
   * Never an experiment without our marks.
   */
  List<String> abandonedExperiments();

  /** Releases HTTP connections; never throws. */
  @Override
  void close();
}
