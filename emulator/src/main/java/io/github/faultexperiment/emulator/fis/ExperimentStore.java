package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The experiments, in start order. Lookups by id are lock-free (GetExperiment is the hot path);
 * starting one is serialized so the active-experiment quota and {@code clientToken} hold.
 */
final class ExperimentStore {
  static final int MAX_ACTIVE = 5;

  private final Map<String, Experiment> byId = new ConcurrentHashMap<>();
  private final List<Experiment> ordered = new CopyOnWriteArrayList<>();
  private final Idempotency idempotency = new Idempotency();
  private final SafetyLever lever;

  /**
   * @param lever the region's safety lever, which the experiments check when they initiate
   */
  ExperimentStore(SafetyLever lever) {
    this.lever = lever;
  }

  /**
   * A StartExperiment answer.
   *
   * @param experiment the experiment
   * @param created false when a repeated {@code clientToken} answered an earlier experiment
   */
  record Started(Experiment experiment, boolean created) {}

  synchronized Started start(
      ObjectNode request, Template template, String arnPrefix, String accountId) {
    String clientToken = Json.requireText(request, "", "clientToken");
    ObjectNode input = request.deepCopy();
    input.remove("clientToken");
    String earlier = idempotency.earlier(clientToken, input, "StartExperiment");
    if (earlier != null && byId.containsKey(earlier)) {
      return new Started(byId.get(earlier), false);
    }
    String actionsMode = actionsMode(request);
    List<TargetAccountConfiguration> targetAccounts = template.targetAccounts();
    if (template.multiAccount() && targetAccounts.isEmpty()) {
      throw ApiException.validation(
          "Experiment template "
              + template.id()
              + " has experimentOptions.accountTargeting multi-account but no target account"
              + " configuration; add one with CreateTargetAccountConfiguration");
    }
    var tags = Tags.validated(Json.stringMap(request, "", "tags"));
    long active = ordered.stream().filter(Experiment::active).count();
    if (active >= MAX_ACTIVE) {
      throw new ApiException(
          402,
          "ServiceQuotaExceededException",
          "You have reached the quota of "
              + MAX_ACTIVE
              + " active experiments in this account and Region; stop one or wait until one ends");
    }
    String id = Ids.experiment();
    ObjectNode definition = template.definition();
    Experiment experiment =
        new Experiment(
            id,
            arnPrefix + "experiment/" + id,
            accountId,
            template.id(),
            definition,
            actionsMode,
            tags,
            lever,
            targetAccounts,
            Instant.now());
    definition
        .get("actions")
        .properties()
        .forEach(
            entry ->
                experiment.actions.put(entry.getKey(), action(entry.getKey(), entry.getValue())));
    byId.put(id, experiment);
    ordered.add(experiment);
    idempotency.remember(clientToken, input, id);
    return new Started(experiment, true);
  }

  Experiment get(String id) {
    Experiment experiment = byId.get(id);
    if (experiment == null) {
      throw ApiException.notFound("Experiment " + id + " does not exist");
    }
    return experiment;
  }

  /** Returns the experiment with this id, or {@code null}. */
  Experiment find(String id) {
    return byId.get(id);
  }

  List<Experiment> list() {
    return new ArrayList<>(ordered);
  }

  synchronized void clear() {
    byId.clear();
    ordered.clear();
    idempotency.clear();
  }

  private static String actionsMode(ObjectNode request) {
    ObjectNode options = Json.optionalObject(request, "", "experimentOptions");
    if (options == null || !options.has("actionsMode")) {
      return "run-all";
    }
    String mode = options.get("actionsMode").asText();
    if (!mode.equals("run-all") && !mode.equals("skip-all")) {
      throw ApiException.constraint(
          mode,
          "experimentOptions.actionsMode",
          "Member must satisfy enum value set: [skip-all, run-all]");
    }
    return mode;
  }

  private static ActionRun action(String name, JsonNode action) {
    Map<String, String> parameters = Experiment.textMap(action.get("parameters"));
    List<String> startAfter = new ArrayList<>();
    action.path("startAfter").forEach(before -> startAfter.add(before.asText()));
    // An automation runs until it ends by itself, at the latest after its maxDuration.
    String durationName = parameters.containsKey("duration") ? "duration" : "maxDuration";
    String duration = parameters.get(durationName);
    return new ActionRun(
        name,
        action.path("actionId").asText(),
        action.hasNonNull("description") ? action.get("description").asText() : null,
        parameters,
        Experiment.textMap(action.get("targets")),
        startAfter,
        duration == null
            ? null
            : Json.duration(duration, "actions." + name + ".parameters." + durationName));
  }
}
