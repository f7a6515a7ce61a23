package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Resolves a template target to resource ARNs the way FIS does: {@code resourceArns} as given,
 * otherwise the registered resources of the target's type that carry all {@code resourceTags} (an
 * empty tag value matches only an empty value), pass all {@code filters} (every filter, AND; any of
 * a filter's values, OR; an attribute holding several values, comma-separated, matches when any of
 * them does) and match its resource {@code parameters} ({@link ResourceParameters}); then {@code
 * selectionMode} picks {@code ALL}, {@code COUNT(n)} or {@code PERCENT(n)} (rounded down) of them —
 * the first ones, where FIS picks at random, so that tests are repeatable.
 */
final class TargetResolver {
  private TargetResolver() {}

  static List<String> resolve(JsonNode target, Collection<RegisteredResource> registered) {
    List<String> candidates = new ArrayList<>();
    JsonNode arns = target.get("resourceArns");
    if (arns != null && arns.isArray() && !arns.isEmpty()) {
      arns.forEach(arn -> candidates.add(arn.asText()));
    } else {
      String type = target.path("resourceType").asText();
      Map<String, String> tags = Experiment.textMap(target.get("resourceTags"));
      Map<String, String> parameters = Experiment.textMap(target.get("parameters"));
      for (RegisteredResource resource : registered) {
        if (resource.resourceType().equals(type)
            && resource.tags().entrySet().containsAll(tags.entrySet())
            && passesFilters(resource, target.get("filters"))
            && ResourceParameters.identify(resource, parameters)) {
          candidates.add(resource.arn());
        }
      }
    }
    return select(candidates, target.path("selectionMode").asText("ALL"));
  }

  private static boolean passesFilters(RegisteredResource resource, JsonNode filters) {
    if (filters == null || !filters.isArray()) {
      return true;
    }
    for (JsonNode filter : filters) {
      List<String> found =
          ResourceParameters.values(resource.attributes().get(filter.path("path").asText()));
      boolean matched = false;
      for (JsonNode allowed : filter.path("values")) {
        matched |= found.contains(allowed.asText());
      }
      if (!matched) {
        return false;
      }
    }
    return true;
  }

  private static List<String> select(List<String> candidates, String selectionMode) {
    if (selectionMode.startsWith("COUNT(")) {
      int count = Integer.parseInt(selectionMode.substring(6, selectionMode.length() - 1));
      return List.copyOf(candidates.subList(0, Math.min(count, candidates.size())));
    }
    if (selectionMode.startsWith("PERCENT(")) {
      int percent = Integer.parseInt(selectionMode.substring(8, selectionMode.length() - 1));
      // FIS rounds down: PERCENT(50) of five resources is two, PERCENT(5) of four is none.
      int count = candidates.size() * Math.min(percent, 100) / 100;
      return List.copyOf(candidates.subList(0, count));
    }
    return List.copyOf(candidates);
  }
}
