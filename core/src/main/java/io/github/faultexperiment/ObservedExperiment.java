package io.github.faultexperiment;

import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.ResolvedTemplate;
import java.lang.System.Logger.Level;
import java.util.stream.Collectors;

/**
 * One experiment as the extension last saw it: the latest snapshot, the timeline of what was seen,
 * and the poll budget of everything that asks the service about it. Shared by the start, the wait
 * for injection and the stop protocol, which each ask through {@link #refresh()} and record what
 * they do here.
 */
final class ObservedExperiment {
  private static final System.Logger LOG = System.getLogger(ExperimentRun.class.getName());

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

  /** Which transition of which template a wait is for, for {@link TransitionHistory}. */
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
