package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves experiments through Fault Testing's states on a scheduler, with the configured {@link
 * FaultTestingTimings}: PREPARING → PREPARED → (start) INJECTING → INJECTED → (duration elapses |
 * stop) REVERTING → COMPLETED.
 *
 * <p>Every transition runs under the {@link ExperimentStore}'s lock and first checks that the
 * experiment is still in the state the transition was scheduled from, so a stop simply makes the
 * pending transition do nothing.
 */
final class ExperimentRunner {
  private final ExperimentStore store;
  private final ExclusionWindows windows;
  private final RejectedResources rejected;
  private final ScheduledExecutorService scheduler;
  private final ActionEvents events;
  private volatile FaultTestingTimings timings = FaultTestingTimings.DEFAULT;

  ExperimentRunner(
      ExperimentStore store,
      ExclusionWindows windows,
      RejectedResources rejected,
      ScheduledExecutorService scheduler,
      ActionEvents events) {
    this.store = store;
    this.windows = windows;
    this.rejected = rejected;
    this.scheduler = scheduler;
    this.events = events;
  }

  FaultTestingTimings timings() {
    return timings;
  }

  void timings(FaultTestingTimings timings) {
    this.timings = timings;
  }

  /**
   * Creates an experiment and starts preparing it; one to start on create is refused in a window.
   */
  ObjectNode create(String parent, String experimentId, JsonNode body) {
    synchronized (store) {
      Experiment experiment = store.newExperiment(parent, experimentId, body);
      if (experiment.startOnCreate) {
        refuseDuringExclusionWindow(experiment);
      }
      store.add(experiment);
      schedule(experiment, timings.preparing(), () -> prepared(experiment));
      return experiment.toJson();
    }
  }

  ObjectNode start(String name) {
    synchronized (store) {
      Experiment experiment = store.find(name);
      if (experiment.state != State.PREPARED) {
        throw ApiException.failedPrecondition(
            "EXPERIMENT_NOT_PREPARED",
            "Experiment '"
                + name
                + "' is "
                + experiment.state
                + "; only a PREPARED experiment can be started.",
            name);
      }
      refuseDuringExclusionWindow(experiment);
      beginInjecting(experiment);
      return experiment.toJson();
    }
  }

  /**
   * Stops a running (INJECTING or INJECTED) experiment: it reverts, then completes with endReason
   * {@code CANCELLED}. The reference documents {@code :stop} for a running experiment only, so
   * every other state is refused, naming the state and what can be done instead.
   */
  ObjectNode stop(String name) {
    Future<?> delivery;
    ObjectNode answer;
    synchronized (store) {
      Experiment experiment = store.find(name);
      if (!experiment.state.running()) {
        throw ApiException.failedPrecondition(
            "EXPERIMENT_NOT_RUNNING",
            "Experiment '"
                + name
                + "' is "
                + experiment.state
                + notRunningHint(experiment)
                + "; only a running experiment (INJECTING or INJECTED) can be stopped.",
            name);
      }
      delivery =
          end(experiment, EndReason.CANCELLED, "Stopped by a user request (experiments.stop).");
      answer = experiment.toJson();
    }
    events.await(delivery);
    return answer;
  }

  /** Stops every running experiment of the location (or of the project for location {@code -}). */
  ObjectNode stopAll(String parent) {
    List<Future<?>> deliveries = new ArrayList<>();
    int stopped = 0;
    synchronized (store) {
      String prefix = collectionPrefix(parent, "/experiments/");
      for (Experiment experiment : store.all()) {
        if (experiment.name.startsWith(prefix) && experiment.state.running()) {
          deliveries.add(end(experiment, EndReason.CANCELLED, "Stopped by experiments.stopAll."));
          stopped++;
        }
      }
    }
    deliveries.forEach(events::await);
    // The reference: "an empty response" when nothing was running; the count otherwise (errors is
    // empty and so left out, as for every answer).
    ObjectNode answer = Json.object();
    if (stopped > 0) {
      answer.put("stoppedExperimentsCount", stopped);
    }
    return answer;
  }

  /**
   * Fails the first healthy affected resource of an experiment (by full name or id). An experiment
   * that has not completed ends at once: endReason {@code CANCELLED}, endNotes naming the resource.
   */
  void failAffectedResource(String experiment, String message) {
    Future<?> delivery = null;
    synchronized (store) {
      Experiment found = store.resolve(experiment);
      AffectedResource resource =
          found.affectedResources.stream()
              .filter(r -> !r.failed())
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Every affected resource of " + found.name + " has already failed"));
      resource.fail(found.state, message);
      if (found.state.stoppable()) {
        delivery =
            end(
                found,
                EndReason.CANCELLED,
                "Injection failed on " + resource.target.uri() + ": " + message);
      }
    }
    events.await(delivery);
  }

  /**
   * Forgets every experiment and restores the default timings; a fault still live is reported ended
   * to the listeners first.
   */
  void reset() {
    List<Future<?>> deliveries = new ArrayList<>();
    synchronized (store) {
      for (Experiment experiment : store.all()) {
        cancelNext(experiment);
        if (experiment.faultLive) {
          experiment.faultLive = false;
          deliveries.add(events.ended(experiment));
        }
      }
      store.clear();
      timings = FaultTestingTimings.DEFAULT;
    }
    deliveries.forEach(events::await);
  }

