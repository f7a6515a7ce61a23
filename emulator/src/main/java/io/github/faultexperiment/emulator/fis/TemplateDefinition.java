package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.faultexperiment.emulator.local.ActionFaults;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated body of an experiment template: the members CreateExperimentTemplate accepts, in
 * the shape GetExperimentTemplate returns them.
 */
final class TemplateDefinition {
  private static final List<String> MEMBERS =
      List.of(
          "description",
          "targets",
          "actions",
          "stopConditions",
          "roleArn",
          "logConfiguration",
          "experimentOptions",
          "experimentReportConfiguration");
  private static final Pattern SELECTION_MODE =
      Pattern.compile("ALL|COUNT\\(\\d+\\)|PERCENT\\(\\d+\\)");
  private static final int MAX_ACTIONS = 20;
  private static final int MAX_STOP_CONDITIONS = 5;
  private static final TemplateRules RULES = new TemplateRules(FisCatalogue.standard());

  private TemplateDefinition() {}

  /** Validates a CreateExperimentTemplate request and returns the template's definition. */
  static ObjectNode fromCreateRequest(ObjectNode request) {
    Json.requireText(request, "", "description");
    Json.requireText(request, "", "roleArn");
    if (request.get("stopConditions") == null || request.get("stopConditions").isNull()) {
      throw ApiException.missingMember("stopConditions");
    }
    if (request.get("actions") == null || request.get("actions").isNull()) {
      throw ApiException.missingMember("actions");
    }
    ObjectNode definition = Json.object();
    for (String member : MEMBERS) {
      JsonNode value = request.get(member);
      if (value != null && !value.isNull()) {
        definition.set(member, value.deepCopy());
      }
    }
    return validated(definition);
  }

  /**
   * Applies an UpdateExperimentTemplate request: members present replace the template's. The {@code
   * targets} and {@code actions} maps are replaced whole, as FIS does: the SDKs send the complete
   * maps, so an entry left out is removed.
   */
  static ObjectNode updated(ObjectNode current, ObjectNode request) {
    ObjectNode definition = current.deepCopy();
    for (String member : MEMBERS) {
      JsonNode value = request.get(member);
      if (value == null) {
        continue;
      }
      if (member.equals("experimentOptions") && value.isObject()) {
        if (value.has("accountTargeting")) {
          throw ApiException.validation(
              "Value at 'experimentOptions.accountTargeting' cannot be updated; only"
                  + " emptyTargetResolutionMode can (create a new template to change it)");
        }
        ((ObjectNode) definition.get("experimentOptions")).setAll((ObjectNode) value.deepCopy());
      } else if (value.isNull()) {
        definition.remove(member);
      } else {
        definition.set(member, value.deepCopy());
      }
    }
    return validated(definition);
  }

  private static ObjectNode validated(ObjectNode definition) {
    ObjectNode targets = objectMember(definition, "targets");
    targets.properties().forEach(entry -> validateTarget(entry.getKey(), entry.getValue()));
    ObjectNode actions = objectMember(definition, "actions");
    if (actions.size() > MAX_ACTIONS) {
      throw ApiException.validation(
          "A template has at most " + MAX_ACTIONS + " actions, 'actions' has " + actions.size());
    }
    actions
        .properties()
        .forEach(entry -> validateAction(entry.getKey(), entry.getValue(), targets, actions));
    validateStopConditions(definition.get("stopConditions"));
    ObjectNode options =
        definition.get("experimentOptions") instanceof ObjectNode given ? given : Json.object();
    if (!options.has("accountTargeting")) {
      options.put("accountTargeting", "single-account");
    }
    if (!options.has("emptyTargetResolutionMode")) {
      options.put("emptyTargetResolutionMode", "fail");
    }
    String emptyMode = options.get("emptyTargetResolutionMode").asText();
    if (!emptyMode.equals("fail") && !emptyMode.equals("skip")) {
      throw ApiException.constraint(
          emptyMode,
          "experimentOptions.emptyTargetResolutionMode",
          "Member must satisfy enum value set: [fail, skip]");
    }
    String accountTargeting = options.get("accountTargeting").asText();
    if (!accountTargeting.equals("single-account") && !accountTargeting.equals("multi-account")) {
      throw ApiException.constraint(
          accountTargeting,
          "experimentOptions.accountTargeting",
          "Member must satisfy enum value set: [single-account, multi-account]");
    }
    definition.set("experimentOptions", options);
    if (definition.has("experimentReportConfiguration")) {
      validateReportConfiguration(definition.get("experimentReportConfiguration"));
    }
    RULES.check(definition);
    return definition;
  }

  private static ObjectNode objectMember(ObjectNode definition, String member) {
    JsonNode value = definition.get(member);
    if (value == null) {
      ObjectNode empty = Json.object();
      definition.set(member, empty);
      return empty;
    }
    if (value instanceof ObjectNode object) {
      return object;
    }
    throw ApiException.validation(
        "Value at '" + member + "' must be an object keyed by name, was " + value.getNodeType());
  }

