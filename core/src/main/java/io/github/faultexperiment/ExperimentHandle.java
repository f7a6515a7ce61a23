package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A running experiment, as a test method parameter.
 *
 * <pre>{@code
 * @FaultExperiment(template = "checkout-az-outage")
 * void survives(ExperimentHandle experiment) {
 *   assertThat(experiment.phase()).isEqualTo(Phase.INJECTED);
 * }
 * }</pre>
 *
 * <p>With several experiments on one test (repeated annotations, or one on the class and one on the
 * method) declare a {@code List<ExperimentHandle>} parameter instead: class-level experiments come
 * first, then the method's, each in declaration order. A single {@code ExperimentHandle} parameter
 * is then refused, naming the experiments found.
 */
@API(status = STABLE, since = "0.1")
public interface ExperimentHandle {

  /** The id of the provider the experiment runs on ({@code aws}, {@code gcp}). */
  String provider();

  /** The template reference as written in {@link FaultExperiment#template()}. */
  String template();

  /** The service's template id (FIS {@code EXT…}; Fault Testing the full resource name). */
  String templateId();

  /** The service's experiment id (FIS {@code EXP…}; Fault Testing the experiment id). */
  String experimentId();

  /** The ARN (FIS) or the full resource name (Fault Testing) of the experiment. */
  String resourceName();

  /**
   * The experiment's phase now, in the words every provider's states map onto ({@link
   * Phase#INJECTED} while the fault is live, whatever the service calls it); asks the service each
   * time it is called.
   */
  Phase phase();

  /**
   * How the experiment ended ({@link Outcome#NONE} while it has not); asks the service each time it
   * is called.
   */
  Outcome outcome();

  /**
   * The service's own state word now ({@code running}, {@code INJECTED}, …), for messages and logs;
   * compare {@link #phase()} and {@link #outcome()} instead, which mean the same on every provider.
   * Asks the service each time it is called.
   */
  String state();

  /** When the extension confirmed the fault injected; {@code null} for a dry run. */
  Instant injectedAt();

  /** Whether this is a dry run (nothing injected). */
  boolean dryRun();

  /**
   * The resources the experiment's faults act on, as the service last described them (FIS: the
   * resolved targets' ARNs; Fault Testing: the affected resources); empty when the service does not
   * say which.
   */
  List<String> addressedResources();

  /** What the extension observed so far, oldest first. */
  List<TimelineEvent> timeline();
}
