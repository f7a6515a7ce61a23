package io.github.faultexperiment;

import io.github.faultexperiment.poll.PollPlan;
import io.github.faultexperiment.poll.Waiter;
import io.github.faultexperiment.report.LocalTargetTraffic;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ActiveExperiment;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.StartRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.opentest4j.TestAbortedException;

/**
 * How one experiment is started: access checked, template resolved, a free slot waited for (within
 * the injection timeout), and the start sent — again, with the same idempotency key, while the
 * service says its quota of active experiments is reached; then, once answered, compared with the
 * other JVMs' active experiments ({@link OverlapAcrossJvms}): one that must yield is stopped and
 * started again once the earlier ones have ended, all within the injection timeout.
 */
final class ExperimentStart {
  private static final int MAX_TAG_VALUE = 256;
  // How old a listing of active experiments may be when the overlap check reads it: a slot
  // acquired at once leaves it a few milliseconds old, as old as one the check sends itself.
  private static final Duration FRESH_LISTING = Duration.ofMillis(50);

  private ExperimentStart() {}

  /**
   * What a start leaves behind.
   *
   * @param snapshot the service's answer
   * @param slot the slot held until the experiment has ended
   * @param trafficAtStart the local targets' counters when the start was sent
   * @param sentNanos when the accepted start was sent ({@link System#nanoTime()})
   * @param overlapWait how long earlier experiments of other JVMs on overlapping targets were
   *     waited for ({@link OverlapAcrossJvms})
   */
  record Started(
      ExperimentSnapshot snapshot,
      OverlapSlots.Slot slot,
      List<LocalTargetTraffic> trafficAtStart,
      long sentNanos,
      Duration overlapWait) {}

  /**
   * Starts the experiment.
   *
   * @param experiment what is known of it; its template is resolved here
   * @param test who starts it (tags)
   * @param localTargets read once the start is sent
   */
  static Started start(
      ObservedExperiment experiment, TestIdentity test, LocalTargetMeter localTargets) {
    ExperimentSettings settings = experiment.settings();
    FaultProvider provider = experiment.provider();
    provider.verifyAccess();
    ResolvedTemplate template = ResolvedTemplates.resolve(provider, settings.template());
    experiment.resolved(template);
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
    // The overlap check's first listing goes out beside the "not now" check: two reads that do
    // not depend on each other, so the start waits for the slower one, not for both.
    CompletableFuture<List<ActiveExperiment>> listing =
        settings.dryRun() ? null : ConcurrentReads.send(provider::activeExperiments);
    try {
      // before a slot is waited for: a service that says "not now" is not worth queueing for
      provider.verifyAllowedNow(template, request);
    } catch (ExperimentNotAllowedException notNow) {
      throw outcome(notNow);
    }
    long begin = System.nanoTime();
    long deadline = begin + settings.injectionTimeout().toNanos();
    Map<String, Boolean> targets = OverlapKeys.resolved(provider, template);
    OverlapSlots.Slot held =
        OverlapSlots.acquire(
            provider,
            template,
            settings.safety().maxActiveExperiments(),
            settings.injectionTimeout());
    // a listing sent before a wait for the slot may miss what started meanwhile: list again
    boolean listedFresh = System.nanoTime() - begin < FRESH_LISTING.toNanos();
    try {
      Duration overlapWait = Duration.ZERO;
      StartRequest attempt = request;
      while (true) {
        if (!settings.dryRun()) {
          List<ActiveExperiment> listed =
              listedFresh && listing != null ? ConcurrentReads.join(listing) : null;
          listing = null;
          overlapWait =
              overlapWait.plus(
                  OverlapAcrossJvms.awaitNoneActive(experiment, targets, deadline, listed));
        }
        experiment.timeline().record(Kind.START_REQUESTED, "", "", template.id());
        List<LocalTargetTraffic> trafficAtStart = localTargets.read();
        AtomicLong sentNanos = new AtomicLong();
        ExperimentSnapshot started =
            withinQuota(
                provider,
                settings,
                template,
                attempt,
                Duration.ofNanos(deadline - System.nanoTime()),
                sentNanos);
        // known before any check, so that whatever fails next, the stop path stops this one
        experiment.observe(started);
        if (settings.dryRun()) {
          return new Started(started, held, trafficAtStart, sentNanos.get(), overlapWait);
        }
        Duration waited = OverlapAcrossJvms.yieldIfLater(experiment, started, targets, deadline);
        if (waited.isZero()) {
          return new Started(started, held, trafficAtStart, sentNanos.get(), overlapWait);
        }
        overlapWait = overlapWait.plus(waited);
        // a fresh idempotency key: the yielded experiment's key would return it again
        attempt =
            new StartRequest(
                "fe-" + UUID.randomUUID(),
                TestIdentity.RUN_ID,
                test.testId(),
                test.displayName(),
                tags,
                settings.dryRun());
      }
    } catch (RuntimeException | Error e) {
      held.release();
      // the template may have been replaced since it was resolved: resolve it afresh next time
      ResolvedTemplates.forget(provider, settings.template());
      throw e;
    }
  }

  /**
   * Starts, and while the service answers that its quota of active experiments is reached ({@link
   * CloudApiException.Reason#QUOTA_EXCEEDED}, after the client's own retries), tries again with
   * growing pauses until {@code budget} is spent. The same idempotency key each time: a refused
   * start started nothing.
   */
  private static ExperimentSnapshot withinQuota(
      FaultProvider provider,
      ExperimentSettings settings,
      ResolvedTemplate template,
      StartRequest request,
      Duration budget,
      AtomicLong sentNanos) {
    AtomicReference<CloudApiException> refused = new AtomicReference<>();
    Callable<ExperimentSnapshot> attempt =
        () -> {
          try {
            // learned polling measures from the start that was accepted, not from queueing
            sentNanos.set(System.nanoTime());
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
              Objects::nonNull,
              CloudApiException::throttled)
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
   * What a test sees of a service's "not now": an abort (like a failed assumption) with the
   * service's reason, or, where the provider's setting says so, the failure itself.
   */
  static RuntimeException outcome(ExperimentNotAllowedException notNow) {
    return notNow.abortsTest() ? new TestAbortedException(notNow.getMessage(), notNow) : notNow;
  }

  private static String truncate(String value) {
    return value.length() <= MAX_TAG_VALUE
        ? value
        : value.substring(value.length() - MAX_TAG_VALUE);
  }
}
