package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experiments of every project and location, by name, and what the API reads of them. Its lock
 * also orders {@link ExperimentRunner}'s transitions, so an answer never shows half of one.
 */
final class ExperimentStore {
  private static final String PATH = "experiment";
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "displayName",
          "description",
          "experimentTemplate",
          "startOnCreateEnabled",
          "templateDisplayName",
          "templateDescription",
          "templateDuration",
          "effectiveAction",
          "state",
          "endReason",
          "endNotes",
          "createTime",
          "startTime",
          "stateUpdateTime",
          "stopTime");

  /** Every field of an Experiment; the reference names no subset, so all can be filtered on. */
  private static final Set<String> FILTERABLE =
      Set.of(
          "name",
          "displayName",
          "description",
          "experimentTemplate",
          "templateDisplayName",
          "templateDescription",
          "templateDuration",
          "effectiveAction",
          "state",
          "endReason",
          "endNotes",
          "createTime",
          "startTime",
          "stateUpdateTime",
          "stopTime");

  static final Set<String> RESOURCE_FILTERABLE =
      Set.of(
          "name",
          "affectedResourceUri",
          "displayName",
          "cloudConsoleUrl",
          "state",
          "stateMessage",
          "error");

  private final TemplateStore templates;
  private final Locations locations;
  private final Map<String, Experiment> byName = new LinkedHashMap<>();
  private long sequence;

  ExperimentStore(TemplateStore templates, Locations locations) {
    this.templates = templates;
    this.locations = locations;
  }

  /**
   * A new experiment from an {@code experiments.create} request, not kept yet: the caller checks
   * whether it may start, then {@link #add(Experiment)}s it.
   */
  synchronized Experiment newExperiment(String parent, String experimentId, JsonNode body) {
    ObjectNode fields = Fields.requireObject(body, PATH);
    Fields.allowOnly(fields, PATH, FIELDS);
    String displayName = Fields.optionalString(fields, "displayName", PATH, 1000);
    String description = Fields.optionalString(fields, "description", PATH, 2000);
    String templateName = Fields.requiredString(fields, "experimentTemplate", PATH);
    boolean startOnCreate = startOnCreate(fields);
    String id = Ids.experimentId(experimentId);
    ObjectNode template = templates.get(templateName);
    String name = parent + "/experiments/" + id;
    if (byName.containsKey(name)) {
      throw ApiException.alreadyExists(name);
    }
    return new Experiment(
        name, ++sequence, displayName, description, template, startOnCreate, Clocks.now());
  }

  synchronized void add(Experiment experiment) {
    if (byName.putIfAbsent(experiment.name, experiment) != null) {
      throw ApiException.alreadyExists(experiment.name);
    }
  }

  synchronized ObjectNode get(String name) {
    return find(name).toJson();
  }

  synchronized ObjectNode list(String parent, String pageSize, String pageToken, String filter) {
    ListFilter matches = ListFilter.parse(filter, FILTERABLE);
    Locations.Scope scope = locations.scope(parent, "experiments");
    List<ObjectNode> all =
        byName.values().stream()
            .filter(experiment -> scope.covers(experiment.name))
            .sorted(
                Comparator.comparing((Experiment e) -> e.createTime)
                    .thenComparingLong(e -> e.sequence)
                    .reversed())
            .map(Experiment::toJson)
            .filter(matches)
            .toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "experiments", scope);
  }

  /**
   * Deletes a COMPLETED experiment, as documented: with {@code force} its affected resources go
   * with it; without, only an experiment that has none can be deleted (every emulated experiment
   * has at least one, which is why the reference says to always set {@code force}).
   */
  synchronized void delete(String name, boolean force) {
    Experiment experiment = find(name);
    if (experiment.state != State.COMPLETED) {
      throw ApiException.failedPrecondition(
          "EXPERIMENT_NOT_COMPLETED",
          "Experiment '"
              + name
              + "' is "
              + experiment.state
              + "; only a COMPLETED experiment can be deleted (force=true does not change that)."
              + (experiment.state.running() ? " Stop it first." : ""),
          name);
    }
    ForcedDelete.check(name, experiment.affectedResources.size(), force, "affected resources");
    byName.remove(name);
  }

  synchronized ObjectNode listAffectedResources(
      String experimentName, String pageSize, String pageToken, String filter) {
    ListFilter matches = ListFilter.parse(filter, RESOURCE_FILTERABLE);
    Experiment experiment = find(experimentName);
    List<ObjectNode> all =
        experiment.affectedResources.stream()
            .map(resource -> resource.toJson(experiment.state))
            .filter(matches)
            .toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "affectedResources");
  }

  synchronized ObjectNode getAffectedResource(String name) {
    Experiment experiment = find(name.substring(0, name.indexOf("/affectedResources/")));
    return experiment.affectedResources.stream()
        .filter(resource -> resource.name.equals(name))
        .findFirst()
        .map(resource -> resource.toJson(experiment.state))
        .orElseThrow(() -> ApiException.notFound(name));
  }

  synchronized List<FaultTestingExperiment> views() {
    return byName.values().stream().map(Experiment::toView).toList();
  }

  /** Every experiment, oldest first. */
  synchronized List<Experiment> all() {
    return List.copyOf(byName.values());
  }

  synchronized Experiment find(String name) {
    Experiment experiment = byName.get(name);
    if (experiment == null) {
      throw ApiException.notFound(name);
    }
    return experiment;
  }

  /** The experiment with this full name, or else with this id. */
  synchronized Experiment resolve(String nameOrId) {
    if (byName.containsKey(nameOrId)) {
      return byName.get(nameOrId);
    }
    List<Experiment> matches =
        byName.values().stream().filter(experiment -> experiment.id().equals(nameOrId)).toList();
    if (matches.size() != 1) {
      throw new IllegalArgumentException(
          (matches.isEmpty() ? "No" : "More than one")
              + " experiment has the id or name '"
              + nameOrId
              + "'; known: "
              + byName.keySet());
    }
    return matches.get(0);
  }

  synchronized void clear() {
    byName.clear();
  }

  private static boolean startOnCreate(ObjectNode fields) {
    JsonNode value = fields.get("startOnCreateEnabled");
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw ApiException.invalidArgument(
          PATH + ".startOnCreateEnabled",
          "Invalid value at '" + PATH + ".startOnCreateEnabled': expected true or false.");
    }
    return value.asBoolean();
  }
}
