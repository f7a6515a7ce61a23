package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The emulated cluster's storage, as etcd behind the apiserver: chaos objects by kind, namespace
 * and name, and the events recorded about them, each write bumping one cluster-wide {@code
 * resourceVersion}. Callers synchronize on it.
 */
final class Storage {
  private final Map<ObjectKey, ObjectNode> objects = new LinkedHashMap<>();
  private final List<ObjectNode> events = new ArrayList<>();
  private long resourceVersion = 1000;

  synchronized Optional<ObjectNode> get(ObjectKey key) {
    return Optional.ofNullable(objects.get(key));
  }

  /** Stores an object, giving it the next resource version. */
  synchronized void put(ObjectKey key, ObjectNode object) {
    ((ObjectNode) object.get("metadata")).put("resourceVersion", nextVersion());
    objects.put(key, object);
  }

  synchronized void remove(ObjectKey key) {
    objects.remove(key);
    nextVersion();
  }

  /** The objects of a kind (every kind when {@code null}) in a namespace (every one if null). */
  synchronized List<ObjectNode> list(ChaosKind kind, String namespace, Predicate<JsonNode> filter) {
    List<ObjectNode> found = new ArrayList<>();
    objects.forEach(
        (key, object) -> {
          if ((kind == null || key.kind() == kind)
              && (namespace == null || key.namespace().equals(namespace))
              && filter.test(object)) {
            found.add(object.deepCopy());
          }
        });
    return found;
  }

  synchronized List<ObjectKey> keys() {
    return List.copyOf(objects.keySet());
  }

  synchronized String version() {
    return Long.toString(resourceVersion);
  }

  /**
   * Records a Kubernetes event about a chaos object, as Chaos Mesh's recorder does ({@code
   * controllers/utils/recorder}).
   */
  synchronized void recordEvent(JsonNode object, String type, String reason, String message) {
    JsonNode metadata = object.path("metadata");
    Instant now = Instant.now();
    ObjectNode event = Json.object();
    event.put("apiVersion", "v1");
    event.put("kind", "Event");
    ObjectNode eventMetadata = event.putObject("metadata");
    eventMetadata.put(
        "name",
        metadata.path("name").asText()
            + "."
            + Long.toHexString(now.toEpochMilli() * 1_000_000 + events.size()));
    eventMetadata.put("namespace", metadata.path("namespace").asText());
    eventMetadata.put("uid", UUID.randomUUID().toString());
    eventMetadata.put("resourceVersion", nextVersion());
    eventMetadata.put("creationTimestamp", Json.time(now));
    ObjectNode involved = event.putObject("involvedObject");
    involved.put("kind", object.path("kind").asText());
    involved.put("namespace", metadata.path("namespace").asText());
    involved.put("name", metadata.path("name").asText());
    involved.put("uid", metadata.path("uid").asText());
    involved.put("apiVersion", object.path("apiVersion").asText());
    involved.put("resourceVersion", metadata.path("resourceVersion").asText());
    event.put("reason", reason);
    event.put("message", message);
    event.putObject("source").put("component", "chaos-controller-manager");
    event.put("firstTimestamp", Json.time(now));
    event.put("lastTimestamp", Json.time(now));
    event.put("count", 1);
    event.put("type", type);
    event.putNull("eventTime");
    event.put("reportingComponent", "chaos-controller-manager");
    event.put("reportingInstance", "");
    events.add(event);
  }

  /** The events in a namespace (every one if null) whose fields match {@code fields}. */
  synchronized List<ObjectNode> events(String namespace, Map<String, String> fields) {
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode event : events) {
      if (namespace != null
          && !event.path("metadata").path("namespace").asText().equals(namespace)) {
        continue;
      }
      boolean matches = true;
      for (Map.Entry<String, String> field : fields.entrySet()) {
        JsonNode value = event;
        for (String part : field.getKey().split("\\.")) {
          value = value.path(part);
        }
        if (!value.asText().equals(field.getValue())) {
          matches = false;
        }
      }
      if (matches) {
        found.add(event.deepCopy());
      }
    }
    return found;
  }

  synchronized void clear() {
    objects.clear();
    events.clear();
  }

  /** Counts of objects by kind, for the controls. */
  synchronized Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    objects.keySet().forEach(key -> counts.merge(key.kind().kind, 1, Integer::sum));
    return counts;
  }

  private String nextVersion() {
    return Long.toString(++resourceVersion);
  }
}
