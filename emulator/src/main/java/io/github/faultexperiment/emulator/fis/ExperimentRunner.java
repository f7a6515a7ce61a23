package io.github.faultexperiment.emulator.fis;

import static io.github.faultexperiment.emulator.fis.ExperimentStatus.CANCELLED;
import static io.github.faultexperiment.emulator.fis.ExperimentStatus.COMPLETED;
import static io.github.faultexperiment.emulator.fis.ExperimentStatus.FAILED;
import static io.github.faultexperiment.emulator.fis.ExperimentStatus.INITIATING;
import static io.github.faultexperiment.emulator.fis.ExperimentStatus.PENDING;
import static io.github.faultexperiment.emulator.fis.ExperimentStatus.RUNNING;
import static io.github.faultexperiment.emulator.fis.ExperimentStatus.SKIPPED;
import static io.github.faultexperiment.emulator.fis.ExperimentStatus.STOPPED;
import static io.github.faultexperiment.emulator.fis.ExperimentStatus.STOPPING;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Moves experiments through FIS's states on a scheduler, with the configured {@link FisTimings}.
 *
 * <p>Every transition runs under the experiment's lock and first checks that the experiment is
 * still in the state the transition was scheduled from, so a stop or a failure simply makes the
 * pending transitions do nothing.
 */
final class ExperimentRunner {
  private static final System.Logger LOG = System.getLogger(ExperimentRunner.class.getName());

  private final ActionEvents events;
  private final Supplier<Collection<RegisteredResource>> resources;
  private final Consumer<Experiment> reportWriter;
  private volatile FisTimings timings = FisTimings.defaults();
  // Per template, so that concurrent experiments can each have their own transitions (a benchmark
  // drawing them per experiment cannot do that through the one global value without racing).
  private final Map<String, FisTimings> templateTimings = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService scheduler = newScheduler();

  /**
   * @param resources the resources targets resolve against
   * @param reportWriter writes an ended experiment's report and adds its S3 ARN
   * @param events tells the listeners when actions start and end
   */
  ExperimentRunner(
      Supplier<Collection<RegisteredResource>> resources,
      Consumer<Experiment> reportWriter,
      ActionEvents events) {
    this.resources = resources;
    this.events = events;
    this.reportWriter = reportWriter;
  }

  FisTimings timings() {
    return timings;
  }

  void timings(FisTimings newTimings) {
    this.timings = newTimings;
  }

  void timings(String templateId, FisTimings templateTiming) {
    templateTimings.put(templateId, templateTiming);
  }

  private FisTimings timingsOf(Experiment experiment) {
    return templateTimings.getOrDefault(experiment.templateId, timings);
  }

  void start(Experiment experiment) {
    schedule(timingsOf(experiment).pendingToInitiating(), () -> initiate(experiment));
  }

  /** Stops an active experiment; returns false (and changes nothing) if it is ending or ended. */
  boolean stop(Experiment experiment, String reason) {
    synchronized (experiment) {
      if (!experiment.active() || STOPPING.equals(experiment.status)) {
        return false;
      }
      Instant now = Instant.now();
      experiment.move(now, STOPPING, reason);
      for (ActionRun action : experiment.actions.values()) {
        if (RUNNING.equals(action.status)) {
          action.move(STOPPING, "Action is stopping.");
          events.ended(experiment, action);
        } else if (PENDING.equals(action.status)) {
          action.move(CANCELLED, "Experiment stopped before the action started.");
        }
      }
    }
    schedule(timingsOf(experiment).stoppingToStopped(), () -> stopped(experiment));
    return true;
  }

  /** Fails an active experiment with an error code; returns false if it had already ended. */
  boolean fail(Experiment experiment, String code, String reason) {
    synchronized (experiment) {
      if (!experiment.active()) {
        return false;
      }
      Instant now = Instant.now();
      for (ActionRun action : experiment.actions.values()) {
        if (RUNNING.equals(action.status) || STOPPING.equals(action.status)) {
          boolean wasRunning = RUNNING.equals(action.status);
          action.move(FAILED, reason);
          action.endTime = now;
          if (wasRunning) {
            events.ended(experiment, action);
          }
        } else if (PENDING.equals(action.status)) {
          action.move(CANCELLED, "Experiment failed before the action started.");
        }
      }
      experiment.errorCode = code;
      experiment.move(now, FAILED, reason);
      experiment.endTime = now;
      ended(experiment);
      return true;
    }
  }

