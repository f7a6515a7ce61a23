package io.github.faultexperiment;

import io.github.faultexperiment.poll.PollPlan;
import io.github.faultexperiment.poll.Waiter;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.SafetySettings;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and stops the experiments earlier test runs abandoned (a SIGKILL, a lost machine): those
 * {@link FaultProvider#abandonedExperiments()} names — ours, lease lapsed — and nothing else. All
 * stops are asked first so they revert in parallel, then each end is awaited within the stop
 * timeout. Done once per provider at its first use in a test run ({@link #sweepQuietly}), and on
 * demand by {@link SweepCommand}. Not public API.
 */
final class AbandonedExperimentSweep {
  private static final System.Logger LOG =
      System.getLogger(AbandonedExperimentSweep.class.getName());

  private AbandonedExperimentSweep() {}

  /**
   * One sweep.
   *
   * @param provider the service to sweep
   * @param safety how long to wait for each stopped experiment to end
   * @return what was found and what became of each
   */
  public static List<Swept> sweep(FaultProvider provider, SafetySettings safety) {
    List<String> abandoned = provider.abandonedExperiments();
    List<Swept> swept = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    for (String id : abandoned) {
      try {
        provider.stop(id);
        asked.add(id);
      } catch (RuntimeException e) {
        swept.add(new Swept(id, "", e));
      }
    }
    for (String id : asked) {
      try {
        ExperimentSnapshot ended =
            Waiter.until(
                    "abandoned experiment " + id + " ended",
                    safety.stopTimeout(),
                    PollPlan.backoff(),
                    () -> provider.describe(id),
                    snapshot -> snapshot.phase() == Phase.ENDED,
                    CloudApiException::throttled)
                .value();
        swept.add(new Swept(id, ended.state(), null));
      } catch (RuntimeException e) {
        swept.add(new Swept(id, "", e));
      }
    }
    swept.forEach(AbandonedExperimentSweep::log);
    return swept;
  }

  /** The sweep at the first use of a provider in a test run: failures are logged, never thrown. */
  static void sweepQuietly(FaultProvider provider, SafetySettings safety) {
    try {
      sweep(provider, safety);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not look for abandoned experiments on "
              + provider.scope()
              + " (set faultexperiment.sweep=false to skip this): "
              + e.getMessage());
    }
  }

  private static void log(Swept swept) {
    if (swept.failure() == null) {
      LOG.log(
          Level.WARNING,
          "Stopped abandoned experiment " + swept.experimentId() + ": " + swept.finalState());
    } else {
      LOG.log(
          Level.ERROR,
          "Could not stop abandoned experiment "
              + swept.experimentId()
              + ": "
              + swept.failure().getMessage());
    }
  }

  /**
   * One abandoned experiment.
   *
   * @param experimentId the service's id (GCP: full resource name)
   * @param finalState the state it ended in; empty when it could not be confirmed
   * @param failure why it could not be stopped or confirmed, or {@code null}
   */
  public record Swept(String experimentId, String finalState, Throwable failure) {}
}
