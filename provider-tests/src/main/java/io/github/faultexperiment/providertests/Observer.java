package io.github.faultexperiment.providertests;

import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches one experiment as the core's lifecycle does: one {@link FaultProvider#describe} per poll,
 * and {@link FaultProvider#proceed} once when it waits in {@link Phase#PREPARED}.
 */
final class Observer {
  private static final Duration POLL = Duration.ofMillis(50);

  private final FaultProvider provider;
  private final Duration timeout;

  Observer(FaultProvider provider, Duration timeout) {
    this.provider = provider;
    this.timeout = timeout;
  }

  /**
   * Polls until the experiment is in {@code wanted}, or has ended.
   *
   * @return the first snapshot in {@code wanted} or {@link Phase#ENDED}
   * @throws AssertionError naming the phases seen when neither came within the timeout
   */
  ExperimentSnapshot until(String experimentId, Phase wanted) {
    Instant deadline = Instant.now().plus(timeout);
    List<Phase> seen = new ArrayList<>();
    boolean proceeded = false;
    while (true) {
      ExperimentSnapshot snapshot = provider.describe(experimentId);
      if (seen.isEmpty() || seen.get(seen.size() - 1) != snapshot.phase()) {
        seen.add(snapshot.phase());
      }
      if (snapshot.phase() == wanted || snapshot.phase() == Phase.ENDED) {
        return snapshot;
      }
      if (snapshot.phase() == Phase.PREPARED && wanted != Phase.PREPARED && !proceeded) {
        provider.proceed(experimentId);
        proceeded = true;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Experiment "
                + experimentId
                + " did not reach "
                + wanted
                + " within "
                + timeout
                + ": phases seen "
                + seen
                + ", last state '"
                + snapshot.state()
                + "'");
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while watching an experiment", e);
    }
  }
}
