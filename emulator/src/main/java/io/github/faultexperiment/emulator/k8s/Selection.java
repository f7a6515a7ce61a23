package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chaos Mesh's target selection among the emulated pods: the selector's namespaces, explicit {@code
 * pods} (which, when given, are the only ones considered), {@code labelSelectors}, {@code
 * expressionSelectors} and {@code annotationSelectors}, then {@code mode} and {@code value} ({@code
 * pkg/selector/pod/selector.go}, {@code pkg/selector/generic/mode.go}).
 */
final class Selection {
  /** Upstream's {@code ErrNoPodSelected}. */
  static final String NO_POD = "no pod is selected";

  private Selection() {}

  /**
   * The pods a selector spec picks.
   *
   * @param selectorSpec the object holding {@code selector}, {@code mode}, {@code value}
   * @throws IllegalStateException with upstream's message when nothing can be selected
   */
  static List<Pod> select(JsonNode selectorSpec, List<Pod> pods) {
    JsonNode selector = selectorSpec.path("selector");
    for (String unsupported : List.of("nodes", "nodeSelectors", "fieldSelectors")) {
      if (selector.has(unsupported) && !selector.get(unsupported).isEmpty()) {
        throw new IllegalStateException(
            "selector." + unsupported + " is not supported by the fault-experiment emulator");
      }
    }
    List<Pod> matching = new ArrayList<>();
    JsonNode explicit = selector.path("pods");
    if (explicit.isObject() && !explicit.isEmpty()) {
      explicit
          .properties()
          .forEach(
              entry ->
                  entry
                      .getValue()
                      .forEach(
                          name ->
                              pods.stream()
                                  .filter(
                                      p ->
                                          p.namespace().equals(entry.getKey())
                                              && p.name().equals(name.asText()))
                                  .findFirst()
                                  .ifPresent(matching::add)));
    } else {
      Set<String> namespaces = new HashSet<>();
      selector.path("namespaces").forEach(n -> namespaces.add(n.asText()));
      for (Pod pod : pods) {
        if ((namespaces.isEmpty() || namespaces.contains(pod.namespace()))
            && labelsMatch(selector.path("labelSelectors"), pod.labels())
            && labelsMatch(selector.path("annotationSelectors"), Map.of())
            && expressionsMatch(selector.path("expressionSelectors"), pod.labels())) {
          matching.add(pod);
        }
      }
    }
    if (matching.isEmpty()) {
      throw new IllegalStateException(NO_POD);
    }
    return byMode(
        matching, selectorSpec.path("mode").asText(""), selectorSpec.path("value").asText(""));
  }

  private static boolean labelsMatch(JsonNode wanted, Map<String, String> labels) {
    if (!wanted.isObject()) {
      return true;
    }
    for (var entry : wanted.properties()) {
      if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean expressionsMatch(JsonNode expressions, Map<String, String> labels) {
    for (JsonNode expression : expressions) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean ok =
          switch (expression.path("operator").asText()) {
            case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
            case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
            case "Exists" -> labels.containsKey(key);
            case "DoesNotExist" -> !labels.containsKey(key);
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Upstream's {@code FilterObjectsByMode}: a random choice of the stated size. */
  private static List<Pod> byMode(List<Pod> pods, String mode, String value) {
    int count = pods.size();
    int wanted =
        switch (mode) {
          case "one" -> 1;
          case "all" -> count;
          case "fixed" -> Math.min(count, positive(value));
          case "fixed-percent" -> (int) Math.ceil(count * percent(value, "(0,100]") / 100.0);
          case "random-max-percent" -> {
            int max = percent(value, "[0-100]");
            int percentage = ThreadLocalRandom.current().nextInt(max + 1);
            yield (int) Math.ceil(count * percentage / 100.0);
          }
          default -> throw new IllegalStateException("mode " + mode + " not supported");
        };
    List<Pod> shuffled = new ArrayList<>(pods);
    java.util.Collections.shuffle(shuffled, ThreadLocalRandom.current());
    List<Pod> chosen = new ArrayList<>(shuffled.subList(0, wanted));
    // Records keep the pods' own order, as a stable list is easier to read.
    chosen.sort(java.util.Comparator.comparingInt(pods::indexOf));
    return chosen;
  }

  private static int positive(String value) {
    int number = number(value);
    if (number <= 0) {
      throw new IllegalStateException("cannot select any object as value below or equal 0");
    }
    return number;
  }

  private static int percent(String value, String range) {
    int percentage = positive(value);
    if (percentage > 100) {
      throw new IllegalStateException(
          "fixed percentage value of " + percentage + " is invalid, Must be " + range);
    }
    return percentage;
  }

  private static int number(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("strconv.Atoi: parsing \"" + value + "\": invalid syntax", e);
    }
  }
}
