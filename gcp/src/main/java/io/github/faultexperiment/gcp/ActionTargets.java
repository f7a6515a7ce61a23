package io.github.faultexperiment.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.spi.TargetKey;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a Fault Testing template's action acts on, as neutral keys: every Google resource name in
 * the action's fields (e.g. {@code l7LbHttpFault.forwardingRule}), each held whole. An action that
 * names no resource cannot be placed: the core then locks the template itself.
 */
final class ActionTargets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ActionTargets() {}

  /** From an embedded-mode file; empty when it is not a template with a readable action. */
  static Optional<Set<TargetKey>> ofFile(String templateJson) {
    try {
      Object file = JSON.readValue(templateJson, Map.class);
      return file instanceof Map<?, ?> map ? of(map.get("action")) : Optional.empty();
    } catch (JsonProcessingException e) {
      // the run itself reports the unreadable file when it creates the template
      return Optional.empty();
    }
  }

  /**
   * From a template's {@code action}: its kind → its fields.
   *
   * @param action the map, or {@code null}
   */
  static Optional<Set<TargetKey>> of(Object action) {
    Set<String> names = new TreeSet<>();
    collect(action, names);
    return names.isEmpty()
        ? Optional.empty()
        : Optional.of(names.stream().map(TargetKey::whole).collect(Collectors.toUnmodifiableSet()));
  }

  private static void collect(Object value, Set<String> names) {
    if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, names));
    } else if (value instanceof Collection<?> list) {
      list.forEach(v -> collect(v, names));
    } else if (value instanceof String text && isResourceName(text)) {
      names.add(text);
    }
  }

  /** {@code projects/…} or a full name {@code //service.googleapis.com/projects/…}. */
  private static boolean isResourceName(String text) {
    return text.startsWith("projects/") || (text.startsWith("//") && text.contains("/projects/"));
  }
}
