package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code experiments} collection and its state machine: PREPARING → PREPARED → (start)
 * INJECTING → INJECTED → (duration elapses | stop) REVERTING → COMPLETED, driven by a scheduler.
 */
final class Experiments {
  private static final String PATH = "experiment";
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "displayName",
          "description",
          "experimentTemplate",
          "startOnCreateEnabled",
          "templateDisplayName",
          "templateDescription",
          "templateDuration",
          "effectiveAction",
          "state",
          "endReason",
          "endNotes",
          "createTime",
          "startTime",
          "stateUpdateTime",
          "stopTime");

  /** Every field of an Experiment; the reference names no subset, so all can be filtered on. */
  private static final Set<String> FILTERABLE =
      Set.of(
          "name",
          "displayName",
          "description",
          "experimentTemplate",
          "templateDisplayName",
          "templateDescription",
          "templateDuration",
          "effectiveAction",
          "state",
          "endReason",
          "endNotes",
          "createTime",
          "startTime",
          "stateUpdateTime",
          "stopTime");

  static final Set<String> RESOURCE_FILTERABLE =
      Set.of(
          "name",
          "affectedResourceUri",
          "displayName",
          "cloudConsoleUrl",
          "state",
          "stateMessage",
          "error");

  private final Templates templates;
  private final ExclusionWindows windows;
  private final Locations locations;
  private final RejectedResources rejected;
  private final ScheduledExecutorService scheduler;
  private final ActionEvents events;
  private final Map<String, Experiment> byName = new LinkedHashMap<>();
  private long sequence;
  private volatile FaultTestingTimings timings = FaultTestingTimings.DEFAULT;

  Experiments(
      Templates templates,
      ExclusionWindows windows,
      Locations locations,
      RejectedResources rejected,
      ScheduledExecutorService scheduler,
      ActionEvents events) {
    this.templates = templates;
    this.windows = windows;
    this.locations = locations;
    this.rejected = rejected;
    this.scheduler = scheduler;
    this.events = events;
  }

  FaultTestingTimings timings() {
    return timings;
  }

  void timings(FaultTestingTimings timings) {
    this.timings = timings;
  }

  ObjectNode create(String parent, String experimentId, JsonNode body) {
    ObjectNode fields = Fields.requireObject(body, PATH);
    Fields.allowOnly(fields, PATH, FIELDS);
    String displayName = Fields.optionalString(fields, "displayName", PATH, 1000);
    String description = Fields.optionalString(fields, "description", PATH, 2000);
    String templateName = Fields.requiredString(fields, "experimentTemplate", PATH);
    boolean startOnCreate = startOnCreate(fields);
    String id = ResourceIds.experimentId(experimentId);
    ObjectNode template = templates.get(templateName);
    String name = parent + "/experiments/" + id;
    synchronized (this) {
      if (byName.containsKey(name)) {
        throw GoogleApiException.alreadyExists(name);
      }
      Experiment experiment =
          new Experiment(
              name, ++sequence, displayName, description, template, startOnCreate, Clocks.now());
      if (startOnCreate) {
        refuseDuringExclusionWindow(experiment);
      }
      byName.put(name, experiment);
      schedule(experiment, timings.preparing(), () -> prepared(experiment));
      return experiment.toJson();
    }
  }

  synchronized ObjectNode get(String name) {
    return find(name).toJson();
  }

  synchronized ObjectNode list(String parent, String pageSize, String pageToken, String filter) {
    ListFilter matches = ListFilter.parse(filter, FILTERABLE);
    Locations.Scope scope = locations.scope(parent, "experiments");
    List<ObjectNode> all =
        byName.values().stream()
            .filter(experiment -> scope.covers(experiment.name))
            .sorted(
                Comparator.comparing((Experiment e) -> e.createTime)
                    .thenComparingLong(e -> e.sequence)
                    .reversed())
            .map(Experiment::toJson)
            .filter(matches)
            .toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "experiments", scope);
  }

  synchronized ObjectNode start(String name) {
    Experiment experiment = find(name);
    if (experiment.state != State.PREPARED) {
      throw GoogleApiException.failedPrecondition(
          "EXPERIMENT_NOT_PREPARED",
          "Experiment '"
              + name
              + "' is "
              + experiment.state
              + "; only a PREPARED experiment can be started.",
          name);
    }
    refuseDuringExclusionWindow(experiment);
    beginInjecting(experiment);
    return experiment.toJson();
  }

  /**
   * Stops a running (INJECTING or INJECTED) experiment: it reverts, then completes with endReason
   * {@code CANCELLED}. The reference documents {@code :stop} for a running experiment only, so
   * every other state is refused, naming the state and what can be done instead.
   */
  ObjectNode stop(String name) {
    Future<?> delivery;
    ObjectNode answer;
    synchronized (this) {
      Experiment experiment = find(name);
      if (!experiment.state.running()) {
        throw GoogleApiException.failedPrecondition(
            "EXPERIMENT_NOT_RUNNING",
            "Experiment '"
                + name
                + "' is "
                + experiment.state
                + notRunningHint(experiment)
                + "; only a running experiment (INJECTING or INJECTED) can be stopped.",
            name);
      }
      delivery =
          end(experiment, EndReason.CANCELLED, "Stopped by a user request (experiments.stop).");
      answer = experiment.toJson();
    }
    events.await(delivery);
    return answer;
  }

  /** Stops every running experiment of the location (or of the project for location {@code -}). */
  ObjectNode stopAll(String parent) {
    List<Future<?>> deliveries = new ArrayList<>();
    int stopped = 0;
    synchronized (this) {
      String prefix = collectionPrefix(parent, "/experiments/");
      for (Experiment experiment : byName.values()) {
        if (experiment.name.startsWith(prefix) && experiment.state.running()) {
          deliveries.add(end(experiment, EndReason.CANCELLED, "Stopped by experiments.stopAll."));
          stopped++;
        }
      }
    }
    deliveries.forEach(events::await);
    // The reference: "an empty response" when nothing was running; the count otherwise (errors is
    // empty and so left out, as for every answer).
    ObjectNode answer = Json.object();
    if (stopped > 0) {
      answer.put("stoppedExperimentsCount", stopped);
    }
    return answer;
  }

  /**
   * Deletes a COMPLETED experiment, as documented: with {@code force} its affected resources go
   * with it; without, only an experiment that has none can be deleted (every emulated experiment
   * has at least one, which is why the reference says to always set {@code force}).
   */
  synchronized void delete(String name, boolean force) {
    Experiment experiment = find(name);
    if (experiment.state != State.COMPLETED) {
      throw GoogleApiException.failedPrecondition(
          "EXPERIMENT_NOT_COMPLETED",
          "Experiment '"
              + name
              + "' is "
              + experiment.state
              + "; only a COMPLETED experiment can be deleted (force=true does not change that)."
              + (experiment.state.running() ? " Stop it first." : ""),
          name);
    }
    ForcedDelete.check(name, experiment.affectedResources.size(), force, "affected resources");
    byName.remove(name);
  }

  synchronized ObjectNode listAffectedResources(
      String experimentName, String pageSize, String pageToken, String filter) {
    ListFilter matches = ListFilter.parse(filter, RESOURCE_FILTERABLE);
    Experiment experiment = find(experimentName);
    List<ObjectNode> all =
        experiment.affectedResources.stream()
            .map(resource -> resource.toJson(experiment.state))
            .filter(matches)
            .toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "affectedResources");
  }

  synchronized ObjectNode getAffectedResource(String name) {
    Experiment experiment = find(name.substring(0, name.indexOf("/affectedResources/")));
    return experiment.affectedResources.stream()
        .filter(resource -> resource.name.equals(name))
        .findFirst()
        .map(resource -> resource.toJson(experiment.state))
        .orElseThrow(() -> GoogleApiException.notFound(name));
  }

  /**
   * Fails the first healthy affected resource of an experiment (by full name or id). An experiment
   * that has not completed ends at once: endReason {@code CANCELLED}, endNotes naming the resource.
   */
  void failAffectedResource(String experiment, String message) {
    Future<?> delivery = null;
    synchronized (this) {
      Experiment found = resolve(experiment);
      AffectedResource resource =
          found.affectedResources.stream()
              .filter(r -> !r.failed())
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Every affected resource of " + found.name + " has already failed"));
      resource.fail(found.state, message);
      if (found.state.stoppable()) {
        delivery =
            end(
                found,
                EndReason.CANCELLED,
                "Injection failed on " + resource.target.uri() + ": " + message);
      }
    }
    events.await(delivery);
  }

  synchronized List<ExperimentRecord> records() {
    return byName.values().stream().map(Experiment::toRecord).toList();
  }

  /** Forgets every experiment; a fault still live is reported ended to the listeners first. */
  void reset() {
    List<Future<?>> deliveries = new ArrayList<>();
    synchronized (this) {
      for (Experiment experiment : byName.values()) {
        cancelNext(experiment);
        if (experiment.faultLive) {
          experiment.faultLive = false;
          deliveries.add(events.ended(experiment));
        }
      }
      byName.clear();
      timings = FaultTestingTimings.DEFAULT;
    }
    deliveries.forEach(events::await);
  }

  // --- the state machine; every transition re-checks the state it expects under the lock ---

  private synchronized void prepared(Experiment experiment) {
    if (experiment.state != State.PREPARING) {
      return;
    }
    // The dry run finds what a validation would: a resource a test declared unusable fails it,
    // and an experiment that cannot be prepared ends without injecting.
    for (AffectedResource resource : experiment.affectedResources) {
      Optional<String> reason = rejected.reason(resource.target);
      if (reason.isPresent()) {
        resource.fail(State.PREPARING, reason.get());
        end(
            experiment,
            EndReason.CANCELLED,
            "Dry run failed on " + resource.target.uri() + ": " + reason.get());
        return;
      }
    }
    experiment.moveTo(State.PREPARED, Clocks.now());
    if (experiment.startOnCreate) {
      if (windows.activeIn(experiment.project, experiment.location).isPresent()) {
        // Started by the caller later, once the window is over; it stays PREPARED until then.
        experiment.endNotes =
            "Not started on create: an exclusion window became active in "
                + experiment.location
                + ".";
        return;
      }
      beginInjecting(experiment);
    }
  }

  private void beginInjecting(Experiment experiment) {
    Instant now = Clocks.now();
    experiment.moveTo(State.INJECTING, now);
    experiment.startTime = now;
    experiment.endNotes = null;
    schedule(experiment, timings.injecting(), () -> injected(experiment));
  }

  private void injected(Experiment experiment) {
    Future<?> delivery;
    synchronized (this) {
      if (experiment.state != State.INJECTING) {
        return;
      }
      experiment.faultLive = true;
      delivery = events.started(experiment);
    }
    // INJECTED is shown only once listeners (local fault effects) have applied the fault.
    events.await(delivery);
    synchronized (this) {
      if (experiment.state != State.INJECTING) {
        return; // stopped meanwhile; the stop has already queued the end event
      }
      experiment.moveTo(State.INJECTED, Clocks.now());
      Duration injection = timings.injectionFor(experiment.templateDuration());
      schedule(experiment, injection, () -> durationElapsed(experiment));
    }
  }

  private void durationElapsed(Experiment experiment) {
    Future<?> delivery;
    synchronized (this) {
      if (experiment.state != State.INJECTED) {
        return;
      }
      delivery =
          end(
              experiment,
              EndReason.COMPLETED,
              "The experiment ran for its planned duration of "
                  + experiment.template.get("duration").asText()
                  + ".");
    }
    events.await(delivery);
  }

  /**
   * Ends an experiment that has not reached REVERTING: an injecting one reverts first, one that
   * never injected completes at once. Returns the queued end event, if the fault was live.
   */
  private Future<?> end(Experiment experiment, EndReason endReason, String endNotes) {
    cancelNext(experiment);
    Instant now = Clocks.now();
    experiment.endReason = endReason;
    experiment.endNotes = endNotes;
    if (experiment.state == State.INJECTING || experiment.state == State.INJECTED) {
      experiment.moveTo(State.REVERTING, now);
      schedule(experiment, timings.reverting(), () -> completed(experiment));
    } else {
      experiment.moveTo(State.COMPLETED, now);
      experiment.stopTime = now;
    }
    if (!experiment.faultLive) {
      return null;
    }
    experiment.faultLive = false;
    return events.ended(experiment);
  }

  private synchronized void completed(Experiment experiment) {
    if (experiment.state != State.REVERTING) {
      return;
    }
    Instant now = Clocks.now();
    experiment.moveTo(State.COMPLETED, now);
    experiment.stopTime = now;
  }

  private void schedule(Experiment experiment, Duration delay, Runnable transition) {
    experiment.next = scheduler.schedule(transition, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void cancelNext(Experiment experiment) {
    if (experiment.next != null) {
      experiment.next.cancel(false);
      experiment.next = null;
    }
  }

  /** Why a state cannot be stopped, and what the caller can do instead. */
  private static String notRunningHint(Experiment experiment) {
    return switch (experiment.state) {
      case PREPARING, PREPARED -> " (not started; it injects nothing until :start)";
      case REVERTING -> " (already stopping; it completes by itself)";
      case COMPLETED -> " (already ended, endReason " + experiment.endReason + ")";
      default -> "";
    };
  }

  private void refuseDuringExclusionWindow(Experiment experiment) {
    windows
        .activeIn(experiment.project, experiment.location)
        .ifPresent(
            window -> {
              throw GoogleApiException.failedPrecondition(
                  "EXCLUSION_WINDOW_ACTIVE",
                  "Experiment '"
                      + experiment.name
                      + "' cannot start: exclusion window '"
                      + window
                      + "' is active in "
                      + experiment.location
                      + ".",
                  window);
            });
  }

  private Experiment find(String name) {
    Experiment experiment = byName.get(name);
    if (experiment == null) {
      throw GoogleApiException.notFound(name);
    }
    return experiment;
  }

  private Experiment resolve(String nameOrId) {
    if (byName.containsKey(nameOrId)) {
      return byName.get(nameOrId);
    }
    List<Experiment> matches =
        byName.values().stream().filter(experiment -> experiment.id().equals(nameOrId)).toList();
    if (matches.size() != 1) {
      throw new IllegalArgumentException(
          (matches.isEmpty() ? "No" : "More than one")
              + " experiment has the id or name '"
              + nameOrId
              + "'; known: "
              + byName.keySet());
    }
    return matches.get(0);
  }

  private static boolean startOnCreate(ObjectNode fields) {
    JsonNode value = fields.get("startOnCreateEnabled");
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw GoogleApiException.invalidArgument(
          PATH + ".startOnCreateEnabled",
          "Invalid value at '" + PATH + ".startOnCreateEnabled': expected true or false.");
    }
    return value.asBoolean();
  }

  /** {@code parent + suffix}, or every location of the project when the location is {@code -}. */
  private static String collectionPrefix(String parent, String suffix) {
    return parent.endsWith("/locations/-")
        ? parent.substring(0, parent.length() - 1)
        : parent + suffix;
  }
}
