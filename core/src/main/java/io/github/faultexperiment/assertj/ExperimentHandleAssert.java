package io.github.faultexperiment.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an experiment, read from the timeline the extension recorded; start them with
 * {@link FaultAssertions#assertThat(ExperimentHandle)}. Failure messages name the experiment and
 * quote the timeline entries that decided. Assertions about the end ({@link #endedWith}, {@link
 * #recoveredWithin}, …) hold once the experiment has ended: in {@code @AfterEach}, or after a
 * programmatic experiment is closed.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExperimentHandleAssert
    extends AbstractAssert<ExperimentHandleAssert, ExperimentHandle> {
  ExperimentHandleAssert(ExperimentHandle actual) {
    super(actual, ExperimentHandleAssert.class);
  }

  /**
   * The fault was confirmed injected at most {@code limit} after the start was requested.
   *
   * @param limit the longest acceptable time to inject
   * @return this
   */
  public ExperimentHandleAssert wasInjectedWithin(Duration limit) {
    isNotNull();
    Instant requested = first(Kind.START_REQUESTED);
    Instant injected = actual.dryRun() ? null : first(Kind.INJECTED);
    if (requested == null || injected == null) {
      fail(
          "to be injected within " + limit + ", but it never was" + dryRunNote(),
          EnumSet.of(Kind.START_REQUESTED, Kind.EXPERIMENT_STATE, Kind.INJECTED, Kind.ENDED));
    }
    Duration took = Duration.between(requested, injected);
    if (took.compareTo(limit) > 0) {
      fail(
          "to be injected within " + limit + ", but it took " + took,
          EnumSet.of(Kind.START_REQUESTED, Kind.EXPERIMENT_STATE, Kind.INJECTED));
    }
    return this;
  }

  /**
   * The fault was injected before the test body started and neither the experiment nor an injected
   * action changed state until the stop was requested after the body.
   *
   * @return this
   */
  public ExperimentHandleAssert stayedInjectedThroughoutBody() {
    isNotNull();
    Set<Kind> relevant =
        EnumSet.of(
            Kind.INJECTED,
            Kind.BODY_STARTED,
            Kind.EXPERIMENT_STATE,
            Kind.ACTION_STATE,
            Kind.BODY_ENDED,
            Kind.STOP_REQUESTED,
            Kind.ENDED);
    List<TimelineEvent> events = actual.timeline();
    Instant injected = actual.dryRun() ? null : first(Kind.INJECTED);
    Instant bodyStarted = first(Kind.BODY_STARTED);
    Instant bodyEnded = last(Kind.BODY_ENDED);
    if (injected == null || bodyStarted == null || injected.isAfter(bodyStarted)) {
      fail("to be injected when the test body started, but it was not" + dryRunNote(), relevant);
    }
    if (bodyEnded == null) {
      fail(
          "to have stayed injected throughout the test body, but the body has not ended yet:"
              + " assert after it (e.g. in @AfterEach)",
          relevant);
    }
    Instant stopRequested = first(Kind.STOP_REQUESTED);
    // The service's word for "injected" is the state the INJECTED entry recorded; an action
    // leaving that word while the body runs is a change.
    String injectedState = injectedState();
    Map<String, String> actionStates = new HashMap<>();
    List<TimelineEvent> changes = new ArrayList<>();
    for (TimelineEvent event : events) {
      boolean inWindow =
          event.time().isAfter(bodyStarted)
              && (stopRequested == null || event.time().isBefore(stopRequested));
      if (event.kind() == Kind.ACTION_STATE) {
        String before = actionStates.put(event.subject(), event.state());
        if (inWindow && injectedState.equals(before) && !injectedState.equals(event.state())) {
          changes.add(event);
        }
      } else if (event.kind() == Kind.EXPERIMENT_STATE && inWindow) {
        changes.add(event);
      } else if (event.kind() == Kind.ENDED && stopRequested == null) {
        changes.add(event);
      }
    }
    if (!changes.isEmpty()) {
      fail(
          "to have stayed injected throughout the test body, but it changed:"
              + System.lineSeparator()
              + quote(changes),
          relevant);
    }
    return this;
  }

  /**
   * The experiment has ended in this state (the service's word, any case: {@code stopped}, {@code
   * completed}, {@code COMPLETED}, …).
   *
   * @param state the expected final state
   * @return this
   */
  public ExperimentHandleAssert endedWith(String state) {
    TimelineEvent ended = ended("to have ended with state " + state);
    if (!ended.state().equalsIgnoreCase(state)) {
      fail(
          "to have ended with state " + state + ", but it ended " + ended.state(),
          EnumSet.of(Kind.EXPERIMENT_STATE, Kind.STOP_REQUESTED, Kind.ENDED));
    }
    return this;
  }

  /**
   * The experiment has ended and the service's reason (or error) contains this text, ignoring case.
   *
   * @param reason text of the expected reason, e.g. {@code "Experiment stopped"}
   * @return this
   */
  public ExperimentHandleAssert endedWithReason(String reason) {
    TimelineEvent ended = ended("to have ended with a reason containing '" + reason + "'");
    if (!ended.detail().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT))) {
      fail(
          "to have ended with a reason containing '"
              + reason
              + "', but the reason was '"
              + ended.detail()
              + "'",
          EnumSet.of(Kind.EXPERIMENT_STATE, Kind.STOP_REQUESTED, Kind.ENDED));
    }
    return this;
  }

  /**
   * The {@link io.github.faultexperiment.SteadyState} checks passed again at most {@code limit}
   * after the experiment was confirmed ended.
   *
   * @param limit the longest acceptable time to recover
   * @return this
   */
  public ExperimentHandleAssert recoveredWithin(Duration limit) {
    Set<Kind> relevant =
        EnumSet.of(
            Kind.STEADY_STATE_VERIFIED,
            Kind.NOT_IN_STEADY_STATE,
            Kind.DEVIATION,
            Kind.ENDED,
            Kind.RECOVERED,
            Kind.NOT_RECOVERED);
    TimelineEvent ended = ended("to have recovered within " + limit);
    Instant recovered = first(Kind.RECOVERED);
    if (recovered == null) {
      boolean checked =
          actual.timeline().stream()
              .anyMatch(e -> relevant.contains(e.kind()) && e.kind() != Kind.ENDED);
      fail(
          "to have recovered within "
              + limit
              + (checked
                  ? ", but the steady state never came back"
                  : ", but it has no steady-state checks: annotate one with @SteadyState"),
          relevant);
    }
    Duration took = Duration.between(ended.time(), recovered);
    if (took.compareTo(limit) > 0) {
      fail("to have recovered within " + limit + ", but it took " + took, relevant);
    }
    return this;
  }

  /**
   * The experiment's faults act on at least these resources, as the service described them ({@link
   * ExperimentHandle#addressedResources()}: FIS resolved targets, Fault Testing affected
   * resources). Each is given as the whole name or ARN, or the end of it (e.g. {@code
   * forwardingRules/checkout}).
   *
   * @param resources the resources expected
   * @return this
   */
  public ExperimentHandleAssert addresses(String... resources) {
    isNotNull();
    List<String> found = actual.addressedResources();
    List<String> missing =
        Arrays.stream(resources)
            .filter(
                expected ->
                    found.stream()
                        .noneMatch(name -> name.equals(expected) || name.endsWith(expected)))
            .toList();
    if (!missing.isEmpty()) {
      fail(
          "to address "
              + Arrays.toString(resources)
              + ", but it addresses "
              + found
              + " (missing "
              + missing
              + ")",
          EnumSet.of(Kind.START_REQUESTED, Kind.INJECTED));
    }
    return this;
  }

  private TimelineEvent ended(String expectation) {
    isNotNull();
    List<TimelineEvent> ended =
        actual.timeline().stream().filter(e -> e.kind() == Kind.ENDED).toList();
    if (ended.isEmpty()) {
      fail(
          expectation + ", but it has not ended (yet)",
          EnumSet.of(Kind.INJECTED, Kind.EXPERIMENT_STATE, Kind.STOP_REQUESTED));
    }
    return ended.get(ended.size() - 1);
  }

  private String injectedState() {
    return actual.timeline().stream()
        .filter(e -> e.kind() == Kind.INJECTED)
        .map(TimelineEvent::state)
        .findFirst()
        .orElse("");
  }

  private String dryRunNote() {
    return actual.dryRun() ? " (it was a dry run)" : "";
  }

  private Instant first(Kind kind) {
    return actual.timeline().stream()
        .filter(e -> e.kind() == kind)
        .map(TimelineEvent::time)
        .findFirst()
        .orElse(null);
  }

  private Instant last(Kind kind) {
    Instant found = null;
    for (TimelineEvent event : actual.timeline()) {
      if (event.kind() == kind) {
        found = event.time();
      }
    }
    return found;
  }

  private void fail(String expectation, Set<Kind> kinds) {
    List<TimelineEvent> quoted =
        actual.timeline().stream().filter(e -> kinds.contains(e.kind())).toList();
    failWithMessage(
        "%s",
        "Expected "
            + name()
            + " "
            + expectation
            + "."
            + System.lineSeparator()
            + "Timeline:"
            + System.lineSeparator()
            + (quoted.isEmpty() ? "  (no such entries)" : quote(quoted)));
  }

  private String name() {
    return "experiment "
        + (actual.experimentId().isEmpty() ? "(not started)" : actual.experimentId())
        + " from template '"
        + actual.template()
        + "'";
  }

  private String quote(List<TimelineEvent> events) {
    List<TimelineEvent> all = actual.timeline();
    Instant origin = all.isEmpty() ? Instant.EPOCH : all.get(0).time();
    return events.stream()
        .map(
            e ->
                "  +"
                    + Duration.between(origin, e.time()).toMillis()
                    + " ms "
                    + e.kind()
                    + " "
                    + e.subject()
                    + (e.state().isEmpty() ? "" : " " + e.state())
                    + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")"))
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
