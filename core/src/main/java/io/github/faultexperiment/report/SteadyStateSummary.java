package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.report.TimelineEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What the steady-state checks showed around one experiment, derived from its timeline. Not public
 * API; its JSON form is documented in {@code docs/steady-state.md}.
 *
 * @param checks the checks' names, comma-separated
 * @param outcome {@code recovered}, {@code not recovered}, {@code not in steady state} (nothing was
 *     started) or {@code verified} (recovery was not awaited, e.g. the stop failed)
 * @param verifiedAt when the checks passed before the start, or {@code null}
 * @param deviations how many probes failed while the fault was injected
 * @param recoveredAt when the checks passed again after the end, or {@code null}
 * @param timeToRecover from the experiment's confirmed end until the checks passed again, or {@code
 *     null}
 * @param recoveryAwaited from the experiment's confirmed end until the verdict on recovery, or
 *     {@code null} when recovery was not awaited
 */
@API(status = INTERNAL, since = "0.1")
public record SteadyStateSummary(
    String checks,
    String outcome,
    Instant verifiedAt,
    int deviations,
    Instant recoveredAt,
    Duration timeToRecover,
    Duration recoveryAwaited) {
  private static final Set<Kind> KINDS =
      EnumSet.of(
          Kind.STEADY_STATE_VERIFIED,
          Kind.NOT_IN_STEADY_STATE,
          Kind.DEVIATION,
          Kind.RECOVERED,
          Kind.NOT_RECOVERED);

  /**
   * The summary of a timeline.
   *
   * @param timeline an experiment's events, oldest first
   * @return the summary, or {@code null} when the timeline has no steady-state events
   */
  public static SteadyStateSummary of(List<TimelineEvent> timeline) {
    List<TimelineEvent> events = timeline.stream().filter(e -> KINDS.contains(e.kind())).toList();
    if (events.isEmpty()) {
      return null;
    }
    Instant ended = first(timeline, Kind.ENDED);
    Instant verified = first(events, Kind.STEADY_STATE_VERIFIED);
    Instant recovered = first(events, Kind.RECOVERED);
    Instant notRecovered = first(events, Kind.NOT_RECOVERED);
    String outcome;
    if (recovered != null) {
      outcome = "recovered";
    } else if (notRecovered != null) {
      outcome = "not recovered";
    } else if (first(events, Kind.NOT_IN_STEADY_STATE) != null) {
      outcome = "not in steady state";
    } else {
      outcome = "verified";
    }
    Instant verdict = recovered != null ? recovered : notRecovered;
    return new SteadyStateSummary(
        events.get(0).subject(),
        outcome,
        verified,
        (int) events.stream().filter(e -> e.kind() == Kind.DEVIATION).count(),
        recovered,
        between(ended, recovered),
        between(ended, verdict));
  }

  private static Instant first(List<TimelineEvent> events, Kind kind) {
    return events.stream()
        .filter(e -> e.kind() == kind)
        .map(TimelineEvent::time)
        .findFirst()
        .orElse(null);
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to);
  }
}
