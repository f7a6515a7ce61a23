package io.github.faultexperiment;

import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ActionSnapshot;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records what happened to one experiment: each observed change of the experiment's or an action's
 * state, and the extension's own steps. Thread-safe: the test thread, a timeout's watcher thread
 * and the shutdown hook may record at once. Not public API.
 */
final class TimelineRecorder {
  private final Clock clock;
  private final List<TimelineEvent> events = new ArrayList<>();
  private final Map<String, String> lastStates = new HashMap<>();

  /** Creates a recorder on the system clock. */
  public TimelineRecorder() {
    this(Clock.systemUTC());
  }

  /**
   * Creates a recorder on the given clock.
   *
   * @param clock where timestamps come from
   */
  public TimelineRecorder(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records the changes a snapshot shows since the last one.
   *
   * @param snapshot what the service answered
   * @return the events recorded, empty when nothing changed
   */
  public synchronized List<TimelineEvent> observe(ExperimentSnapshot snapshot) {
    List<TimelineEvent> added = new ArrayList<>();
    if (changed("", snapshot.state() + "|" + snapshot.reason())) {
      added.add(
          new TimelineEvent(
              snapshot.observedAt(),
              Kind.EXPERIMENT_STATE,
              snapshot.id(),
              snapshot.state(),
              join(snapshot.reason(), snapshot.error())));
    }
    for (ActionSnapshot action : snapshot.actions()) {
      if (changed("action:" + action.name(), action.state() + "|" + action.reason())) {
        added.add(
            new TimelineEvent(
                snapshot.observedAt(),
                Kind.ACTION_STATE,
                action.name(),
                action.state(),
                nullToEmpty(action.reason())));
      }
    }
    events.addAll(added);
    return added;
  }

  /**
   * Records one of the extension's own steps, now.
   *
   * @param kind the step
   * @param subject the experiment id (or empty before it is known)
   * @param state a state word or outcome, or empty
   * @param detail a note, or empty
   * @return the event
   */
  public synchronized TimelineEvent record(Kind kind, String subject, String state, String detail) {
    TimelineEvent event =
        new TimelineEvent(
            Instant.now(clock),
            kind,
            nullToEmpty(subject),
            nullToEmpty(state),
            nullToEmpty(detail));
    events.add(event);
    return event;
  }

  /**
   * Adds an event that happened at its own time, possibly before events already recorded (a phase
   * the test named before this experiment started), keeping the timeline in time order.
   *
   * @param event the event
   */
  public synchronized void insert(TimelineEvent event) {
    int position = events.size();
    while (position > 0 && events.get(position - 1).time().isAfter(event.time())) {
      position--;
    }
    events.add(position, event);
  }

  /** Every event so far, oldest first. */
  public synchronized List<TimelineEvent> events() {
    return List.copyOf(events);
  }

  /** The time of the first event of this kind, or {@code null}. */
  public synchronized Instant first(Kind kind) {
    return events.stream()
        .filter(event -> event.kind() == kind)
        .map(TimelineEvent::time)
        .findFirst()
        .orElse(null);
  }

  private boolean changed(String key, String state) {
    return !Objects.equals(lastStates.put(key, state), state);
  }

  private static String join(String reason, String error) {
    String r = nullToEmpty(reason);
    String e = nullToEmpty(error);
    if (e.isEmpty()) {
      return r;
    }
    return r.isEmpty() ? e : r + "; " + e;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
