package io.github.faultexperiment;

import io.github.faultexperiment.poll.PollPlan;
import io.github.faultexperiment.poll.Waiter;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ActiveExperiment;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Keeps experiments on overlapping targets apart across JVMs and machines, with the service as the
 * only coordinator: once its start is answered, an experiment lists the active experiments of ours
 * ({@link FaultProvider#activeExperiments()}) and yields to every one that overlaps it and was
 * created earlier (ties: the smaller id). The rule is symmetric — of two contenders, exactly one is
 * earlier — so they never both proceed and never both wait. The one that yields stops its own
 * experiment, waits for the earlier ones to end and starts again; an experiment whose lease lapsed
 * (its JVM died) is ignored. Every wait counts against the injection timeout. Not public API.
 */
final class OverlapAcrossJvms {
  private static final Comparator<ActiveExperiment> FIRST_CREATED =
      Comparator.comparing(
              ActiveExperiment::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(ActiveExperiment::id);

  private OverlapAcrossJvms() {}

  /**
   * The experiments {@code mine} must yield to: active, lease held, overlapping its targets, and
   * created before it.
   *
   * @param active what the service lists
   * @param mine the experiment just started
   * @param template its template
   * @param targets its targets ({@link OverlapKeys#resolved})
   */
  static List<ActiveExperiment> earlier(
      List<ActiveExperiment> active,
      ExperimentSnapshot mine,
      ResolvedTemplate template,
      Map<String, Boolean> targets) {
    ActiveExperiment self =
        active.stream()
            .filter(a -> a.id().equals(mine.id()))
            .findFirst()
            // not listed yet: created no earlier than now, so every listed rival came first
            .orElse(
                new ActiveExperiment(
                    mine.id(), template.id(), Instant.now(), java.util.Optional.empty(), false));
    return active.stream()
        .filter(a -> !a.id().equals(mine.id()))
        .filter(a -> !a.leaseLapsed())
        .filter(a -> overlaps(a, template, targets))
        .filter(a -> FIRST_CREATED.compare(a, self) < 0)
        .toList();
  }

  /** Whether a listed experiment acts on what ours does. */
  static boolean overlaps(
      ActiveExperiment other, ResolvedTemplate template, Map<String, Boolean> targets) {
    if (other.targets().isEmpty()) {
      return template.id().equals(other.templateId());
    }
    Map<String, Boolean> theirs = OverlapKeys.merge(other.targets().get());
    return targets.entrySet().stream()
        .anyMatch(
            mine ->
                theirs.containsKey(mine.getKey())
                    && !(mine.getValue() && theirs.get(mine.getKey())));
  }

  /**
   * Checks a started experiment; when it must yield, stops it, waits until it and the earlier
   * experiments have ended, and returns how long that took (the caller then starts again); {@link
   * Duration#ZERO} when it may proceed.
   *
   * @param experiment what is known of ours (its timeline)
   * @param started the service's answer to the start
   * @param targets its targets
   * @param deadline {@link System#nanoTime()} past which the injection timeout is spent
   * @throws FaultExperimentException when the injection timeout passed while waiting; ours is
   *     stopped first
   */
  static Duration yieldIfLater(
      ObservedExperiment experiment,
      ExperimentSnapshot started,
      Map<String, Boolean> targets,
      long deadline) {
    FaultProvider provider = experiment.provider();
    ResolvedTemplate template = experiment.template();
    List<ActiveExperiment> earlier =
        earlier(provider.activeExperiments(), started, template, targets);
    if (earlier.isEmpty()) {
      return Duration.ZERO;
    }
    long begin = System.nanoTime();
    String rivals = earlier.stream().map(ActiveExperiment::id).collect(Collectors.joining(", "));
    experiment
        .timeline()
        .record(
            Kind.OVERLAP_WAIT,
            started.id(),
            "yielded",
            "stopped to wait for the earlier experiment(s) "
                + rivals
                + " on an overlapping target, then start again");
    stopOwn(provider, started, experiment.settings());
    return waitUntil(
        experiment,
        rivals,
        "the earlier experiment(s) " + rivals + " on an overlapping target to end",
        active ->
            active.stream()
                .noneMatch(
                    a -> !a.leaseLapsed() && earlier.stream().anyMatch(e -> e.id().equals(a.id()))),
        deadline,
        begin);
  }

  /**
   * Before a start: waits while an experiment of ours on an overlapping target is active (lease
   * held), so that the common case — another JVM's experiment already running — costs no start and
   * stop. Two starts at the same moment both pass; {@link #yieldIfLater} settles those.
   *
   * @param listed the provider's active experiments, listed a moment ago; {@code null} to list them
   *     now
   * @return how long it waited; zero when nothing overlapped
   */
  static Duration awaitNoneActive(
      ObservedExperiment experiment,
      Map<String, Boolean> targets,
      long deadline,
      List<ActiveExperiment> listed) {
    FaultProvider provider = experiment.provider();
    ResolvedTemplate template = experiment.template();
    List<ActiveExperiment> holding =
        holding(listed != null ? listed : provider.activeExperiments(), template, targets);
    if (holding.isEmpty()) {
      return Duration.ZERO;
    }
    long begin = System.nanoTime();
    String rivals = holding.stream().map(ActiveExperiment::id).collect(Collectors.joining(", "));
    experiment
        .timeline()
        .record(
            Kind.OVERLAP_WAIT,
            rivals,
            "waiting",
            "waiting for experiment(s) of another JVM on an overlapping target to end");
    return waitUntil(
        experiment,
        rivals,
        "the experiment(s) " + rivals + " on an overlapping target to end",
        active -> holding(active, template, targets).isEmpty(),
        deadline,
        begin);
  }

  /**
   * Polls the provider's active experiments until none of the rivals holds a target, then says so.
   */
  private static Duration waitUntil(
      ObservedExperiment experiment,
      String rivals,
      String what,
      Predicate<List<ActiveExperiment>> done,
      long deadline,
      long begin) {
    try {
      Waiter.until(
          what,
          remaining(deadline),
          PollPlan.backoff(),
          experiment.provider()::activeExperiments,
          done,
          CloudApiException::throttled);
    } catch (Waiter.TimedOut timedOut) {
      throw waitedTooLong(experiment, rivals, timedOut);
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - begin);
    experiment
        .timeline()
        .record(
            Kind.OVERLAP_WAIT,
            rivals,
            "ended",
            "waited " + waited.toMillis() + " ms for " + rivals + " to end");
    return waited;
  }

  private static List<ActiveExperiment> holding(
      List<ActiveExperiment> active, ResolvedTemplate template, Map<String, Boolean> targets) {
    return active.stream()
        .filter(a -> !a.leaseLapsed())
        .filter(a -> overlaps(a, template, targets))
        .toList();
  }

  private static FaultExperimentException waitedTooLong(
      ObservedExperiment experiment, String rivals, Waiter.TimedOut timedOut) {
    return new FaultExperimentException(
        "Experiment from template '"
            + experiment.settings().template()
            + "' was not started: waited "
            + experiment.settings().injectionTimeout()
            + " (the injection timeout) for the experiment(s) "
            + rivals
            + " on an overlapping target to end (another JVM or CI job runs them; experiments"
            + " whose targets overlap never run together). Raise @FaultExperiment"
            + "(injectionTimeout) or "
            + FaultExperimentProperties.INJECTION_TIMEOUT
            + ", or run the overlapping suites one after the other.",
        timedOut);
  }

  /** Stops ours and waits until it has ended; a failure here is thrown, never swallowed. */
  private static void stopOwn(
      FaultProvider provider, ExperimentSnapshot started, ExperimentSettings settings) {
    provider.stop(started.id());
    try {
      Waiter.until(
          "yielding experiment " + started.id() + " ended",
          settings.stopTimeout(),
          PollPlan.backoff(),
          () -> provider.describe(started.id()),
          snapshot -> snapshot.phase() == Phase.ENDED,
          CloudApiException::throttled);
    } catch (Waiter.TimedOut timedOut) {
      throw new FaultExperimentException(
          "Experiment "
              + started.id()
              + " from template '"
              + settings.template()
              + "' yielded to an earlier experiment on an overlapping target, was asked to stop"
              + " but has not ended within "
              + settings.stopTimeout()
              + " (the stop timeout); check it in the console.",
          timedOut);
    }
  }

  private static Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    return Duration.ofNanos(Math.max(1_000_000L, left));
  }
}
