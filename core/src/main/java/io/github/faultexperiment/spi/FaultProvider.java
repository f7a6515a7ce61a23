package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What the provider-neutral lifecycle needs from a fault-injection service: one implementation per
 * cloud, made by its {@link FaultProviderFactory}. Implementations do no waiting of their own;
 * every call is one snapshot of the truth.
 *
 * <p>Errors are thrown as {@link io.github.faultexperiment.CloudApiException} (with a neutral
 * {@link io.github.faultexperiment.CloudApiException.Reason}) or another {@link
 * io.github.faultexperiment.FaultExperimentException}, with a message the user can act on.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface FaultProvider extends AutoCloseable {

  /**
   * Checks, before anything starts, that the configured account or project may be used (the
   * provider's allow-list); throws naming the caller's account or project and the allowed ones.
   * Does nothing when no allow-list is set.
   */
  void verifyAccess();

  /**
   * Resolves what the user wrote in {@code template} (an id, a name, a resource name) to exactly
   * one template, or throws naming what was found.
   */
  ResolvedTemplate resolveTemplate(String reference);

  /**
   * Checks that the service allows an experiment of this template now — an AWS safety lever, a
   * Fault Testing exclusion window — before a slot is waited for and anything starts. Throws {@link
   * io.github.faultexperiment.ExperimentNotAllowedException} naming what blocks it, until when, and
   * what the user can do; the lifecycle aborts the test (or fails it, as the provider's setting
   * says). {@link #start} and {@link #proceed} throw the same when the service refuses for that
   * reason after this check.
   */
  void verifyAllowedNow(ResolvedTemplate template, StartRequest request);

  /** Starts (or creates) one experiment from the template. */
  ExperimentSnapshot start(ResolvedTemplate template, StartRequest request);

  /**
   * What experiments from the template act on, as neutral keys (see {@link TargetKey}), learned
   * from the resolved template without another call; an empty set when its actions target nothing.
   * Empty when the provider cannot tell: the core then treats the template itself as the one thing
   * it targets, as before targets were known.
   */
  default Optional<Set<TargetKey>> targetKeys(ResolvedTemplate template) {
    return Optional.empty();
  }

  /** The experiment as the service sees it now. */
  ExperimentSnapshot describe(String experimentId);

  /**
   * Moves an experiment the lifecycle saw in {@link Phase#PREPARED} on to injection (Fault Testing
   * {@code :start}); providers without such a step never report PREPARED on a real run.
   */
  ExperimentSnapshot proceed(String experimentId);

  /**
   * Asks the service to stop the experiment; returns at once with what the service answered. One
   * that is already ending or ended is not an error.
   */
  ExperimentSnapshot stop(String experimentId);

  /**
   * The service's own report of an ended experiment (the FIS PDF), its files written under {@code
   * directory}, as the provider's own settings ask; {@link ServiceReport#NONE} when the service
   * writes none. A report that cannot be fetched is not thrown: it comes back {@linkplain
   * ServiceReport#unavailable() unavailable}, with why in its status.
   */
  ServiceReport serviceReport(ExperimentSnapshot ended, Path directory);

  /**
   * What the experiment's faults reached ({@link BlastRadius}): the resources its targets resolved
   * to and, for a multi-account experiment, the accounts. Called once, for the report, when the
   * experiment is over (its end confirmed or given up on). Throws a {@link
   * io.github.faultexperiment.CloudApiException} when the service cannot say; the report then
   * records why.
   */
  BlastRadius blastRadius(ExperimentSnapshot experiment);

  /**
   * Where the service's quota of active experiments applies (e.g. endpoint and region): experiments
   * in one scope share {@link SafetySettings#maxActiveExperiments()}.
   */
  String scope();

  /**
   * How often {@link #renewLease} must be called while an experiment is live; empty when the
   * service keeps no renewable lease (a maximum lifetime from creation stands in).
   */
  Optional<Duration> leaseRenewalInterval();

  /** Extends the lease of a live experiment this JVM started to now plus the lease duration. */
  void renewLease(String experimentId);

  /**
   * The active experiments this extension started whose lease has lapsed and whose owner is not
   * this JVM. Never an experiment without the extension's marks.
   */
  List<String> abandonedExperiments();

  /**
   * The active experiments this extension started — in any JVM, on any machine, found by the marks
   * it puts on each (tags, description) — including this JVM's own. The service is the only
   * coordinator between JVMs: before an experiment's fault is relied on, the core compares it with
   * these. Empty by default: a provider that cannot list them keeps experiments apart only within
   * one JVM.
   */
  default List<ActiveExperiment> activeExperiments() {
    return List.of();
  }

  /**
   * Creates the templates of embedded mode in the emulator this provider talks to; called once,
   * before the first experiment, only in embedded mode. Throws naming the file that is wrong.
   *
   * @param templates the files under {@code fault-experiments/<id>/}
   */
  void createEmbeddedTemplates(List<EmbeddedTemplate> templates);

  /** Releases HTTP connections; never throws. */
  @Override
  void close();
}
