package io.github.faultexperiment;

import io.github.faultexperiment.poll.PollPlan;
import io.github.faultexperiment.poll.Waiter;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Phase;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How one experiment is taken away, as one state: nobody asked yet → asking (the service refused or
 * did not answer; asked again on every poll) → accepted → ended (confirmed by the service). The
 * test thread, a {@code @Timeout}'s watcher and the shutdown hook may all stop the same experiment;
 * the stop is sent until accepted, never after, and the end is confirmed once.
 */
final class ExperimentStop {
  private static final System.Logger LOG = System.getLogger(ExperimentLifecycle.class.getName());

  /** Where the stop stands. */
  enum State {
    /** Nobody has asked for a stop. */
    NOT_ASKED,
    /** A stop is wanted but the service has not accepted it: ask again. */
    ASKING,
    /** The service accepted the stop, or the experiment was ending already. */
    ACCEPTED,
    /** The service confirmed the end. */
    ENDED
  }

  private final ObservedExperiment experiment;
  private final Runnable onEnded;
  private volatile State state = State.NOT_ASKED;
  private volatile long stopSentNanos;

  /**
   * Creates the protocol of one experiment.
   *
   * @param experiment what is known of it
   * @param onEnded run once, when the end is confirmed (free the slot, stop the lease)
   */
  ExperimentStop(ObservedExperiment experiment, Runnable onEnded) {
    this.experiment = experiment;
    this.onEnded = onEnded;
  }

  State state() {
    return state;
  }

  /** Whether a stop was wanted (by the test's end, a timeout, the shutdown hook). */
  boolean asked() {
    return state != State.NOT_ASKED;
  }

  boolean ended() {
    return state == State.ENDED;
  }

  /**
   * Asks the service to stop unless the experiment is already ending or ended; once the service has
   * accepted, never again. A refused stop may be asked again (the wait for the end does).
   */
  synchronized void requestStop() {
    if (state == State.ACCEPTED || state == State.ENDED || !experiment.started()) {
      return;
    }
    ExperimentSnapshot last = experiment.last();
    if (state == State.NOT_ASKED) {
      if (last.phase() == Phase.ENDED || last.phase() == Phase.ENDING) {
        state = State.ACCEPTED;
        return;
      }
      state = State.ASKING;
      experiment.timeline().record(Kind.STOP_REQUESTED, last.id(), last.state(), "");
    }
    boolean interrupted = Thread.interrupted();
    try {
      stopSentNanos = System.nanoTime();
      experiment.observe(experiment.provider().stop(last.id()));
      state = State.ACCEPTED;
    } finally {
      restore(interrupted);
    }
  }

  /**
   * Stops (unless ended) and waits within the stop timeout until the service confirms the end; a
   * refused or failed stop request is asked again on each poll until then. Idempotent; safe from
   * several threads.
   */
  synchronized void stopAndAwaitEnded() {
    if (state == State.ENDED || !experiment.started()) {
      return;
    }
    AtomicReference<RuntimeException> stopFailure = new AtomicReference<>();
    boolean interrupted = Thread.interrupted();
    try {
      requestStop();
    } catch (RuntimeException e) {
      stopFailure.set(e);
    }
    boolean stoppedByUs = stopSentNanos != 0;
    PollPlan plan =
        new PollPlan(
            experiment.transitionKey(stoppedByUs ? "ended" : "ended-by-itself"),
            stoppedByUs ? stopSentNanos : System.nanoTime(),
            experiment.polls());
    ExperimentSettings settings = experiment.settings();
    try {
      Waiter.Result<ExperimentSnapshot> result =
          Waiter.until(
              experiment + " ended",
              settings.stopTimeout(),
              plan,
              () -> {
                if (state == State.ASKING) {
                  try {
                    requestStop();
                  } catch (RuntimeException e) {
                    stopFailure.set(e);
                  }
                }
                return experiment.refresh();
              },
              snapshot -> snapshot.phase() == Phase.ENDED,
              CloudApiException::throttled);
      if (stoppedByUs) {
        plan.done(result.sentNanos());
      }
      confirmEnded(result.value());
    } catch (Waiter.TimedOut timedOut) {
      FaultExperimentException notEnded =
          new FaultExperimentException(
              "Experiment "
                  + experiment.experimentId()
                  + " from template '"
                  + settings.template()
                  + "' was asked to stop but has not ended within "
                  + settings.stopTimeout()
                  + " ("
                  + timedOut.polls()
                  + " polls); last state: "
                  + ObservedExperiment.summary(experiment.last())
                  + ". Check it in the "
                  + settings.provider().serviceName()
                  + " console and raise "
                  + FaultExperimentProperties.STOP_TIMEOUT
                  + " or @FaultExperiment(stopTimeout) if the template needs longer to revert.",
              timedOut);
      if (stopFailure.get() != null) {
        notEnded.addSuppressed(stopFailure.get());
      }
      throw notEnded;
    } catch (RuntimeException pollFailure) {
      if (stopFailure.get() != null && stopFailure.get() != pollFailure) {
        pollFailure.addSuppressed(stopFailure.get());
      }
      throw pollFailure;
    } finally {
      restore(interrupted);
    }
  }

  /**
   * Waits, without stopping it, until the experiment ends by itself (its duration ran out, a stop
   * condition fired); on timeout throws and leaves it live, for the caller's stop.
   *
   * @param timeout at most this long
   */
  void awaitEndedByItself(Duration timeout) {
    if (state == State.ENDED || !experiment.started()) {
      return;
    }
    try {
      confirmEnded(
          Waiter.until(
                  experiment + " ended by itself",
                  timeout,
                  new PollPlan(
                      experiment.transitionKey("ended-by-itself"),
                      System.nanoTime(),
                      experiment.polls()),
                  experiment::refresh,
                  snapshot -> snapshot.phase() == Phase.ENDED,
                  CloudApiException::throttled)
              .value());
    } catch (Waiter.TimedOut timedOut) {
      throw new FaultExperimentException(
          "Experiment "
              + experiment.experimentId()
              + " from template '"
              + experiment.settings().template()
              + "' has not ended by itself within "
              + timeout
              + " ("
              + timedOut.polls()
              + " polls); last state: "
              + ObservedExperiment.summary(experiment.last())
              + ". Wait longer, or stop it.",
          timedOut);
    }
  }

  private synchronized void confirmEnded(ExperimentSnapshot ended) {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    onEnded.run();
    String why =
        ended.error().isEmpty()
            ? ended.reason()
            : ended.reason().isEmpty() ? ended.error() : ended.reason() + "; " + ended.error();
    experiment.timeline().record(Kind.ENDED, ended.id(), ended.state(), why);
    LOG.log(Level.INFO, () -> experiment.lifeLine(ended));
  }

  private static void restore(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
