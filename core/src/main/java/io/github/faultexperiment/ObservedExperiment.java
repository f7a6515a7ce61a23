package io.github.faultexperiment;

import io.github.faultexperiment.poll.PollBudget;
import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.ResolvedTemplate;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One experiment as the extension last saw it: the latest snapshot, the timeline of what was seen,
 * and the poll budget of everything that asks the service about it. Shared by the start, the wait
 * for injection and the stop ({@link ExperimentStop}), which each ask through {@link #refresh()}
 * and record what they do here.
 */
final class ObservedExperiment {
  private static final System.Logger LOG = System.getLogger(ExperimentLifecycle.class.getName());

  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final ExperimentSettings settings;
  private final FaultProvider provider;
  private final TimelineRecorder timeline = new TimelineRecorder();
  private final PollBudget polls = new PollBudget();
  private volatile ResolvedTemplate template;
  private volatile ExperimentSnapshot last;

  ObservedExperiment(ExperimentSettings settings, FaultProvider provider) {
    this.settings = settings;
    this.provider = provider;
  }

  ExperimentSettings settings() {
    return settings;
  }

  FaultProvider provider() {
    return provider;
  }

  TimelineRecorder timeline() {
    return timeline;
  }

  PollBudget polls() {
    return polls;
  }

  /** The template, once resolved; {@code null} before. */
  ResolvedTemplate template() {
    return template;
  }

  void resolved(ResolvedTemplate resolved) {
    template = resolved;
  }

  /** The latest snapshot; {@code null} before the start was answered. */
  ExperimentSnapshot last() {
    return last;
  }

  /** Whether the service has answered a start: there is an experiment to stop. */
  boolean started() {
    return last != null;
  }

  String experimentId() {
    ExperimentSnapshot snapshot = last;
    return snapshot == null ? "" : snapshot.id();
  }

  /** Asks the service for the experiment now. */
  ExperimentSnapshot refresh() {
    // A body that left its thread's interrupt flag set must not abort the call that checks its
    // fault (the AWS SDK refuses to send from an interrupted thread); the flag goes back for the
    // test to see.
    boolean interrupted = Thread.interrupted();
    try {
      polls.awaitTurn();
      interrupted |= Thread.interrupted();
      return observe(provider.describe(experimentId()));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Keeps a snapshot the service answered, and puts its changes on the timeline. */
  ExperimentSnapshot observe(ExperimentSnapshot snapshot) {
    last = snapshot;
    for (TimelineEvent event : timeline.observe(snapshot)) {
      // Detail: the timeline keeps every state, and the one INFO line at the end sums them up.
      LOG.log(
          Level.DEBUG,
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

  /** Which transition of which template a wait is for, for what {@link PollPlan} learns of it. */
  String transitionKey(String transition) {
    ResolvedTemplate resolved = template;
    // per endpoint and region/project: the same template id elsewhere is another experiment's
    // timing
    return provider.scope()
        + " "
        + (resolved == null ? settings.template() : resolved.id())
        + (settings.dryRun() ? " dry-run " : " ")
        + transition;
  }

  /**
   * The one INFO line of an experiment's life, written when it ended: when it started, how long
   * after that its fault was injected and it ended, and how it ended — e.g. {@code Experiment EXP1
   * from template 'latency': started 10:15:02.113, injected +1.204 s, ended +9.870 s: completed}.
   */
  String lifeLine(ExperimentSnapshot ended) {
    Instant started = timeline.first(Kind.START_REQUESTED);
    Instant injected = timeline.first(Kind.INJECTED);
    Instant end = timeline.first(Kind.ENDED);
    String injection =
        settings.dryRun() ? "dry run" : injected == null ? "never injected" : "injected";
    return "Experiment "
        + ended.id()
        + " from template '"
        + settings.template()
        + "': started "
        + (started == null
            ? "(unknown)"
            : CLOCK_TIME.format(started.atZone(ZoneId.systemDefault())))
        + ", "
        + injection
        + (injected == null || settings.dryRun() ? "" : " " + after(started, injected))
        + ", ended "
        + after(started, end)
        + ": "
        + summary(ended);
  }

  private static String after(Instant from, Instant to) {
    if (from == null || to == null) {
      return "";
    }
    return String.format(
        Locale.ROOT, "+%.3f s", Duration.between(from, to).toNanos() / 1_000_000_000.0);
  }

  /** The state, reason and actions of a snapshot, for messages. */
  static String summary(ExperimentSnapshot snapshot) {
    if (snapshot == null) {
      return "none";
    }
    String actions =
        snapshot.actions().stream()
            .map(action -> action.name() + "=" + action.state())
            .collect(Collectors.joining(", "));
    return snapshot.state()
        + (snapshot.reason().isEmpty() ? "" : " (" + snapshot.reason() + ")")
        + (actions.isEmpty() ? "" : ", actions: " + actions);
  }

  @Override
  public String toString() {
    return "experiment " + experimentId() + " from template '" + settings.template() + "'";
  }
}