  /**
   * Ends an experiment that the safety lever keeps from starting: it and its actions {@code
   * cancelled}, with the lever's reason; its report, if any, {@code cancelled} too. Caller holds
   * the experiment's lock.
   */
  private void cancel(Experiment experiment, String reason) {
    Instant now = Instant.now();
    for (ActionRun action : experiment.actions.values()) {
      action.move(CANCELLED, "Experiment cancelled before the action started.");
    }
    experiment.move(now, CANCELLED, reason);
    experiment.endTime = now;
    if (experiment.reportStatus != null) {
      experiment.reportStatus = CANCELLED;
      experiment.reportReason = "Experiment was cancelled; no report is generated.";
    }
  }

  /**
   * Abandons {@code experiments} and ends the scheduler; a new one serves experiments started
   * afterwards.
   */
  void reset(Collection<Experiment> experiments) {
    ScheduledExecutorService old = scheduler;
    scheduler = newScheduler();
    old.shutdownNow();
    experiments.forEach(this::abandon);
    timings = FisTimings.defaults();
    templateTimings.clear();
  }

  void close(Collection<Experiment> experiments) {
    scheduler.shutdownNow();
    experiments.forEach(this::abandon);
  }

  /**
   * Ends an experiment at once, telling the listeners that its running actions ended. A transition
   * already under way on the old scheduler finds it {@code stopped} and does nothing.
   */
  private void abandon(Experiment experiment) {
    synchronized (experiment) {
      if (!experiment.active()) {
        return;
      }
      Instant now = Instant.now();
      for (ActionRun action : experiment.actions.values()) {
        boolean wasRunning = RUNNING.equals(action.status);
        if (wasRunning || STOPPING.equals(action.status)) {
          action.move(STOPPED, "The emulator was reset.");
          action.endTime = now;
          if (wasRunning) {
            events.ended(experiment, action);
          }
        } else if (PENDING.equals(action.status)) {
          action.move(CANCELLED, "The emulator was reset before the action started.");
        }
      }
      experiment.move(now, STOPPED, "The emulator was reset.");
      experiment.endTime = now;
    }
  }

  private void initiate(Experiment experiment) {
    synchronized (experiment) {
      if (!PENDING.equals(experiment.status)) {
        return;
      }
      if (experiment.lever.engaged()) {
        cancel(experiment, experiment.lever.reason());
        return;
      }
      experiment.move(Instant.now(), INITIATING, "Experiment is initiating.");
    }
    schedule(timingsOf(experiment).initiatingToRunning(), () -> run(experiment));
  }

  private void run(Experiment experiment) {
    synchronized (experiment) {
      if (!INITIATING.equals(experiment.status)) {
        return;
      }
      Instant now = Instant.now();
      Collection<RegisteredResource> registered = resources.get();
      for (var target : experiment.definition.get("targets").properties()) {
        List<String> resolved = TargetResolver.resolve(target.getValue(), registered);
        experiment.resolvedTargets.put(target.getKey(), resolved);
        experiment.record(now, "target " + target.getKey() + " resolved to " + resolved);
        if (resolved.isEmpty() && !experiment.skipsEmptyTargets()) {
          // InvalidTarget: the code AWS's troubleshooting guide gives for targets that resolve to
          // no resource.
          experiment.errorLocation = "targets." + target.getKey();
          fail(
              experiment,
              "InvalidTarget",
              "Target resolution returned an empty set for target '"
                  + target.getKey()
                  + "' ("
                  + target.getValue().path("resourceType").asText()
                  + ").");
          return;
        }
      }
      for (ActionRun action : experiment.actions.values()) {
        Set<String> arns = new LinkedHashSet<>();
        action.targets.values().forEach(name -> arns.addAll(experiment.resolvedTargets.get(name)));
        action.resolvedTargets = List.copyOf(arns);
      }
      if (experiment.skipsActions()) {
        for (ActionRun action : experiment.actions.values()) {
          action.move(SKIPPED, "Actions mode is skip-all.");
        }
        experiment.move(now, COMPLETED, "Experiment completed (actions mode skip-all).");
        experiment.endTime = now;
        return;
      }
      experiment.move(now, RUNNING, "Experiment is running.");
      advance(experiment, now);
    }
  }

