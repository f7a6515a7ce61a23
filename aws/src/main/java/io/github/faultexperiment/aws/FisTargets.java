package io.github.faultexperiment.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.spi.TargetKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a FIS template's targets act on, as neutral keys: each ARN a target names, held whole, plus
 * its resource type held shared; a target that picks resources by tags, filters or parameters holds
 * its whole resource type (it may pick any resource of that type, including one another template
 * names by ARN). Read from the template's {@code targets} map under FIS's wire names — the same
 * shape in an embedded-mode file and in {@code GetExperimentTemplate}'s answer.
 */
final class FisTargets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FisTargets() {}

  /** From an embedded-mode file; empty when it is not a template with readable targets. */
  static Optional<Set<TargetKey>> ofFile(String templateJson) {
    try {
      Object file = JSON.readValue(templateJson, Map.class);
      return file instanceof Map<?, ?> map ? of(map.get("targets")) : Optional.empty();
    } catch (JsonProcessingException e) {
      // the run itself reports the unreadable file when it creates the template
      return Optional.empty();
    }
  }

  /**
   * From a template's {@code targets}: name → {@code resourceType}, {@code resourceArns}, …
   *
   * @param targets the map, or {@code null} for a template without targets
   */
  static Optional<Set<TargetKey>> of(Object targets) {
    Set<TargetKey> keys = new LinkedHashSet<>();
    if (targets == null) {
      return Optional.of(keys);
    }
    if (!(targets instanceof Map<?, ?> byName)) {
      return Optional.empty();
    }
    for (Object target : byName.values()) {
      if (!(target instanceof Map<?, ?> fields)
          || !(fields.get("resourceType") instanceof String type)) {
        return Optional.empty();
      }
      String group = "aws resource type " + type;
      if (fields.get("resourceArns") instanceof List<?> arns && !arns.isEmpty()) {
        arns.forEach(arn -> keys.add(TargetKey.whole(String.valueOf(arn))));
        keys.add(TargetKey.partOf(group));
      } else {
        keys.add(TargetKey.whole(group));
      }
    }
    return Optional.of(keys);
  }
}
