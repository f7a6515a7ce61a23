package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The FIS actions and target resource types the emulator knows, read from the data table {@code
 * catalogue.json} beside this class: what ListActions, GetAction, ListTargetResourceTypes and
 * GetTargetResourceType answer, and what template validation checks action ids and target types
 * against.
 */
final class FisCatalogue {
  private static final FisCatalogue STANDARD = load("catalogue.json");

  /**
   * A parameter of an action or of a target resource type.
   *
   * @param description what it is
   * @param required whether FIS requires it
   */
  record Parameter(String description, boolean required) {}

  /**
   * The range FIS accepts for a duration parameter of an action.
   *
   * @param parameter the parameter's name, e.g. {@code duration}
   * @param min the shortest accepted duration
   * @param max the longest accepted duration
   */
  record DurationBounds(String parameter, Duration min, Duration max) {}

  /**
   * One FIS action.
   *
   * @param id e.g. {@code aws:ec2:stop-instances}
   * @param description what it does
   * @param parameters its parameters by name
   * @param targets the resource type of each target key, e.g. {@code Instances → aws:ec2:instance}
   * @param durationBounds the accepted range of its duration parameter, or {@code null}
   * @param targetsBy {@code resourceArns} or {@code resourceTags} when the action's targets may
   *     identify resources only that way, else {@code null}
   */
  record ActionType(
      String id,
      String description,
      Map<String, Parameter> parameters,
      Map<String, String> targets,
      DurationBounds durationBounds,
      String targetsBy) {
    ActionType {
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }
  }

  /**
   * One target resource type.
   *
   * @param resourceType e.g. {@code aws:ec2:instance}
   * @param description what it is
   * @param parameters the parameters that identify resources of this type without ARNs or tags
   */
  record TargetType(String resourceType, String description, Map<String, Parameter> parameters) {
    TargetType {
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
  }

  private final Map<String, ActionType> actions;
  private final Map<String, TargetType> targetTypes;

  private FisCatalogue(Map<String, ActionType> actions, Map<String, TargetType> targetTypes) {
    this.actions = actions;
    this.targetTypes = targetTypes;
  }

  /** The catalogue shipped with the emulator. */
  static FisCatalogue standard() {
    return STANDARD;
  }

  /** The action with this id, or {@code null}. */
  ActionType action(String id) {
    return actions.get(id);
  }

  /** The target resource type, or {@code null}. */
  TargetType targetType(String resourceType) {
    return targetTypes.get(resourceType);
  }

  /** Every action, ordered by id. */
  List<ActionType> actions() {
    return new ArrayList<>(actions.values());
  }

  /** Every target resource type, ordered by name. */
  List<TargetType> targetTypes() {
    return new ArrayList<>(targetTypes.values());
  }

  /** The {@code ActionSummary} shape. */
  static ObjectNode summaryJson(ActionType action, String arnPrefix) {
    ObjectNode json = Json.object();
    json.put("id", action.id());
    json.put("arn", arnPrefix + "action/" + action.id());
    json.put("description", action.description());
    json.set("targets", targetsJson(action));
    json.putObject("tags");
    return json;
  }

  /** The {@code Action} shape. */
  static ObjectNode actionJson(ActionType action, String arnPrefix) {
    ObjectNode json = summaryJson(action, arnPrefix);
    json.set("parameters", parametersJson(action.parameters()));
    return json;
  }

  /** The {@code TargetResourceTypeSummary} shape. */
  static ObjectNode summaryJson(TargetType type) {
    ObjectNode json = Json.object();
    json.put("resourceType", type.resourceType());
    json.put("description", type.description());
    return json;
  }

  /** The {@code TargetResourceType} shape. */
  static ObjectNode targetTypeJson(TargetType type) {
    ObjectNode json = summaryJson(type);
    json.set("parameters", parametersJson(type.parameters()));
    return json;
  }

  private static ObjectNode targetsJson(ActionType action) {
    ObjectNode targets = Json.object();
    action.targets().forEach((key, type) -> targets.putObject(key).put("resourceType", type));
    return targets;
  }

  private static ObjectNode parametersJson(Map<String, Parameter> parameters) {
    ObjectNode json = Json.object();
    parameters.forEach(
        (name, parameter) ->
            json.putObject(name)
                .put("description", parameter.description())
                .put("required", parameter.required()));
    return json;
  }

  private static FisCatalogue load(String resource) {
    JsonNode root;
    try (InputStream in = FisCatalogue.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "The FIS catalogue " + resource + " is not on the classpath");
      }
      root = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the FIS catalogue " + resource, e);
    }
    Map<String, TargetType> targetTypes = new TreeMap<>();
    root.path("targetResourceTypes")
        .properties()
        .forEach(
            entry ->
                targetTypes.put(
                    entry.getKey(),
                    new TargetType(
                        entry.getKey(),
                        entry.getValue().path("description").asText(),
                        parameters(entry.getValue().path("parameters")))));
    Map<String, ActionType> actions = new TreeMap<>();
    root.path("actions")
        .properties()
        .forEach(
            entry -> {
              JsonNode action = entry.getValue();
              Map<String, String> targets = new LinkedHashMap<>();
              action
                  .path("targets")
                  .properties()
                  .forEach(target -> targets.put(target.getKey(), target.getValue().asText()));
              targets.forEach(
                  (key, type) -> {
                    if (!targetTypes.containsKey(type)) {
                      throw new IllegalStateException(
                          "Action " + entry.getKey() + " targets unknown resource type " + type);
                    }
                  });
              JsonNode bounds = action.get("durationBounds");
              actions.put(
                  entry.getKey(),
                  new ActionType(
                      entry.getKey(),
                      action.path("description").asText(),
                      parameters(action.path("parameters")),
                      targets,
                      bounds == null
                          ? null
                          : new DurationBounds(
                              bounds.path("parameter").asText(),
                              Duration.parse(bounds.path("min").asText()),
                              Duration.parse(bounds.path("max").asText())),
                      action.path("targetsBy").asText(null)));
            });
    return new FisCatalogue(
        Collections.unmodifiableMap(actions), Collections.unmodifiableMap(targetTypes));
  }

  private static Map<String, Parameter> parameters(JsonNode node) {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    node.properties()
        .forEach(
            entry ->
                parameters.put(
                    entry.getKey(),
                    new Parameter(
                        entry.getValue().path("description").asText(),
                        entry.getValue().path("required").asBoolean())));
    return parameters;
  }
}
