package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules FIS applies across a template's members once each member has the right shape: action
 * ids and target types from the {@link FisCatalogue}, how a target identifies its resources, unused
 * targets, {@code startAfter} that would never let an action start, duration bounds and stop
 * condition values. Each broken rule is a ValidationException naming the field.
 */
final class TemplateRules {
  private static final Pattern ALARM_ARN =
      Pattern.compile("arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+");

  private final FisCatalogue catalogue;

  TemplateRules(FisCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  void check(ObjectNode definition) {
    ObjectNode targets = (ObjectNode) definition.get("targets");
    ObjectNode actions = (ObjectNode) definition.get("actions");
    targets.properties().forEach(entry -> checkTarget(entry.getKey(), entry.getValue()));
    Set<String> usedTargets = new HashSet<>();
    actions
        .properties()
        .forEach(
            entry -> usedTargets.addAll(checkAction(entry.getKey(), entry.getValue(), targets)));
    targets
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!usedTargets.contains(name)) {
                throw ApiException.validation(
                    "Target '"
                        + name
                        + "' at 'targets."
                        + name
                        + "' is not used by any action; name it in an action's targets or remove"
                        + " it");
              }
            });
    checkNoCycle(actions);
    checkStopConditions(definition.get("stopConditions"));
  }

  private void checkTarget(String name, JsonNode target) {
    String path = "targets." + name + ".";
    String resourceType = target.path("resourceType").asText();
    FisCatalogue.TargetType type = catalogue.targetType(resourceType);
    if (type == null) {
      throw ApiException.validation(
          "Value '"
              + resourceType
              + "' at '"
              + path
              + "resourceType' is not a target resource type FIS supports; see"
              + " ListTargetResourceTypes");
    }
    boolean arns = target.path("resourceArns").size() > 0;
    boolean tags = target.path("resourceTags").size() > 0;
    Map<String, String> parameters = Json.stringMap(target, path, "parameters");
    if (arns && tags) {
      throw ApiException.validation(
          "Target '"
              + name
              + "' gives both '"
              + path
              + "resourceArns' and '"
              + path
              + "resourceTags'; give one of them");
    }
    if (arns && target.path("filters").size() > 0) {
      // The targets guide: a target cannot give both resource ids and a resource filter.
      throw ApiException.validation(
          "Target '"
              + name
              + "' gives both '"
              + path
              + "resourceArns' and '"
              + path
              + "filters'; filters narrow resources found by tags, give resourceTags instead");
    }
    for (String parameter : parameters.keySet()) {
      if (!type.parameters().containsKey(parameter)) {
        throw ApiException.validation(
            "Parameter '"
                + parameter
                + "' at '"
                + path
                + "parameters' is not a resource parameter of "
                + resourceType
                + (type.parameters().isEmpty()
                    ? ", which takes none; identify its resources by resourceArns or resourceTags"
                    : "; valid: " + type.parameters().keySet()));
      }
    }
    if (resourceType.equals(ResourceParameters.POD)) {
      checkPodSelector(path, parameters);
    }
    // Types with required resource parameters (EKS pods, ECS tasks, subnets, …) can be
    // identified by them alone; optional ones (a Lambda qualifier, RDS zones) only narrow down.
    boolean identifying =
        type.parameters().values().stream().anyMatch(FisCatalogue.Parameter::required);
    if (!arns && !tags && identifying && !parameters.isEmpty()) {
      type.parameters()
          .forEach(
              (parameter, spec) -> {
                if (spec.required() && !parameters.containsKey(parameter)) {
                  throw ApiException.validation(
                      "Target '"
                          + name
                          + "' identified by parameters needs '"
                          + path
                          + "parameters."
                          + parameter
                          + "' ("
                          + resourceType
                          + ")");
                }
              });
      return;
    }
    if (!arns && !tags) {
      throw ApiException.validation(
          "Target '"
              + name
              + "' must give '"
              + path
              + "resourceArns' or '"
              + path
              + "resourceTags'"
              + (identifying ? " (or, for " + resourceType + ", '" + path + "parameters')" : ""));
    }
  }

  private static void checkPodSelector(String path, Map<String, String> parameters) {
    String type = parameters.get("selectorType");
    if (type != null && !ResourceParameters.SELECTOR_TYPES.contains(type)) {
      throw ApiException.validation(
          "Value '"
              + type
              + "' at '"
              + path
              + "parameters.selectorType' is not a pod selector type; valid: "
              + ResourceParameters.SELECTOR_TYPES);
    }
    String value = parameters.get("selectorValue");
    if ("labelSelector".equals(type) && value != null) {
      try {
        ResourceParameters.labelSelector(value);
      } catch (IllegalArgumentException e) {
        throw ApiException.validation(
            "Value '"
                + value
                + "' at '"
                + path
                + "parameters.selectorValue' is not a label selector: "
                + e.getMessage());
      }
    }
  }

  /** Checks one action and returns the names of the targets it uses. */
  private List<String> checkAction(String name, JsonNode action, ObjectNode targets) {
    String path = "actions." + name + ".";
    String actionId = action.path("actionId").asText();
    FisCatalogue.ActionType type = catalogue.action(actionId);
    if (type == null) {
      throw ApiException.validation(
          "Value '"
              + actionId
              + "' at '"
              + path
              + "actionId' is not a FIS action; see ListActions for the action ids");
    }
    List<String> used = new ArrayList<>();
    action
        .path("targets")
        .properties()
        .forEach(
            entry -> {
              String key = entry.getKey();
              String expected = type.targets().get(key);
              if (expected == null) {
                throw ApiException.validation(
                    "Key '"
                        + key
                        + "' at '"
                        + path
                        + "targets' is not a target of "
                        + actionId
                        + (type.targets().isEmpty()
                            ? ", which takes no targets"
                            : "; valid: " + type.targets().keySet()));
              }
              String targetName = entry.getValue().asText();
              String actual = targets.path(targetName).path("resourceType").asText();
              if (!expected.equals(actual)) {
                throw ApiException.validation(
                    "Target '"
                        + targetName
                        + "' at '"
                        + path
                        + "targets."
                        + key
                        + "' has resource type "
                        + actual
                        + ", but "
                        + actionId
                        + " acts on "
                        + expected);
              }
              if (type.targetsBy() != null
                  && targets.path(targetName).path(type.targetsBy()).isEmpty()) {
                throw ApiException.validation(
                    "Target '"
                        + targetName
                        + "' at '"
                        + path
                        + "targets."
                        + key
                        + "' must identify its resources by "
                        + type.targetsBy()
                        + ": "
                        + actionId
                        + " supports no other way");
              }
              used.add(targetName);
            });
    FisCatalogue.DurationBounds bounds = type.durationBounds();
    if (bounds != null) {
      String value = action.path("parameters").path(bounds.parameter()).asText(null);
      if (value != null) {
        String field = path + "parameters." + bounds.parameter();
        Duration duration = Json.duration(value, field);
        if (duration.compareTo(bounds.min()) < 0 || duration.compareTo(bounds.max()) > 0) {
          throw ApiException.validation(
              "Value '"
                  + value
                  + "' at '"
                  + field
                  + "' is outside what "
                  + actionId
                  + " accepts: "
                  + bounds.min()
                  + " to "
                  + bounds.max());
        }
      }
    }
    return used;
  }

  /** A cycle of {@code startAfter} would leave its actions pending forever. */
  private static void checkNoCycle(ObjectNode actions) {
    Set<String> done = new HashSet<>();
    actions
        .fieldNames()
        .forEachRemaining(name -> visit(name, actions, new LinkedHashSet<>(), done));
  }

  private static void visit(
      String name, ObjectNode actions, LinkedHashSet<String> path, Set<String> done) {
    if (done.contains(name)) {
      return;
    }
    if (!path.add(name)) {
      List<String> cycle = new ArrayList<>(path);
      cycle = new ArrayList<>(cycle.subList(cycle.indexOf(name), cycle.size()));
      cycle.add(name);
      throw ApiException.validation(
          "Value at 'actions."
              + name
              + ".startAfter' makes a cycle "
              + String.join(" -> ", cycle)
              + ": none of these actions could ever start");
    }
    for (JsonNode before : actions.path(name).path("startAfter")) {
      visit(before.asText(), actions, path, done);
    }
    path.remove(name);
    done.add(name);
  }

  private static void checkStopConditions(JsonNode stopConditions) {
    if (stopConditions == null) {
      return;
    }
    for (int i = 0; i < stopConditions.size(); i++) {
      JsonNode condition = stopConditions.get(i);
      String path = "stopConditions[" + i + "].";
      String source = condition.path("source").asText();
      if (source.equals("aws:cloudwatch:alarm")
          && !ALARM_ARN.matcher(condition.path("value").asText()).matches()) {
        throw ApiException.validation(
            "Value '"
                + condition.path("value").asText()
                + "' at '"
                + path
                + "value' must be the ARN of a CloudWatch alarm,"
                + " arn:aws:cloudwatch:{region}:{account}:alarm:{name}");
      }
    }
  }
}
