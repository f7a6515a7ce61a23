package io.github.faultexperiment;

import io.github.faultexperiment.poll.PollPlan;
import io.github.faultexperiment.poll.Waiter;
import io.github.faultexperiment.report.ExperimentReport;
import io.github.faultexperiment.report.LocalTargetTraffic;
import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.ServiceReport;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One experiment from start to confirmed end: the start (slots, quota), the wait until injected,
 * the check for an early end, and — through its {@link ExperimentStop} — the stop and the wait
 * until ended; what was seen lives in its {@link ObservedExperiment}, the report is assembled by
 * {@link ExperimentReportAssembly}. Thread-safe: the test thread, a {@code @Timeout}'s watcher
 * thread and the shutdown hook may all stop it; the stop happens once.
 */
final class ExperimentLifecycle implements ExperimentHandle, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ExperimentLifecycle.class.getName());

  private final ExperimentSettings settings;
  private final FaultProvider provider;
  private final TestIdentity test;
  private final LocalTargetMeter localTargets;
  private final ObservedExperiment experiment;
  private final ExperimentStop stop;
  private volatile Instant injectedAt;
  private volatile OverlapSlots.Slot slot;
  private volatile Future<?> heartbeat;
  private volatile Throwable failure;
  private volatile List<LocalTargetTraffic> trafficAtStart;
  private volatile List<LocalTargetTraffic> trafficAtEnd;
  private volatile long startSentNanos;
  private volatile boolean bodyRan;
  private volatile Duration overlapWait = Duration.ZERO;
  private final CountDownLatch startAnswered = new CountDownLatch(1);

  /**
   * Prepares the experiment; nothing is called on the service until {@link #start()}.
   *
   * @param settings the annotation's resolved settings
   * @param provider the service
   * @param test who starts it
   * @param localTargets reads the embedded emulator's local targets, for the report
   */
  ExperimentLifecycle(
      ExperimentSettings settings,
      FaultProvider provider,
      TestIdentity test,
      LocalTargetMeter localTargets) {
    this.settings = settings;
    this.provider = provider;
    this.test = test;
    this.localTargets = localTargets;
    this.experiment = new ObservedExperiment(settings, provider);
    this.stop = new ExperimentStop(experiment, this::ended);
  }

  /**
   * Starts the experiment ({@link ExperimentStart}) and keeps it: a slot held, a lease renewed, a
   * place on the shutdown hook's list.
   */
  void start() {
    // On the shutdown hook's list before the request is sent: a JVM going down while the start is
    // in flight still stops whatever the service started.
    LiveExperiments.add(this);
    ExperimentStart.Started started;
    try {
      started = ExperimentStart.start(experiment, test, localTargets);
    } catch (RuntimeException | Error e) {
      if (!experiment.started()) {
        LiveExperiments.remove(this);
      }
      // else an answered start failed a later check: the stop path (and the hook) stops it
      startAnswered.countDown();
      throw e;
    }
    slot = started.slot();
    overlapWait = started.overlapWait();
    trafficAtStart = started.trafficAtStart();
    startSentNanos = started.sentNanos();
    ExperimentSnapshot snapshot = experiment.observe(started.snapshot());
    startAnswered.countDown();
    ReportWarmUp.startOnce();
    provider
        .leaseRenewalInterval()
        .ifPresent(
            interval ->
                heartbeat =
                    LeaseHeartbeat.keep(
                        toString(), interval, () -> provider.renewLease(snapshot.id())));
    LOG.log(
        Level.DEBUG,
        () ->
            "Started experiment "
                + snapshot.id()
                + " from template '"
                + settings.template()
                + "' for "
                + test.displayName());
  }

  /**
   * Waits until the fault is injected (a dry run: until validated); on timeout stops the experiment
   * and throws {@link InjectionTimeoutException}.
   */
  void awaitInjected() {
    Waiter.Result<ExperimentSnapshot> result;
    PollPlan plan =
        new PollPlan(experiment.transitionKey("injected"), startSentNanos, experiment.polls());
    try {
      result =
          Waiter.until(
              this + " injected",
              settings.injectionTimeout(),
              plan,
              new InjectionWait(experiment, this::stopAfter)::poll,
              InjectionWait.settled(settings),
              CloudApiException::throttled);
    } catch (ExperimentNotAllowedException notNow) {
      // e.g. an exclusion window became active between the check and the start
      RuntimeException outcome = ExperimentStart.outcome(notNow);
      stopAfter(outcome);
      throw outcome;
    } catch (Waiter.TimedOut timedOut) {
      InjectionTimeoutException exception =
          new InjectionTimeoutException(
              settings.template(),
              experimentId(),
              timedOut.waited(),
              timedOut.polls(),
              ObservedExperiment.summary(experiment.last()));
      stopAfter(exception);
      throw exception;
    }
    ExperimentSnapshot snapshot = result.value();
    if (settings.dryRun()) {
      if (snapshot.phase() == Phase.ENDED && snapshot.outcome().failed()) {
        throw failedWith("failed its dry run", snapshot);
      }
    } else if (snapshot.phase() == Phase.ENDED || snapshot.phase() == Phase.ENDING) {
      throw failedWith(
          snapshot.outcome().failed()
              ? "failed before its fault was injected"
              : "ended before its fault was injected",
          snapshot);
    } else {
      injectedAt = Instant.now();
      plan.done(result.sentNanos());
      checkEveryFaultReachesTheApplication();
    }
    experiment
        .timeline()
        .record(
            settings.dryRun() ? Kind.VALIDATED : Kind.INJECTED,
            experimentId(),
            snapshot.state(),
            (settings.dryRun() ? "dry run validated, nothing injected" : "fault confirmed")
                + " after "
                + result.polls()
                + " polls");
    LOG.log(
        Level.DEBUG,
        () ->
            "Experiment " + experimentId() + " injected: " + ObservedExperiment.summary(snapshot));
  }

  /** In embedded mode, fails the test before its body when a fault reaches nothing. */
  private void checkEveryFaultReachesTheApplication() {
    RuntimeException noFault = FeltFaults.beforeBody(experiment, localTargets);
    if (noFault != null) {
      stopAfter(noFault);
      throw noFault;
    }
  }

  /**
   * In embedded mode, after the body: throws when a fault of the experiment was not felt — it
   * reached no local target, or the application's traffic never went through its targets while it
   * was on. Nothing to check for a dry run or an experiment never injected.
   */
  void verifyFelt() {
    bodyRan = true;
    if (settings.dryRun() || injectedAt == null) {
      return;
    }
    RuntimeException unfelt = FeltFaults.afterBody(experiment, localTargets);
    if (unfelt != null) {
      failedBecause(unfelt);
      throw unfelt;
    }
  }

  /**
   * Records a step taken around this experiment by someone else (e.g. a steady-state check), now.
   *
   * @param kind the step
   * @param subject what it concerns
   * @param state a state word or outcome, or empty
   * @param detail a note, or empty
   */
  void record(Kind kind, String subject, String state, String detail) {
    experiment.timeline().record(kind, subject, state, detail);
  }

  /** Records that the test body starts now. */
  void bodyStarted(String name) {
    record(Kind.BODY_STARTED, name, "", "");
  }

  /** Records that the test body ended now, and how. */
  void bodyEnded(String name, Throwable bodyFailure) {
    bodyRan = true;
    record(
        Kind.BODY_ENDED,
        name,
        bodyFailure == null ? "successful" : "failed",
        bodyFailure == null ? "" : String.valueOf(bodyFailure));
  }

  /**
   * Asks the service whether the experiment is still injected after the body; throws {@link
   * ExperimentFailedException} when it ended by itself, unless the annotation allows that.
   */
  void verifyNotEndedEarly() {
    if (settings.dryRun() || stop.asked() || !experiment.started()) {
      return;
    }
    ExperimentSnapshot snapshot = experiment.refresh();
    if (stop.asked() || (snapshot.phase() != Phase.ENDED && snapshot.phase() != Phase.ENDING)) {
      return;
    }
    if (settings.allowEarlyEnd()) {
      LOG.log(
          Level.DEBUG,
          () ->
              "Experiment "
                  + experimentId()
                  + " ended during the body, allowed: "
                  + ObservedExperiment.summary(snapshot));
      return;
    }
    throw failedWith(
        "ended by itself while the test body ran (set allowEarlyEnd = true to accept this)",
        snapshot);
  }

  /** Asks the service to stop; see {@link ExperimentStop#requestStop()}. */
  void requestStop() {
    stop.requestStop();
  }

  /**
   * For the JVM's shutdown hook: waits at most {@code budget} for a start still in flight to be
   * answered, then stops and waits until ended.
   */
  void stopAtShutdown(Duration budget) {
    try {
      startAnswered.await(budget.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopAndAwaitEnded();
  }

  /** Stops and waits until ended; see {@link ExperimentStop#stopAndAwaitEnded()}. */
  void stopAndAwaitEnded() {
    stop.stopAndAwaitEnded();
  }

  /**
   * Waits, without stopping it, until the experiment ends by itself; see {@link
   * ExperimentStop#awaitEndedByItself(Duration)}.
   *
   * @param timeout at most this long
   */
  void awaitEndedByItself(Duration timeout) {
    stop.awaitEndedByItself(timeout);
  }

  /** The end is confirmed: count the traffic, stop the lease, free the slot, leave the hook. */
  private void ended() {
    trafficAtEnd = localTargets.read();
    Future<?> beating = heartbeat;
    if (beating != null) {
      beating.cancel(false);
    }
    OverlapSlots.Slot held = slot;
    if (held != null) {
      held.release();
    }
    LiveExperiments.remove(this);
  }

  /**
   * Puts a phase the test named on this experiment's timeline, at the time it was named.
   *
   * @param at when the test named it
   * @param name the test's name for it
   */
  void markPhase(Instant at, String name) {
    experiment.timeline().insert(new TimelineEvent(at, Kind.PHASE, name, "", ""));
  }

  /** Stops and waits; JUnit calls this when the Store holding the experiment is closed. */
  @Override
  public void close() {
    stopAndAwaitEnded();
  }

  /** Whether the experiment was started and is not confirmed ended. */
  boolean live() {
    return experiment.started() && !stop.ended();
  }

  /** Notes the first failure that concerns this experiment, for the report's outcome. */
  void failedBecause(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
  }

  /**
   * The service's own report, once the end is confirmed; {@link ServiceReport#NONE} otherwise. A
   * report that cannot be fetched comes back unavailable, not thrown.
   */
  ServiceReport serviceReport(Path directory) {
    return stop.ended() ? provider.serviceReport(experiment.last(), directory) : ServiceReport.NONE;
  }

  /** The report of what happened so far, with what became of the service's own report. */
  ExperimentReport report(ServiceReport serviceReport) {
    return ExperimentReportAssembly.of(
        experiment,
        test,
        injectedAt,
        failure,
        serviceReport,
        localTraffic(experiment.last()),
        experiment.started()
            ? FeltFaults.judged(localTargets.reach(experimentId()), settings, bodyRan)
            : List.of(),
        blastRadius(),
        overlapWait);
  }

  /**
   * What the experiment's faults reached, asked once for the report; one the service cannot tell is
   * recorded as not available, never thrown: the report is evidence, not the verdict.
   */
  private BlastRadius blastRadius() {
    ExperimentSnapshot last = experiment.last();
    if (!experiment.started() || last == null) {
      return BlastRadius.NONE;
    }
    try {
      return provider.blastRadius(last);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not read the blast radius of experiment " + last.id() + "; its report says why.",
          e);
      return BlastRadius.unavailable(e.getMessage());
    }
  }

  /** Counted from the start to the confirmed end (or to now, when the end was not confirmed). */
  private List<LocalTargetTraffic> localTraffic(ExperimentSnapshot snapshot) {
    List<LocalTargetTraffic> atStart = trafficAtStart;
    if (atStart == null || snapshot == null) {
      return List.of();
    }
    List<LocalTargetTraffic> atEnd = trafficAtEnd;
    return LocalTraffic.during(
        atStart, atEnd == null ? localTargets.read() : atEnd, snapshot.addressedResources());
  }

  /** The settings this experiment was made from. */
  ExperimentSettings settings() {
    return settings;
  }

  @Override
  public List<String> addressedResources() {
    ExperimentSnapshot snapshot = experiment.last();
    return snapshot == null ? List.of() : snapshot.addressedResources().orElse(List.of());
  }

  @Override
  public String provider() {
    return settings.provider().id();
  }

  @Override
  public String template() {
    return settings.template();
  }

  @Override
  public String templateId() {
    ResolvedTemplate resolved = experiment.template();
    return resolved == null ? "" : resolved.id();
  }

  @Override
  public String experimentId() {
    return experiment.experimentId();
  }

  @Override
  public String resourceName() {
    ExperimentSnapshot snapshot = experiment.last();
    return snapshot == null ? "" : snapshot.resourceName();
  }

  @Override
  public String state() {
    return experiment.refresh().state();
  }

  @Override
  public Phase phase() {
    return experiment.refresh().phase();
  }

  @Override
  public Outcome outcome() {
    return experiment.refresh().outcome();
  }

  @Override
  public Instant injectedAt() {
    return injectedAt;
  }

  @Override
  public boolean dryRun() {
    return settings.dryRun();
  }

  @Override
  public List<TimelineEvent> timeline() {
    return experiment.timeline().events();
  }

  @Override
  public String toString() {
    return experiment.toString();
  }

  private void stopAfter(RuntimeException primary) {
    failedBecause(primary);
    try {
      stopAndAwaitEnded();
    } catch (RuntimeException stopFailure) {
      primary.addSuppressed(stopFailure);
    }
  }

  private ExperimentFailedException failedWith(String what, ExperimentSnapshot snapshot) {
    ExperimentFailedException exception =
        new ExperimentFailedException(
            what,
            settings.template(),
            snapshot.id(),
            snapshot.state(),
            snapshot.reason(),
            snapshot.error());
    failedBecause(exception);
    return exception;
  }
}
