package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;

/**
 * The validated body of an experiment template: the user-settable fields of an {@code
 * ExperimentTemplate}, checked and normalised as {@code experimentTemplates.create} and {@code
 * patch} take them.
 */
final class TemplateDefinition {
  /**
   * The template reference gives 0 as the minimum, the experiment reference 1 minute for
   * templateDuration: ambiguous, so the emulator accepts the wider range.
   */
  static final Duration MIN_DURATION = Duration.ZERO;

  static final Duration MAX_DURATION = Duration.ofDays(10);
  static final Set<String> MUTABLE = Set.of("displayName", "description", "duration", "action");
  private static final String PATH = "experimentTemplate";

  private TemplateDefinition() {}

  /** Checks that the body holds only template fields; returns it as an object. */
  static ObjectNode checkShape(JsonNode body) {
    ObjectNode template = Fields.requireObject(body, PATH);
    Fields.allowOnly(
        template,
        PATH,
        Set.of(
            "name",
            "displayName",
            "description",
            "duration",
            "action",
            "createTime",
            "updateTime"));
    return template;
  }

  /** Validates a complete template and returns its user fields, normalised. */
  static ObjectNode validate(ObjectNode template) {
    ObjectNode result = Json.object();
    String displayName = Fields.optionalString(template, "displayName", PATH, 1000);
    if (displayName != null) {
      result.put("displayName", displayName);
    }
    String description = Fields.optionalString(template, "description", PATH, 2000);
    if (description != null) {
      result.put("description", description);
    }
    String durationText = Fields.requiredString(template, "duration", PATH);
    Duration duration = Json.parseDuration(durationText, PATH + ".duration");
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw ApiException.invalidArgument(
          PATH + ".duration",
          "Invalid value for '"
              + PATH
              + ".duration': "
              + durationText
              + "; must be between 0s and 864000s (10 days).");
    }
    result.put("duration", Json.formatDuration(duration));
    result.set("action", ActionValidator.validate(template.get("action"), PATH + ".action"));
    return result;
  }
}
