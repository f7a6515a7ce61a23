package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells {@link ActionListener}s when a record's fault is switched on (just before it reads {@code
 * Injected}) and off (just before it reads {@code Not Injected}). Events are delivered at once, on
 * the reconcile's thread under the storage's lock, so a listener never sees a record recovered
 * before it was injected.
 */
final class ActionEvents {
  private final List<ActionListener> listeners = new CopyOnWriteArrayList<>();

  void add(ActionListener listener) {
    listeners.add(listener);
  }

  void remove(ActionListener listener) {
    listeners.remove(listener);
  }

  void started(JsonNode object, ObjectKey key, JsonNode record) {
    ActionEvent event = event(object, key, record);
    for (ActionListener listener : listeners) {
      listener.actionStarted(event);
    }
  }

  void ended(JsonNode object, ObjectKey key, JsonNode record) {
    ActionEvent event = event(object, key, record);
    for (ActionListener listener : listeners) {
      listener.actionEnded(event);
    }
  }

  /**
   * The action event of one record: api {@code chaosmesh}, {@code NAMESPACE/PLURAL/NAME} as
   * experiment id (the id the Chaos Mesh provider knows the experiment by), the record's id as
   * action name, {@code chaos-mesh:KIND/ACTION} as action type, the spec as parameters and the
   * pod's local-target identity as target.
   */
  private static ActionEvent event(JsonNode object, ObjectKey key, JsonNode record) {
    String id = record.path("id").asText();
    String[] parts = id.split("/");
    String pod = Pod.IDENTITY_PREFIX + parts[0] + "/" + parts[1];
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = Json.MAPPER.convertValue(object.path("spec"), Map.class);
    return new ActionEvent(
        "chaosmesh",
        key.namespace() + "/" + key.kind().plural + "/" + key.name(),
        id,
        actionType(key.kind(), object.path("spec")),
        parameters,
        List.of(pod));
  }

  private static String actionType(ChaosKind kind, JsonNode spec) {
    return "chaos-mesh:" + kind.kind + "/" + kind.action(spec);
  }
}