  /** Starts every pending action whose predecessors have finished; completes when all have. */
  private void advance(Experiment experiment, Instant now) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (ActionRun action : experiment.actions.values()) {
        if (!PENDING.equals(action.status) || !predecessorsFinished(experiment, action)) {
          continue;
        }
        changed = true;
        if (!action.targets.isEmpty() && action.resolvedTargets.isEmpty()) {
          action.move(SKIPPED, "Action skipped: its targets resolved to no resources.");
          action.endTime = now;
          experiment.record(now, "action " + action.name + " skipped");
          continue;
        }
        action.move(RUNNING, "Action is running.");
        action.startTime = now;
        experiment.record(now, "action " + action.name + " running");
        Duration duration =
            action.duration != null
                ? timingsOf(experiment).scaled(action.duration)
                : timingsOf(experiment).actionDuration();
        schedule(duration, () -> finish(experiment, action));
        events.started(experiment, action);
      }
    }
    if (experiment.actions.values().stream().allMatch(ActionRun::finished)) {
      experiment.move(now, COMPLETED, "Experiment completed.");
      experiment.endTime = now;
      ended(experiment);
    } else if (experiment.actions.values().stream().noneMatch(a -> RUNNING.equals(a.status))) {
      // Template validation refuses startAfter cycles; should an action still wait on nothing
      // that can end, fail rather than hold a quota slot forever.
      fail(
          experiment,
          "ConfigurationFailure",
          "Actions are waiting (startAfter) on actions that can never finish.");
    }
  }

  private static boolean predecessorsFinished(Experiment experiment, ActionRun action) {
    for (String before : action.startAfter) {
      ActionRun predecessor = experiment.actions.get(before);
      if (predecessor != null && !predecessor.finished()) {
        return false;
      }
    }
    return true;
  }

  private void finish(Experiment experiment, ActionRun action) {
    synchronized (experiment) {
      if (!RUNNING.equals(experiment.status) || !RUNNING.equals(action.status)) {
        return;
      }
      Instant now = Instant.now();
      action.move(COMPLETED, "Action completed.");
      action.endTime = now;
      experiment.record(now, "action " + action.name + " completed");
      events.ended(experiment, action);
      advance(experiment, now);
    }
  }

  private void stopped(Experiment experiment) {
    synchronized (experiment) {
      if (!STOPPING.equals(experiment.status)) {
        return;
      }
      Instant now = Instant.now();
      for (ActionRun action : experiment.actions.values()) {
        if (STOPPING.equals(action.status)) {
          action.move(STOPPED, "Action stopped.");
          action.endTime = now;
        }
      }
      experiment.move(now, STOPPED, experiment.reason);
      experiment.endTime = now;
      ended(experiment);
    }
  }

  /** Schedules the report of an ended experiment, if its template asks for one. */
  private void ended(Experiment experiment) {
    if (experiment.reportStatus == null) {
      return;
    }
    schedule(
        timings.reportWait(experiment.postExperimentDuration()),
        () -> {
          synchronized (experiment) {
            experiment.reportStatus = RUNNING;
            experiment.reportReason = "Report is being generated.";
          }
          schedule(timings.reportRunningToCompleted(), () -> writeReport(experiment));
        });
  }

  private void writeReport(Experiment experiment) {
    try {
      reportWriter.accept(experiment);
      synchronized (experiment) {
        experiment.reportStatus = COMPLETED;
        experiment.reportReason = "Report generated.";
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not write the report of " + experiment.id, e);
      synchronized (experiment) {
        experiment.reportStatus = FAILED;
        experiment.reportReason = "Report generation failed: " + e.getMessage();
      }
    }
  }

  private void schedule(Duration delay, Runnable transition) {
    scheduler.schedule(transition, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static ScheduledExecutorService newScheduler() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "fis-emulator-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
