package io.github.faultexperiment;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every experiment this JVM started (or is starting) and has not seen end, so that a JVM shutdown
 * ({@code System.exit}, SIGTERM, a Surefire fork timeout) still stops them: a shutdown hook,
 * registered on the first start, stops all of them in parallel and waits at most {@link
 * #SHUTDOWN_BUDGET}, then logs what it could not confirm. Not public API.
 */
final class LiveExperiments {
  /** How long the shutdown hook waits in total before the JVM goes. */
  static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(30);

  /** How long the hook waits for a start still in flight to be answered before stopping it. */
  private static final Duration START_BUDGET = Duration.ofSeconds(10);

  private static final System.Logger LOG = System.getLogger(LiveExperiments.class.getName());
  private static final Set<ExperimentLifecycle> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK_REGISTERED = new AtomicBoolean();

  private LiveExperiments() {}

  static void add(ExperimentLifecycle experiment) {
    if (HOOK_REGISTERED.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(LiveExperiments::stopAll, "fault-experiment-shutdown"));
    }
    LIVE.add(experiment);
  }

  static void remove(ExperimentLifecycle experiment) {
    LIVE.remove(experiment);
  }

  /** The experiments started and not confirmed ended, for tests and diagnostics. */
  static List<ExperimentLifecycle> live() {
    return List.copyOf(LIVE);
  }

  /** Stops every live experiment in parallel, bounded by {@link #SHUTDOWN_BUDGET}. */
  static void stopAll() {
    List<ExperimentLifecycle> experiments = live();
    if (experiments.isEmpty()) {
      return;
    }
    LOG.log(
        Level.WARNING,
        "JVM shutting down with "
            + experiments.size()
            + " experiment(s) live: stopping "
            + experiments);
    List<Thread> stoppers = new ArrayList<>();
    for (ExperimentLifecycle experiment : experiments) {
      Thread stopper =
          new Thread(
              () -> {
                try {
                  experiment.stopAtShutdown(START_BUDGET);
                } catch (RuntimeException e) {
                  LOG.log(Level.ERROR, "Could not stop " + experiment + " at JVM shutdown", e);
                }
              },
              "fault-experiment-stop-" + experiment.experimentId());
      stopper.setDaemon(true);
      stopper.start();
      stoppers.add(stopper);
    }
    long deadline = System.nanoTime() + SHUTDOWN_BUDGET.toNanos();
    for (Thread stopper : stoppers) {
      try {
        stopper.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<ExperimentLifecycle> left = live();
    if (!left.isEmpty()) {
      LOG.log(
          Level.ERROR,
          "Could not confirm the end of "
              + left
              + " before the JVM exited; stop them in the console (or run the sweep).");
    }
  }
}
