package io.github.faultexperiment;

import io.github.faultexperiment.TimelineEvent.Kind;
import io.github.faultexperiment.internal.ExperimentRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an experiment, read from the timeline the extension recorded; start them with
 * {@link FaultAssertions#assertThat(ExperimentHandle)}. Failure messages name the experiment and
 * quote the timeline entries that decided. Assertions about the end ({@link #endedWith}, {@link
 * #recoveredWithin}, …) hold once the experiment has ended: in {@code @AfterEach}, or after a
 * programmatic experiment is closed.
 */
public final class ExperimentHandleAssert
    extends AbstractAssert<ExperimentHandleAssert, ExperimentHandle> {
  private static final Set<String> INJECTED_STATES = Set.of("running", "INJECTED");

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
    Map<String, String> actionStates = new HashMap<>();
    List<TimelineEvent> changes = new ArrayList<>();
    for (TimelineEvent event : events) {
      boolean inWindow =
          event.time().isAfter(bodyStarted)
              && (stopRequested == null || event.time().isBefore(stopRequested));
      if (event.kind() == Kind.ACTION_STATE) {
        String before = actionStates.put(event.subject(), event.state());
        if (inWindow
            && INJECTED_STATES.contains(before)
            && !INJECTED_STATES.contains(event.state())) {
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
   * The {@link SteadyState} checks passed again at most {@code limit} after the experiment was
   * confirmed ended.
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
   * (AWS) The experiment's targets name at least these resource ARNs, as FIS reports them in the
   * experiment's {@code targets}.
   *
   * @param resourceArns the ARNs expected among the targets
   * @return this
   */
  public ExperimentHandleAssert hasResolvedTargets(String... resourceArns) {
    isNotNull();
    requireProvider(Provider.AWS, "hasResolvedTargets");
    Set<String> found = new LinkedHashSet<>();
    if (details().get("targets") instanceof Map<?, ?> targets) {
      for (Object target : targets.values()) {
        if (target instanceof Map<?, ?> map && map.get("resourceArns") instanceof Collection<?> c) {
          c.forEach(arn -> found.add(String.valueOf(arn)));
        }
      }
    }
    List<String> missing = Arrays.stream(resourceArns).filter(a -> !found.contains(a)).toList();
    if (!missing.isEmpty()) {
      fail(
          "to target "
              + Arrays.toString(resourceArns)
              + ", but it targets "
              + found
              + " (missing "
              + missing
              + ")",
          EnumSet.of(Kind.START_REQUESTED, Kind.INJECTED));
    }
    return this;
  }

  /**
   * (GCP) The experiment's affected resources include these, each given as the affected resource's
   * name, its URI, or the end of its URI (e.g. {@code forwardingRules/checkout}).
   *
   * @param resources the resources expected
   * @return this
   */
  public ExperimentHandleAssert hasAffectedResources(String... resources) {
    isNotNull();
    requireProvider(Provider.GCP, "hasAffectedResources");
    List<Map<?, ?>> affected = new ArrayList<>();
    if (details().get("affectedResources") instanceof Collection<?> list) {
      list.stream().filter(Map.class::isInstance).forEach(r -> affected.add((Map<?, ?>) r));
    }
    List<String> missing =
        Arrays.stream(resources)
            .filter(expected -> affected.stream().noneMatch(r -> matches(r, expected)))
            .toList();
    if (!missing.isEmpty()) {
      String found =
          affected.stream()
              .map(r -> r.get("name") + " (" + r.get("affectedResourceUri") + ")")
              .collect(Collectors.joining(", ", "[", "]"));
      fail(
          "to affect "
              + Arrays.toString(resources)
              + ", but it affected "
              + found
              + " (missing "
              + missing
              + ")",
          EnumSet.of(Kind.START_REQUESTED, Kind.INJECTED));
    }
    return this;
  }

  private static boolean matches(Map<?, ?> resource, String expected) {
    String uri = Objects.toString(resource.get("affectedResourceUri"), "");
    return expected.equals(resource.get("name")) || uri.equals(expected) || uri.endsWith(expected);
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

  private Map<String, Object> details() {
    if (actual instanceof ExperimentRun run) {
      return run.details();
    }
    failWithMessage(
        "%s",
        "Expected an ExperimentHandle given by the extension, but got "
            + actual.getClass().getName());
    return Map.of();
  }

  private void requireProvider(Provider provider, String assertion) {
    if (actual.provider() != provider) {
      failWithMessage(
          "%s",
          assertion
              + " applies to "
              + provider
              + " experiments, but "
              + name()
              + " ran on "
              + actual.provider());
    }
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