  // --- the transitions; every one re-checks the state it expects under the store's lock ---

  private void prepared(Experiment experiment) {
    synchronized (store) {
      if (experiment.state != State.PREPARING) {
        return;
      }
      // The dry run finds what a validation would: a resource a test declared unusable fails it,
      // and an experiment that cannot be prepared ends without injecting.
      for (AffectedResource resource : experiment.affectedResources) {
        Optional<String> reason = rejected.reason(resource.target);
        if (reason.isPresent()) {
          resource.fail(State.PREPARING, reason.get());
          end(
              experiment,
              EndReason.CANCELLED,
              "Dry run failed on " + resource.target.uri() + ": " + reason.get());
          return;
        }
      }
      experiment.moveTo(State.PREPARED, Clocks.now());
      if (experiment.startOnCreate) {
        if (windows.activeIn(experiment.project, experiment.location).isPresent()) {
          // Started by the caller later, once the window is over; it stays PREPARED until then.
          experiment.endNotes =
              "Not started on create: an exclusion window became active in "
                  + experiment.location
                  + ".";
          return;
        }
        beginInjecting(experiment);
      }
    }
  }

  private void beginInjecting(Experiment experiment) {
    Instant now = Clocks.now();
    experiment.moveTo(State.INJECTING, now);
    experiment.startTime = now;
    experiment.endNotes = null;
    schedule(experiment, timings.injecting(), () -> injected(experiment));
  }

  private void injected(Experiment experiment) {
    Future<?> delivery;
    synchronized (store) {
      if (experiment.state != State.INJECTING) {
        return;
      }
      experiment.faultLive = true;
      delivery = events.started(experiment);
    }
    // INJECTED is shown only once listeners (local fault effects) have applied the fault.
    events.await(delivery);
    synchronized (store) {
      if (experiment.state != State.INJECTING) {
        return; // stopped meanwhile; the stop has already queued the end event
      }
      experiment.moveTo(State.INJECTED, Clocks.now());
      Duration injection = timings.injectionFor(experiment.templateDuration());
      schedule(experiment, injection, () -> durationElapsed(experiment));
    }
  }

  private void durationElapsed(Experiment experiment) {
    Future<?> delivery;
    synchronized (store) {
      if (experiment.state != State.INJECTED) {
        return;
      }
      delivery =
          end(
              experiment,
              EndReason.COMPLETED,
              "The experiment ran for its planned duration of "
                  + experiment.template.get("duration").asText()
                  + ".");
    }
    events.await(delivery);
  }

  /**
   * Ends an experiment that has not reached REVERTING: an injecting one reverts first, one that
   * never injected completes at once. Returns the queued end event, if the fault was live.
   */
  private Future<?> end(Experiment experiment, EndReason endReason, String endNotes) {
    cancelNext(experiment);
    Instant now = Clocks.now();
    experiment.endReason = endReason;
    experiment.endNotes = endNotes;
    if (experiment.state == State.INJECTING || experiment.state == State.INJECTED) {
      experiment.moveTo(State.REVERTING, now);
      schedule(experiment, timings.reverting(), () -> completed(experiment));
    } else {
      experiment.moveTo(State.COMPLETED, now);
      experiment.stopTime = now;
    }
    if (!experiment.faultLive) {
      return null;
    }
    experiment.faultLive = false;
    return events.ended(experiment);
  }

  private void completed(Experiment experiment) {
    synchronized (store) {
      if (experiment.state != State.REVERTING) {
        return;
      }
      Instant now = Clocks.now();
      experiment.moveTo(State.COMPLETED, now);
      experiment.stopTime = now;
    }
  }

  private void schedule(Experiment experiment, Duration delay, Runnable transition) {
    experiment.next = scheduler.schedule(transition, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void cancelNext(Experiment experiment) {
    if (experiment.next != null) {
      experiment.next.cancel(false);
      experiment.next = null;
    }
  }

  /** Why a state cannot be stopped, and what the caller can do instead. */
  private static String notRunningHint(Experiment experiment) {
    return switch (experiment.state) {
      case PREPARING, PREPARED -> " (not started; it injects nothing until :start)";
      case REVERTING -> " (already stopping; it completes by itself)";
      case COMPLETED -> " (already ended, endReason " + experiment.endReason + ")";
      default -> "";
    };
  }

  private void refuseDuringExclusionWindow(Experiment experiment) {
    windows
        .activeIn(experiment.project, experiment.location)
        .ifPresent(
            window -> {
              throw ApiException.failedPrecondition(
                  "EXCLUSION_WINDOW_ACTIVE",
                  "Experiment '"
                      + experiment.name
                      + "' cannot start: exclusion window '"
                      + window
                      + "' is active in "
                      + experiment.location
                      + ".",
                  window);
            });
  }

  /** {@code parent + suffix}, or every location of the project when the location is {@code -}. */
  private static String collectionPrefix(String parent, String suffix) {
    return parent.endsWith("/locations/-")
        ? parent.substring(0, parent.length() - 1)
        : parent + suffix;
  }
}