  private static void validateTarget(String name, JsonNode target) {
    String path = "targets." + name + ".";
    if (!target.isObject()) {
      throw ApiException.validation("Value at 'targets." + name + "' must be an object");
    }
    Json.requireText(target, path, "resourceType");
    String selectionMode = Json.requireText(target, path, "selectionMode");
    if (!SELECTION_MODE.matcher(selectionMode).matches()) {
      throw ApiException.validation(
          "Value '"
              + selectionMode
              + "' at '"
              + path
              + "selectionMode' must be ALL, COUNT(n) or PERCENT(n)");
    }
    requireStringList(target.get("resourceArns"), path + "resourceArns");
    Json.stringMap(target, path, "resourceTags");
    JsonNode filters = target.get("filters");
    if (filters != null && !filters.isNull()) {
      if (!filters.isArray()) {
        throw ApiException.validation("Value at '" + path + "filters' must be a list");
      }
      for (int i = 0; i < filters.size(); i++) {
        String filterPath = path + "filters[" + i + "].";
        Json.requireText(filters.get(i), filterPath, "path");
        requireStringList(filters.get(i).get("values"), filterPath + "values");
      }
    }
  }

  private static void validateAction(
      String name, JsonNode action, ObjectNode targets, ObjectNode actions) {
    String path = "actions." + name + ".";
    if (!action.isObject()) {
      throw ApiException.validation("Value at 'actions." + name + "' must be an object");
    }
    String actionId = Json.requireText(action, path, "actionId");
    Map<String, String> parameters = Json.stringMap(action, path, "parameters");
    if (parameters.containsKey("duration")) {
      Json.duration(parameters.get("duration"), path + "parameters.duration");
    } else if (actionId.equals("aws:fis:wait")) {
      throw ApiException.validation(
          "Action '" + name + "' (aws:fis:wait) requires parameter 'duration', e.g. PT5M");
    }
    try {
      // Out-of-range values are refused here, as FIS does, not found out when the fault runs.
      ActionFaults.validate(actionId, parameters);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("Action '" + name + "': " + e.getMessage());
    }
    Json.stringMap(action, path, "targets")
        .forEach(
            (key, targetName) -> {
              if (!targets.has(targetName)) {
                throw ApiException.validation(
                    "Target '"
                        + targetName
                        + "' named at '"
                        + path
                        + "targets."
                        + key
                        + "' is not one of the template's targets "
                        + names(targets));
              }
            });
    JsonNode startAfter = action.get("startAfter");
    requireStringList(startAfter, path + "startAfter");
    if (startAfter != null) {
      for (JsonNode before : startAfter) {
        if (!actions.has(before.asText()) || before.asText().equals(name)) {
          throw ApiException.validation(
              "Action '"
                  + before.asText()
                  + "' named at '"
                  + path
                  + "startAfter' is not another action of the template "
                  + names(actions));
        }
      }
    }
  }

  private static void validateStopConditions(JsonNode stopConditions) {
    if (stopConditions == null) {
      return;
    }
    if (!(stopConditions instanceof ArrayNode list)) {
      throw ApiException.validation("Value at 'stopConditions' must be a list");
    }
    if (list.size() > MAX_STOP_CONDITIONS) {
      throw ApiException.validation(
          "A template has at most " + MAX_STOP_CONDITIONS + " stop conditions, got " + list.size());
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "stopConditions[" + i + "].";
      String source = Json.requireText(list.get(i), path, "source");
      if (source.equals("aws:cloudwatch:alarm")) {
        Json.requireText(list.get(i), path, "value");
      } else if (!source.equals("none")) {
        throw ApiException.validation(
            "Value '" + source + "' at '" + path + "source' must be none or aws:cloudwatch:alarm");
      }
    }
  }

  private static void validateReportConfiguration(JsonNode configuration) {
    String path = "experimentReportConfiguration.outputs.s3Configuration.";
    JsonNode s3 = configuration.path("outputs").path("s3Configuration");
    if (!s3.isObject()) {
      throw ApiException.missingMember("experimentReportConfiguration.outputs.s3Configuration");
    }
    Json.requireText(s3, path, "bucketName");
    for (String duration : List.of("preExperimentDuration", "postExperimentDuration")) {
      JsonNode value = configuration.get(duration);
      if (value != null && !value.isNull()) {
        Json.duration(value.asText(), "experimentReportConfiguration." + duration);
      }
    }
  }

  private static void requireStringList(JsonNode value, String path) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isArray()) {
      throw ApiException.validation("Value at '" + path + "' must be a list of strings");
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.validation("Value at '" + path + "' must be a list of strings");
      }
    }
  }

  private static String names(ObjectNode object) {
    StringBuilder names = new StringBuilder("[");
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.append(it.next()).append(it.hasNext() ? ", " : "");
    }
    return names.append("]").toString();
  }
}
