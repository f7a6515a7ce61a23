package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.faultexperiment.emulator.common.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The emulated chaos-controller-manager: for each chaos object, the reconcilers of {@code
 * controllers/common} in one loop — the finalizer ({@code finalizers}), the desired phase ({@code
 * desiredphase}: Stop when deleting; Run for one-shot kinds; Stop when the duration, counted from
 * {@code creationTimestamp}, has passed or the pause annotation is {@code "true"}; Run otherwise),
 * the records ({@code records}: targets selected once, when there are none; each record moved one
 * step of {@code Not Injected → [Not Injected/Wait →] Injected → [Injected/Wait →] Not Injected}
 * per reconcile; failures recorded and retried) and, a little later, the conditions ({@code
 * condition}).
 *
 * <p>A record's local effect is switched on (listeners told the action started) just before it
 * reads {@code Injected}, and off just before it reads {@code Not Injected}.
 */
final class ChaosController {
  static final String FINALIZER = "chaos-mesh/records";
  static final String PAUSE = "experiment.chaos-mesh.org/pause";
  static final String CLEAN_FINALIZER = "chaos-mesh.chaos-mesh.org/cleanFinalizer";
  static final String NOT_INJECTED = "Not Injected";
  static final String INJECTED = "Injected";
  static final String WAIT = "/Wait";
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final Storage storage;
  private final ActionEvents events;
  private final ScheduledExecutorService scheduler;
  private final Supplier<List<Pod>> pods;
  private final Map<ObjectKey, Runtime> runtimes = new ConcurrentHashMap<>();
  private final Map<String, String> injectionFailures = new ConcurrentHashMap<>();
  private final Map<String, String> recoveryFailures = new ConcurrentHashMap<>();
  private volatile ChaosMeshTimings timings = ChaosMeshTimings.DEFAULT;

  /** What the controller keeps about an object besides its status. */
  private static final class Runtime {
    boolean selectPending = true;
    Duration backoff;
    ScheduledFuture<?> reconcile;
    ScheduledFuture<?> conditions;
  }

  ChaosController(
      Storage storage,
      ScheduledExecutorService scheduler,
      Supplier<List<Pod>> pods,
      ActionEvents events) {
    this.storage = storage;
    this.events = events;
    this.scheduler = scheduler;
    this.pods = pods;
  }

  ChaosMeshTimings timings() {
    return timings;
  }

  void timings(ChaosMeshTimings newTimings) {
    this.timings = Objects.requireNonNull(newTimings, "timings");
  }

  /** Applying every record of the object named so fails with {@code message} until cleared. */
  void failInjection(String namespace, String name, String message) {
    injectionFailures.put(namespace + "/" + name, message);
  }

  /** Recovering every record of the object named so fails with {@code message} until cleared. */
  void failRecovery(String namespace, String name, String message) {
    recoveryFailures.put(namespace + "/" + name, message);
  }

  /** Lets injection and recovery of the object succeed again (both when {@code name} is null). */
  void clearFailures(String namespace, String name) {
    if (name == null) {
      injectionFailures.clear();
      recoveryFailures.clear();
    } else {
      injectionFailures.remove(namespace + "/" + name);
      recoveryFailures.remove(namespace + "/" + name);
      storage.keys().stream()
          .filter(k -> k.namespace().equals(namespace) && k.name().equals(name))
          .forEach(this::wake);
    }
  }

  /**
   * An object was created or changed by a client: reconcile it (selecting if it has no records).
   */
  void changed(ObjectKey key) {
    Runtime runtime = runtimes.computeIfAbsent(key, k -> new Runtime());
    synchronized (storage) {
      runtime.selectPending = true;
      runtime.backoff = null;
    }
    schedule(key, timings.selection());
  }

  /** Forgets every object's runtime state and every control; switches local effects off. */
  void reset() {
    synchronized (storage) {
      for (ObjectKey key : storage.keys()) {
        storage.get(key).ifPresent(object -> endAll(object, key));
      }
      runtimes.values().forEach(ChaosController::cancel);
      runtimes.clear();
      injectionFailures.clear();
      recoveryFailures.clear();
      timings = ChaosMeshTimings.DEFAULT;
    }
  }

  private void wake(ObjectKey key) {
    Runtime runtime = runtimes.get(key);
    if (runtime != null) {
      synchronized (storage) {
        runtime.backoff = null;
      }
      schedule(key, Duration.ZERO);
    }
  }

