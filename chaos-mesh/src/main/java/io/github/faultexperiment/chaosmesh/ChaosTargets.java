package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.spi.TargetKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an experiment acts on, as neutral keys, read from its selector: explicitly listed pods by
 * namespace and name; any other selection by namespace and the selector itself; an empty selector
 * as the whole namespace (it picks every pod there). An experiment on named pods or a selector also
 * holds its namespace in part, so that it waits for an experiment on the whole namespace.
 *
 * <p>Two different selectors that happen to pick the same pod are not seen as overlapping: only the
 * cluster knows which pods a selector picks, and only when it runs.
 */
final class ChaosTargets {
  private static final List<String> NARROWING =
      List.of(
          "labelSelectors",
          "expressionSelectors",
          "annotationSelectors",
          "fieldSelectors",
          "podPhaseSelectors",
          "nodes",
          "nodeSelectors");

  private ChaosTargets() {}

  /**
   * The keys of a spec whose experiment lives in {@code namespace} (where an empty {@code
   * selector.namespaces} points).
   */
  static Set<TargetKey> of(JsonNode spec, String namespace) {
    Set<TargetKey> keys = new LinkedHashSet<>();
    add(keys, spec.path("selector"), namespace);
    // NetworkChaos: the other side of a partition or of directed delay is a target too
    if (spec.path("target").isObject()) {
      add(keys, spec.path("target").path("selector"), namespace);
    }
    return keys;
  }

  /** Every namespace the spec's selectors reach: where it may inject faults. */
  static Set<String> namespaces(JsonNode spec, String namespace) {
    Set<String> namespaces = new LinkedHashSet<>();
    addNamespaces(namespaces, spec.path("selector"), namespace);
    if (spec.path("target").isObject()) {
      addNamespaces(namespaces, spec.path("target").path("selector"), namespace);
    }
    return namespaces;
  }

  private static void addNamespaces(Set<String> namespaces, JsonNode selector, String namespace) {
    namespaces.addAll(selectedNamespaces(selector, namespace));
    selector.path("pods").fieldNames().forEachRemaining(namespaces::add);
  }

  /**
   * At discovery, from the file alone: empty when its namespace is not written in it (it comes from
   * configuration, unknown then) or the file cannot be read.
   */
  static Optional<Set<TargetKey>> ofFile(String text) {
    try {
      ChaosTemplate template = ChaosTemplates.parse("template", "discovered.yaml", text);
      String namespace = template.namespace();
      if (namespace == null
          && !template.spec().path("selector").path("namespaces").isArray()
          && !template.spec().path("selector").path("pods").isObject()) {
        return Optional.empty();
      }
      return Optional.of(of(template.spec(), namespace == null ? "" : namespace));
    } catch (RuntimeException unreadable) {
      // the run itself reports the file, naming it; discovery falls back to the template's name
      return Optional.empty();
    }
  }

  private static void add(Set<TargetKey> keys, JsonNode selector, String namespace) {
    JsonNode pods = selector.path("pods");
    if (pods.isObject() && pods.size() > 0) {
      for (Iterator<String> it = pods.fieldNames(); it.hasNext(); ) {
        String podNamespace = it.next();
        keys.add(TargetKey.partOf(namespaceKey(podNamespace)));
        for (JsonNode pod : pods.path(podNamespace)) {
          keys.add(TargetKey.whole("chaos-mesh pod " + podNamespace + "/" + pod.asText()));
        }
      }
      return;
    }
    String narrowing = canonical(selector);
    for (String selected : selectedNamespaces(selector, namespace)) {
      if (narrowing.equals("{}")) {
        keys.add(TargetKey.whole(namespaceKey(selected)));
      } else {
        keys.add(TargetKey.partOf(namespaceKey(selected)));
        keys.add(TargetKey.whole("chaos-mesh selector " + selected + " " + narrowing));
      }
    }
  }

  private static List<String> selectedNamespaces(JsonNode selector, String namespace) {
    List<String> namespaces = new ArrayList<>();
    selector.path("namespaces").forEach(n -> namespaces.add(n.asText()));
    if (namespaces.isEmpty() && !namespace.isEmpty()) {
      // the webhook fills the experiment's own namespace in (api/v1alpha1/common_webhook.go)
      namespaces.add(namespace);
    }
    return namespaces;
  }

  private static String namespaceKey(String namespace) {
    return "chaos-mesh namespace " + namespace;
  }

  /** The selector's narrowing fields, keys sorted, so that equal selectors give equal keys. */
  private static String canonical(JsonNode selector) {
    TreeMap<String, Object> narrowing = new TreeMap<>();
    for (String field : NARROWING) {
      JsonNode value = selector.path(field);
      if (!value.isMissingNode() && !value.isNull() && !value.isEmpty()) {
        narrowing.put(field, sorted(value));
      }
    }
    return narrowing.toString();
  }

  private static Object sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, Object> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
      return fields;
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(sorted(item)));
      return items;
    }
    return node.asText();
  }
}
