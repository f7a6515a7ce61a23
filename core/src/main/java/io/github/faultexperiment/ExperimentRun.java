package io.github.faultexperiment;

import io.github.faultexperiment.report.ExperimentReport;
import io.github.faultexperiment.report.LocalTargetTraffic;
import io.github.faultexperiment.report.ServiceReportStatus;
import io.github.faultexperiment.report.SteadyStateSummary;
import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ActionSnapshot;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.ServiceReport;
import io.github.faultexperiment.spi.StartRequest;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.TestAbortedException;

/**
 * One experiment from start to confirmed end: start, wait until injected, watch for an early end,
 * stop and wait until ended. Thread-safe: the test thread, a {@code @Timeout}'s watcher thread and
 * the shutdown hook may all stop it; the stop happens once. Not public API.
 */
final class ExperimentRun implements ExperimentHandle, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ExperimentRun.class.getName());
  private static final int MAX_TAG_VALUE = 256;

  private final ExperimentSettings settings;
  private final FaultProvider provider;
  private final TestIdentity test;
  private final LocalTargetMeter localTargets;
  private final TimelineRecorder timeline = new TimelineRecorder();
  private final PollBudget polls = new PollBudget();
  private volatile ResolvedTemplate template;
  private volatile ExperimentSnapshot last;
  private volatile Instant injectedAt;
  private volatile boolean stopRequested;
  private volatile boolean stopAccepted;
  private volatile ExperimentSlots.Slot slot;
  private volatile Future<?> heartbeat;
  private volatile boolean confirmedEnded;
  private volatile Throwable failure;
  private volatile List<LocalTargetTraffic> trafficAtStart;
  private volatile List<LocalTargetTraffic> trafficAtEnd;
  private volatile long startSentNanos;
  private volatile long stopSentNanos;

  /**
   * Prepares a run; nothing is called on the service until {@link #start()}.
   *
   * @param settings the annotation's resolved settings
   * @param provider the service
   * @param test who starts it
   * @param localTargets reads the embedded emulator's local targets, for the report
   */
  public ExperimentRun(
      ExperimentSettings settings,
      FaultProvider provider,
      TestIdentity test,
      LocalTargetMeter localTargets) {
    this.settings = settings;
    this.provider = provider;
    this.test = test;
    this.localTargets = localTargets;
  }

  /**
   * Checks access, resolves the template, waits (within the injection timeout) until no other
   * experiment of this template is active and the provider has a free slot, and starts the
   * experiment — retrying while the service says its quota of active experiments is reached.
   */
  public void start() {
    provider.verifyAccess();
    template = ResolvedTemplates.resolve(provider, settings.template());
    Map<String, String> tags = new LinkedHashMap<>(settings.tags());
    tags.put("faultexperiment:run", TestIdentity.RUN_ID);
    tags.put("faultexperiment:test", truncate(test.testId()));
    StartRequest request =
        new StartRequest(
            "fe-" + UUID.randomUUID(),
            TestIdentity.RUN_ID,
            test.testId(),
            test.displayName(),
            tags,
            settings.dryRun());
    long startNanos = System.nanoTime();
    ExperimentSlots.Slot held =
        ExperimentSlots.acquire(
            provider,
            template,
            settings.safety().maxActiveExperiments(),
            settings.injectionTimeout());
    ExperimentSnapshot started;
    try {
      timeline.record(Kind.START_REQUESTED, "", "", template.id());
      trafficAtStart = localTargets.read();
      started =
          startWithinQuota(
              request, settings.injectionTimeout().minusNanos(System.nanoTime() - startNanos));
    } catch (RuntimeException | Error e) {
      held.release();
      // the template may have been replaced since it was resolved: resolve it afresh next time
      ResolvedTemplates.forget(provider, settings.template());
      throw e;
    }
    slot = held;
    LiveExperiments.add(this);
    observe(started);
    provider
        .leaseRenewalInterval()
        .ifPresent(
            interval ->
                heartbeat =
                    LeaseHeartbeat.keep(
                        toString(), interval, () -> provider.renewLease(started.id())));
    LOG.log(
        Level.INFO,
        () ->
            "Started experiment "
                + started.id()
                + " from template '"
                + settings.template()
                + "' for "
                + test.displayName());
  }

  /**
   * Starts, and while the service answers that its quota of active experiments is reached ({@link
   * CloudApiException.Reason#QUOTA_EXCEEDED}, after the client's own retries), tries again with
   * growing pauses until {@code budget} is spent. The same idempotency key each time: a refused
   * start started nothing.
   */
  private ExperimentSnapshot startWithinQuota(StartRequest request, Duration budget) {
    AtomicReference<CloudApiException> refused = new AtomicReference<>();
    Callable<ExperimentSnapshot> attempt =
        () -> {
          try {
            // learned polling measures from the start that was accepted, not from queueing
            startSentNanos = System.nanoTime();
            return provider.start(template, request);
          } catch (CloudApiException e) {
            if (e.reason() != CloudApiException.Reason.QUOTA_EXCEEDED) {
              throw e;
            }
            refused.set(e);
            return null;
          }
        };
    try {
      return Waiter.until(
              "a free slot to start template " + template.id(),
              budget.isNegative() || budget.isZero() ? Duration.ofMillis(1) : budget,
              PollPlan.retries(),
              attempt,
              Objects::nonNull)
          .value();
    } catch (Waiter.TimedOut timedOut) {
      CloudApiException last = refused.get();
      throw new FaultExperimentException(
          "Experiment from template '"
              + settings.template()
              + "' was not started: the service's quota of active experiments stayed reached for "
              + settings.injectionTimeout()
              + " (the injection timeout)"
              + (last == null ? "" : ": " + last.getMessage())
              + ". Stop other experiments in this account/project, or raise the quota or "
              + FaultExperimentProperties.INJECTION_TIMEOUT
              + ".",
          last == null ? timedOut : last);
    }
  }

  /**
   * Waits until the fault is injected (a dry run: until validated); on timeout stops the experiment
   * and throws {@link InjectionTimeoutException}.
   */
  public void awaitInjected() {
    Waiter.Result<ExperimentSnapshot> result;
    PollPlan plan = new PollPlan(transitionKey("injected"), startSentNanos, polls);
    try {
      result =
          Waiter.until(
              "experiment " + experimentId() + " injected",
              settings.injectionTimeout(),
              plan,
              this::pollTowardsInjection,
              this::injectionSettled);
    } catch (Waiter.TimedOut timedOut) {
      InjectionTimeoutException exception =
          new InjectionTimeoutException(
              settings.template(),
              experimentId(),
              timedOut.waited(),
              timedOut.polls(),
              summary(last));
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
    }
    timeline.record(
        Kind.INJECTED,
        experimentId(),
        snapshot.state(),
        (settings.dryRun() ? "dry run validated" : "fault confirmed")
            + " after "
            + result.polls()
            + " polls");
    LOG.log(Level.INFO, () -> "Experiment " + experimentId() + " injected: " + summary(snapshot));
  }

  /**
   * Records a step taken around this experiment by someone else (e.g. a steady-state check), now.
   *
   * @param kind the step
   * @param subject what it concerns
   * @param state a state word or outcome, or empty
   * @param detail a note, or empty
   */
  public void record(Kind kind, String subject, String state, String detail) {
    timeline.record(kind, subject, state, detail);
  }

  /** Records that the test body starts now. */
  public void bodyStarted(String name) {
    timeline.record(Kind.BODY_STARTED, name, "", "");
  }

  /** Records that the test body ended now, and how. */
  public void bodyEnded(String name, Throwable bodyFailure) {
    timeline.record(
        Kind.BODY_ENDED,
        name,
        bodyFailure == null ? "successful" : "failed",
        bodyFailure == null ? "" : String.valueOf(bodyFailure));
  }

  /**
   * Asks the service whether the experiment is still injected after the body; throws {@link
   * ExperimentFailedException} when it ended by itself, unless the annotation allows that.
   */
  public void verifyNotEndedEarly() {
    if (settings.dryRun() || stopRequested || last == null) {
      return;
    }
    ExperimentSnapshot snapshot = refresh();
    if (stopRequested || (snapshot.phase() != Phase.ENDED && snapshot.phase() != Phase.ENDING)) {
      return;
    }
    if (settings.allowEarlyEnd()) {
      LOG.log(
          Level.INFO,
          () ->
              "Experiment "
                  + experimentId()
                  + " ended during the body, allowed: "
                  + summary(snapshot));
      return;
    }
    throw failedWith(
        "ended by itself while the test body ran (set allowEarlyEnd = true to accept this)",
        snapshot);
  }

  /**
   * Asks the service to stop unless the experiment is already ending or ended; once the service has
   * accepted, never again. A refused stop may be asked again (the wait for the end does).
   */
  public synchronized void requestStop() {
    if (stopAccepted || confirmedEnded || last == null) {
      return;
    }
    if (!stopRequested) {
      stopRequested = true;
      if (last.phase() == Phase.ENDED || last.phase() == Phase.ENDING) {
        stopAccepted = true;
        return;
      }
      timeline.record(Kind.STOP_REQUESTED, experimentId(), last.state(), "");
    }
    boolean interrupted = Thread.interrupted();
    try {
      stopSentNanos = System.nanoTime();
      observe(provider.stop(experimentId()));
      stopAccepted = true;
    } finally {
      restore(interrupted);
    }
  }

  /**
   * Stops (unless ended) and waits within the stop timeout until the service confirms the end; a
   * refused or failed stop request is asked again on each poll until then. Idempotent; safe from
   * several threads.
   */
  public synchronized void stopAndAwaitEnded() {
    if (confirmedEnded || last == null) {
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
            transitionKey(stoppedByUs ? "ended" : "ended-by-itself"),
            stoppedByUs ? stopSentNanos : System.nanoTime(),
            polls);
    try {
      Waiter.Result<ExperimentSnapshot> result =
          Waiter.until(
              "experiment " + experimentId() + " ended",
              settings.stopTimeout(),
              plan,
              () -> {
                if (!stopAccepted) {
                  try {
                    requestStop();
                  } catch (RuntimeException e) {
                    stopFailure.set(e);
                  }
                }
                return refresh();
              },
              snapshot -> snapshot.phase() == Phase.ENDED);
      if (stoppedByUs) {
        plan.done(result.sentNanos());
      }
      confirmEnded(result.value());
    } catch (Waiter.TimedOut timedOut) {
      FaultExperimentException notEnded =
          new FaultExperimentException(
              "Experiment "
                  + experimentId()
                  + " from template '"
                  + settings.template()
                  + "' was asked to stop but has not ended within "
                  + settings.stopTimeout()
                  + " ("
                  + timedOut.polls()
                  + " polls); last state: "
                  + summary(last)
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

  /** The end is confirmed: stop renewing the lease, free the slot, leave the shutdown list. */
  private void ended() {
    Future<?> beating = heartbeat;
    if (beating != null) {
      beating.cancel(false);
    }
    ExperimentSlots.Slot held = slot;
    if (held != null) {
      held.release();
    }
    LiveExperiments.remove(this);
  }

  /**
   * Waits, without stopping it, until the experiment ends by itself (its duration ran out, a stop
   * condition fired); on timeout throws and leaves it live, for the caller's stop.
   *
   * @param timeout at most this long
   */
  public void awaitEndedByItself(Duration timeout) {
    if (confirmedEnded || last == null) {
      return;
    }
    try {
      confirmEnded(
          Waiter.until(
                  "experiment " + experimentId() + " ended by itself",
                  timeout,
                  new PollPlan(transitionKey("ended-by-itself"), System.nanoTime(), polls),
                  this::refresh,
                  snapshot -> snapshot.phase() == Phase.ENDED)
              .value());
    } catch (Waiter.TimedOut timedOut) {
      throw new FaultExperimentException(
          "Experiment "
              + experimentId()
              + " from template '"
              + settings.template()
              + "' has not ended by itself within "
              + timeout
              + " ("
              + timedOut.polls()
              + " polls); last state: "
              + summary(last)
              + ". Wait longer, or stop it.",
          timedOut);
    }
  }

  /**
   * Puts a phase the test named on this experiment's timeline, at the time it was named.
   *
   * @param at when the test named it
   * @param name the test's name for it
   */
  public void markPhase(Instant at, String name) {
    timeline.insert(new TimelineEvent(at, Kind.PHASE, name, "", ""));
  }

  /** Stops and waits; JUnit calls this when the Store holding the run is closed. */
  @Override
  public void close() {
    stopAndAwaitEnded();
  }

  /** Whether the experiment was started and is not confirmed ended. */
  public boolean live() {
    return last != null && !confirmedEnded;
  }

  /** Notes the first failure that concerns this experiment, for the report's outcome. */
  public void failedBecause(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
  }

  /**
   * The service's own report, once the end is confirmed; {@link ServiceReport#NONE} otherwise. A
   * report that cannot be fetched comes back unavailable, not thrown.
   */
  public ServiceReport serviceReport(Path directory) {
    return confirmedEnded ? provider.serviceReport(last, directory) : ServiceReport.NONE;
  }

  /** The report of what happened so far, with what became of the service's own report. */
  public ExperimentReport report(ServiceReport serviceReport) {
    ExperimentSnapshot snapshot = last;
    Instant startRequested = timeline.first(Kind.START_REQUESTED);
    Instant stopRequestedAt = timeline.first(Kind.STOP_REQUESTED);
    Instant ended = timeline.first(Kind.ENDED);
    Throwable cause = failure;
    String outcome =
        cause == null ? "passed" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    timeline.record(
        Kind.OUTCOME,
        experimentId(),
        cause == null ? "passed" : cause instanceof TestAbortedException ? "aborted" : "failed",
        outcome);
    ResolvedTemplate resolved = template;
    return new ExperimentReport(
        settings.provider().id(),
        test.displayName(),
        test.testId(),
        settings.template(),
        resolved == null ? "" : resolved.id(),
        resolved == null ? "" : resolved.name(),
        experimentId(),
        resourceName(),
        settings.dryRun(),
        startRequested,
        injectedAt,
        timeline.first(Kind.BODY_STARTED),
        lastBodyEnd(),
        stopRequestedAt,
        ended,
        between(startRequested, injectedAt),
        between(stopRequestedAt == null ? injectedAt : stopRequestedAt, ended),
        snapshot == null ? "" : snapshot.state(),
        snapshot == null ? "" : snapshot.reason(),
        snapshot == null ? "" : snapshot.error(),
        outcome,
        timeline.events(),
        snapshot == null ? Map.of() : snapshot.details(),
        serviceReport.artifacts().stream().map(a -> a.file().getFileName().toString()).toList(),
        serviceReport.exists()
            ? new ServiceReportStatus(
                serviceReport.title(),
                serviceReport.status(),
                serviceReport.unavailable(),
                serviceReport.locations())
            : null,
        SteadyStateSummary.of(timeline.events()),
        localTraffic(snapshot));
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

  @Override
  public List<String> addressedResources() {
    ExperimentSnapshot snapshot = last;
    return snapshot == null ? List.of() : snapshot.addressedResources().orElse(List.of());
  }

  /** The settings this run was made from. */
  public ExperimentSettings settings() {
    return settings;
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
    ResolvedTemplate resolved = template;
    return resolved == null ? "" : resolved.id();
  }

  @Override
  public String experimentId() {
    ExperimentSnapshot snapshot = last;
    return snapshot == null ? "" : snapshot.id();
  }

  @Override
  public String resourceName() {
    ExperimentSnapshot snapshot = last;
    return snapshot == null ? "" : snapshot.resourceName();
  }

  @Override
  public String state() {
    return refresh().state();
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
    return timeline.events();
  }

  @Override
  public String toString() {
    return "experiment " + experimentId() + " from template '" + settings.template() + "'";
  }

  private synchronized void confirmEnded(ExperimentSnapshot ended) {
    if (confirmedEnded) {
      return;
    }
    confirmedEnded = true;
    trafficAtEnd = localTargets.read();
    ended();
    timeline.record(
        Kind.ENDED, experimentId(), ended.state(), joined(ended.reason(), ended.error()));
    LOG.log(Level.INFO, () -> "Experiment " + experimentId() + " ended: " + summary(ended));
  }

  private ExperimentSnapshot pollTowardsInjection() {
    ExperimentSnapshot snapshot = refresh();
    if (snapshot.phase() == Phase.PREPARED && !settings.dryRun()) {
      timeline.record(Kind.PROCEED_REQUESTED, snapshot.id(), snapshot.state(), "");
      snapshot = observe(provider.proceed(snapshot.id()));
    }
    checkAwaitedActionsExist(snapshot);
    return snapshot;
  }

  private boolean injectionSettled(ExperimentSnapshot snapshot) {
    if (snapshot.phase() == Phase.ENDED || snapshot.phase() == Phase.ENDING) {
      return true;
    }
    if (settings.dryRun()) {
      return snapshot.phase() == Phase.PREPARED;
    }
    if (snapshot.phase() != Phase.INJECTED) {
      return false;
    }
    if (snapshot.actions().isEmpty()) {
      return true;
    }
    Set<String> injected =
        snapshot.actions().stream()
            .filter(action -> action.phase() == Phase.INJECTED)
            .map(ActionSnapshot::name)
            .collect(Collectors.toSet());
    return settings.awaitActions().isEmpty()
        ? !injected.isEmpty()
        : injected.containsAll(settings.awaitActions());
  }

  private void checkAwaitedActionsExist(ExperimentSnapshot snapshot) {
    if (settings.awaitActions().isEmpty() || snapshot.actions().isEmpty()) {
      return;
    }
    Set<String> names =
        snapshot.actions().stream().map(ActionSnapshot::name).collect(Collectors.toSet());
    List<String> unknown =
        settings.awaitActions().stream().filter(name -> !names.contains(name)).toList();
    if (!unknown.isEmpty()) {
      ExtensionConfigurationException exception =
          new ExtensionConfigurationException(
              "@FaultExperiment(awaitActions) names "
                  + unknown
                  + " but template '"
                  + settings.template()
                  + "' has the actions "
                  + names.stream().sorted().toList()
                  + "; name some of those.");
      stopAfter(exception);
      throw exception;
    }
  }

  private ExperimentSnapshot refresh() {
    polls.polled(System.nanoTime());
    // A body that left its thread's interrupt flag set must not abort the call that checks its
    // fault (the AWS SDK refuses to send from an interrupted thread); the flag goes back for the
    // test to see.
    boolean interrupted = Thread.interrupted();
    try {
      return observe(provider.describe(experimentId()));
    } finally {
      restore(interrupted);
    }
  }

  /** Which transition of which template a wait is for, for {@link TransitionHistory}. */
  private String transitionKey(String transition) {
    ResolvedTemplate resolved = template;
    // per endpoint and region/project: the same template id elsewhere is another experiment's
    // timing
    return provider.scope()
        + " "
        + (resolved == null ? settings.template() : resolved.id())
        + (settings.dryRun() ? " dry-run " : " ")
        + transition;
  }

  private ExperimentSnapshot observe(ExperimentSnapshot snapshot) {
    last = snapshot;
    for (TimelineEvent event : timeline.observe(snapshot)) {
      // The experiment's own states show a long wait's progress; its actions' states are detail
      // (the timeline keeps them all, and the injected/ended lines sum them up). Each line costs
      // a stack walk and a console write: about half a millisecond.
      LOG.log(
          event.kind() == Kind.ACTION_STATE ? Level.DEBUG : Level.INFO,
          () ->
              "Experiment "
                  + snapshot.id()
                  + (event.kind() == Kind.ACTION_STATE ? " action " + event.subject() : "")
                  + " is "
                  + event.state()
                  + (event.detail().isEmpty() ? "" : " (" + event.detail() + ")"));
    }
    return snapshot;
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
            nullToEmpty(snapshot.reason()),
            nullToEmpty(snapshot.error()));
    failedBecause(exception);
    return exception;
  }

  private Instant lastBodyEnd() {
    Instant end = null;
    for (TimelineEvent event : timeline.events()) {
      if (event.kind() == Kind.BODY_ENDED) {
        end = event.time();
      }
    }
    return end;
  }

  static String summary(ExperimentSnapshot snapshot) {
    if (snapshot == null) {
      return "none";
    }
    String actions =
        snapshot.actions().stream()
            .map(action -> action.name() + "=" + action.state())
            .collect(Collectors.joining(", "));
    return snapshot.state()
        + (nullToEmpty(snapshot.reason()).isEmpty() ? "" : " (" + snapshot.reason() + ")")
        + (actions.isEmpty() ? "" : ", actions: " + actions);
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to);
  }

  private static String truncate(String value) {
    return value.length() <= MAX_TAG_VALUE
        ? value
        : value.substring(value.length() - MAX_TAG_VALUE);
  }

  private static String joined(String reason, String error) {
    String r = nullToEmpty(reason);
    String e = nullToEmpty(error);
    return e.isEmpty() ? r : (r.isEmpty() ? e : r + "; " + e);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static void restore(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