  private void schedule(ObjectKey key, Duration delay) {
    Runtime runtime = runtimes.computeIfAbsent(key, k -> new Runtime());
    synchronized (storage) {
      if (runtime.reconcile != null) {
        runtime.reconcile.cancel(false);
      }
      runtime.reconcile =
          scheduler.schedule(() -> reconcile(key), delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void reconcile(ObjectKey key) {
    Duration next;
    synchronized (storage) {
      ObjectNode object = storage.get(key).orElse(null);
      Runtime runtime = runtimes.get(key);
      if (object == null || runtime == null) {
        runtimes.remove(key);
        return;
      }
      next = reconcile(key, object, runtime);
    }
    if (next != null) {
      schedule(key, next);
    }
  }

  /** One pass of the reconcilers; returns when to pass again, or null when nothing is pending. */
  private Duration reconcile(ObjectKey key, ObjectNode object, Runtime runtime) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    ObjectNode status = object.withObjectProperty("status");
    ObjectNode experiment = status.withObjectProperty("experiment");
    boolean deleting = metadata.hasNonNull("deletionTimestamp");
    boolean changed = false;

    if (!deleting && !hasFinalizer(metadata)) {
      metadata.withArrayProperty("finalizers").add(FINALIZER);
      storage.recordEvent(object, "Normal", "FinalizerInited", "Finalizer has been inited");
      changed = true;
    }

    ChaosKind kind = key.kind();
    JsonNode spec = object.path("spec");
    Duration untilStop = null;
    String desired;
    String before = experiment.path("desiredPhase").asText("");
    List<String[]> phaseEvents = new ArrayList<>();
    if (deleting) {
      desired = "Stop";
      if (!before.equals("Stop")) {
        phaseEvents.add(new String[] {"Deleted", "Experiment has been deleted"});
      }
    } else if (kind.oneShot(spec)) {
      desired = "Run";
    } else {
      Duration duration = duration(spec);
      Instant created = Instant.parse(metadata.path("creationTimestamp").asText());
      Instant stopAt = duration == null ? null : created.plus(duration);
      Instant now = Instant.now();
      if (stopAt != null && stopAt.isBefore(now)) {
        desired = "Stop";
        if (!before.equals("Stop")) {
          phaseEvents.add(new String[] {"TimeUp", "Time up according to the duration"});
        }
      } else {
        untilStop = stopAt == null ? null : Duration.between(now, stopAt);
        if (paused(metadata)) {
          desired = "Stop";
          if (!before.equals("Stop")) {
            phaseEvents.add(new String[] {"Paused", "Experiment has been paused"});
          }
        } else {
          desired = "Run";
          if (!before.equals("Run")) {
            phaseEvents.add(new String[] {"Started", "Experiment has started"});
          }
        }
      }
    }
    if (!before.equals(desired)) {
      phaseEvents.forEach(e -> storage.recordEvent(object, "Normal", e[0], e[1]));
      experiment.put("desiredPhase", desired);
      storage.recordEvent(
          object, "Normal", "Updated", "Successfully update desiredPhase of resource");
      changed = true;
    }

    // Requeued just after the stop time, as upstream requeues after untilStop.
    Duration next = untilStop == null ? null : untilStop.plusMillis(1);
    ArrayNode records = (ArrayNode) experiment.get("containerRecords");
    if (records == null && runtime.selectPending) {
      runtime.selectPending = false;
      try {
        records = select(kind, spec);
        experiment.set("containerRecords", records);
        storage.recordEvent(object, "Normal", "Updated", "Successfully update records of resource");
        changed = true;
        next = earliest(next, Duration.ZERO);
      } catch (IllegalStateException e) {
        storage.recordEvent(
            object, "Warning", "Failed", "Failed to select targets: " + e.getMessage());
      }
    } else if (records != null) {
      Step step = step(key, object, records, desired);
      changed |= step.changed();
      if (step.pending() != null) {
        next = earliest(next, step.pending());
      }
    }

    if (deleting && hasFinalizer(metadata)) {
      boolean forced = "forced".equals(metadata.path("annotations").path(CLEAN_FINALIZER).asText());
      if (forced || allNotInjected(records)) {
        removeFinalizer(metadata);
        storage.recordEvent(object, "Normal", "FinalizerInited", "Finalizer has been removed");
        changed = true;
      }
    }
    if (deleting && metadata.path("finalizers").isEmpty()) {
      storage.remove(key);
      cancel(runtimes.remove(key));
      return null;
    }
    if (changed) {
      storage.put(key, object);
      scheduleConditions(key, runtime);
    }
    return next;
  }

  /** What one pass over the records did. */
  private record Step(boolean changed, Duration pending) {}

  private Step step(ObjectKey key, ObjectNode object, ArrayNode records, String desired) {
    boolean changed = false;
    boolean pending = false;
    boolean failed = false;
    Runtime runtime = runtimes.get(key);
    String objectName = key.namespace() + "/" + key.name();
    for (JsonNode node : records) {
      ObjectNode record = (ObjectNode) node;
      String phase = record.path("phase").asText();
      boolean run = desired.equals("Run");
      if ((run && phase.equals(INJECTED)) || (!run && phase.equals(NOT_INJECTED))) {
        continue;
      }
      boolean apply = phase.startsWith(NOT_INJECTED);
      String failure = (apply ? injectionFailures : recoveryFailures).get(objectName);
      if (failure != null) {
        String operation = apply ? "Apply" : "Recover";
        addRecordEvent(record, "Failed", operation, failure);
        storage.recordEvent(
            object,
            "Warning",
            "Failed",
            "Failed to " + (apply ? "apply" : "recover") + " chaos: " + failure);
        changed = true;
        failed = true;
        pending = true;
        continue;
      }
      pending = true;
      changed = true;
      if (apply) {
        if (key.kind().waits && phase.equals(NOT_INJECTED)) {
          record.put("phase", NOT_INJECTED + WAIT);
          continue;
        }
        events.started(object, key, record);
        record.put("phase", INJECTED);
        record.put("injectedCount", record.path("injectedCount").asInt() + 1);
        addRecordEvent(record, "Succeeded", "Apply", null);
        storage.recordEvent(
            object,
            "Normal",
            "Applied",
            "Successfully apply chaos for " + record.path("id").asText());
      } else {
        if (key.kind().waits && phase.equals(INJECTED)) {
          record.put("phase", INJECTED + WAIT);
          continue;
        }
        events.ended(object, key, record);
        record.put("phase", NOT_INJECTED);
        record.put("recoveredCount", record.path("recoveredCount").asInt() + 1);
        addRecordEvent(record, "Succeeded", "Recover", null);
        storage.recordEvent(
            object,
            "Normal",
            "Recovered",
            "Successfully recover chaos for " + record.path("id").asText());
      }
    }
    if (!pending) {
      runtime.backoff = null;
      return new Step(changed, null);
    }
    if (failed) {
      // Upstream requeues a failed record with the controller's rate limiter: growing waits.
      Duration base = desired.equals("Run") ? timings.injection() : timings.recovery();
      runtime.backoff =
          runtime.backoff == null
              ? max(base, Duration.ofMillis(50))
              : min(runtime.backoff.multipliedBy(2), MAX_BACKOFF);
      return new Step(changed, runtime.backoff);
    }
    runtime.backoff = null;
    return new Step(changed, desired.equals("Run") ? timings.injection() : timings.recovery());
  }

  private ArrayNode select(ChaosKind kind, JsonNode spec) {
    List<Pod> all = pods.get();
    ArrayNode records = Json.MAPPER.createArrayNode();
    addRecords(records, kind, spec, spec, ".", all);
    if (kind == ChaosKind.NETWORK_CHAOS && spec.path("target").isObject()) {
      addRecords(records, kind, spec, spec.get("target"), ".Target", all);
    }
    return records;
  }

  private static void addRecords(
      ArrayNode records,
      ChaosKind kind,
      JsonNode spec,
      JsonNode selectorSpec,
      String selectorKey,
      List<Pod> all) {
    List<Pod> chosen = Selection.select(selectorSpec, all);
    List<String> ids = new ArrayList<>();
    for (Pod pod : chosen) {
      if (!kind.containers(spec)) {
        ids.add(pod.id());
        continue;
      }
      List<String> names = new ArrayList<>();
      spec.path("containerNames").forEach(n -> names.add(n.asText()));
      if (names.isEmpty()) {
        ids.add(pod.id() + "/" + pod.containers().get(0));
      } else {
        pod.containers().stream().filter(names::contains).forEach(c -> ids.add(pod.id() + "/" + c));
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException("no target has been selected");
    }
    for (String id : ids) {
      ObjectNode record = records.addObject();
      record.put("id", id);
      record.put("selectorKey", selectorKey);
      record.put("phase", NOT_INJECTED);
      record.put("injectedCount", 0);
      record.put("recoveredCount", 0);
    }
  }

  private void scheduleConditions(ObjectKey key, Runtime runtime) {
    if (runtime.conditions != null && !runtime.conditions.isDone()) {
      return;
    }
    runtime.conditions =
        scheduler.schedule(
            () -> updateConditions(key), timings.conditions().toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Upstream's {@code diffConditions}: derived from the records and the pause annotation. */
  private void updateConditions(ObjectKey key) {
    synchronized (storage) {
      ObjectNode object = storage.get(key).orElse(null);
      if (object == null) {
        return;
      }
      JsonNode records = object.path("status").path("experiment").get("containerRecords");
      boolean selected = records != null;
      boolean allInjected = selected && every(records, INJECTED);
      boolean allRecovered = selected && every(records, NOT_INJECTED);
      ArrayNode conditions = Json.MAPPER.createArrayNode();
      condition(conditions, "Selected", selected);
      condition(conditions, "AllInjected", allInjected);
      condition(conditions, "AllRecovered", allRecovered);
      condition(conditions, "Paused", paused(object.path("metadata")));
      ObjectNode status = object.withObjectProperty("status");
      if (!conditions.equals(status.get("conditions"))) {
        status.set("conditions", conditions);
        storage.put(key, object);
      }
    }
  }

  private static void condition(ArrayNode conditions, String type, boolean value) {
    ObjectNode condition = conditions.addObject();
    condition.put("type", type);
    condition.put("status", value ? "True" : "False");
  }

  /** Tells the listeners that every record still injected ended: the object is being forgotten. */
  private void endAll(ObjectNode object, ObjectKey key) {
    JsonNode records = object.path("status").path("experiment").path("containerRecords");
    for (JsonNode record : records) {
      if (!record.path("phase").asText().equals(NOT_INJECTED)) {
        events.ended(object, key, record);
      }
    }
  }

  private static void addRecordEvent(
      ObjectNode record, String type, String operation, String message) {
    ArrayNode events = record.withArrayProperty("events");
    // Upstream keeps the last few (ControllerCfg.MaxEvents, 10 by default).
    if (events.size() >= 10) {
      events.remove(0);
    }
    ObjectNode event = events.addObject();
    event.put("type", type);
    event.put("operation", operation);
    if (message != null) {
      event.put("message", message);
    }
    event.put("timestamp", Json.time(Instant.now()));
  }

  private static Duration duration(JsonNode spec) {
    String text = spec.path("duration").asText("");
    return text.isEmpty() ? null : GoDuration.parse(text);
  }

  static boolean paused(JsonNode metadata) {
    return "true".equals(metadata.path("annotations").path(PAUSE).asText());
  }

  private static boolean hasFinalizer(JsonNode metadata) {
    for (JsonNode finalizer : metadata.path("finalizers")) {
      if (finalizer.asText().equals(FINALIZER)) {
        return true;
      }
    }
    return false;
  }

  private static void removeFinalizer(ObjectNode metadata) {
    ArrayNode finalizers = metadata.withArrayProperty("finalizers");
    for (int i = finalizers.size() - 1; i >= 0; i--) {
      if (finalizers.get(i).asText().equals(FINALIZER)) {
        finalizers.remove(i);
      }
    }
    if (finalizers.isEmpty()) {
      metadata.remove("finalizers");
    }
  }

  private static boolean allNotInjected(JsonNode records) {
    return records == null || every(records, NOT_INJECTED);
  }

  private static boolean every(JsonNode records, String phase) {
    for (JsonNode record : records) {
      if (!record.path("phase").asText().equals(phase)) {
        return false;
      }
    }
    return true;
  }

  private static Duration earliest(Duration a, Duration b) {
    return a == null ? b : b == null ? a : min(a, b);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static void cancel(Runtime runtime) {
    if (runtime != null) {
      if (runtime.reconcile != null) {
        runtime.reconcile.cancel(false);
      }
      if (runtime.conditions != null) {
        runtime.conditions.cancel(false);
      }
    }
  }
}
