package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One emulated experiment and everything GetExperiment shows of it. All mutable state is guarded by
 * the instance's lock; {@link ExperimentRunner} moves it from state to state.
 */
final class Experiment implements Taggable {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** Start order across regions. */
  final long sequence = SEQUENCE.incrementAndGet();

  final String id;
  final String arn;
  final String accountId;
  final String templateId;
  final String templateDescription;
  final ObjectNode definition;
  final ObjectNode experimentOptions;
  final Instant creationTime;
  final Map<String, ActionRun> actions = new LinkedHashMap<>();
  final Map<String, List<String>> resolvedTargets = new LinkedHashMap<>();
  final SafetyLever lever;
  final List<TargetAccountConfiguration> targetAccounts;
  private final Map<String, String> tags;
  private final List<String> timeline = new ArrayList<>();
  String status = ExperimentStatus.PENDING;
  String reason = "Experiment is pending.";
  String errorCode;
  String errorLocation;
  Instant startTime;
  Instant endTime;
  String reportStatus;
  String reportReason;
  final List<String> s3Reports = new ArrayList<>();

  Experiment(
      String id,
      String arn,
      String accountId,
      String templateId,
      ObjectNode definition,
      String actionsMode,
      Map<String, String> tags,
      SafetyLever lever,
      List<TargetAccountConfiguration> targetAccounts,
      Instant now) {
    this.id = id;
    this.arn = arn;
    this.accountId = accountId;
    this.templateId = templateId;
    this.templateDescription = definition.path("description").asText();
    this.definition = definition;
    this.experimentOptions = definition.get("experimentOptions").deepCopy();
    this.experimentOptions.put("actionsMode", actionsMode);
    this.tags = new LinkedHashMap<>(tags);
    this.lever = lever;
    this.targetAccounts = List.copyOf(targetAccounts);
    this.creationTime = now;
    this.startTime = now;
    if (hasReportConfiguration() && !skipsActions()) {
      reportStatus = ExperimentStatus.PENDING;
      reportReason = "Report will be generated after the experiment ends.";
    }
    record(now, "experiment pending");
  }

  @Override
  public String arn() {
    return arn;
  }

  boolean skipsActions() {
    return "skip-all".equals(experimentOptions.path("actionsMode").asText());
  }

  boolean skipsEmptyTargets() {
    return "skip".equals(experimentOptions.path("emptyTargetResolutionMode").asText());
  }

  boolean hasReportConfiguration() {
    return definition.has("experimentReportConfiguration");
  }

  synchronized boolean active() {
    return ExperimentStatus.isActive(status);
  }

  synchronized String status() {
    return status;
  }

  /**
   * How long FIS waits after the end before it gathers the report's data: the template's {@code
   * postExperimentDuration}, PT20M when it gives none.
   */
  Duration postExperimentDuration() {
    JsonNode value = definition.path("experimentReportConfiguration").get("postExperimentDuration");
    return value == null || value.isNull()
        ? Duration.ofMinutes(20)
        : Json.duration(value.asText(), "experimentReportConfiguration.postExperimentDuration");
  }

  /** The target account configuration of an account, or ResourceNotFoundException. */
  TargetAccountConfiguration targetAccount(String account) {
    return targetAccounts.stream()
        .filter(configuration -> configuration.accountId().equals(account))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Target account configuration not found: experiment "
                        + id
                        + ", account "
                        + account));
  }

  /** Moves the experiment and notes it on the report's timeline. */
  void move(Instant now, String newStatus, String newReason) {
    status = newStatus;
    reason = newReason;
    record(now, "experiment " + newStatus + ": " + newReason);
  }

  void record(Instant at, String event) {
    timeline.add(at + "  " + event);
  }

  synchronized List<String> timeline() {
    return List.copyOf(timeline);
  }

  @Override
  public synchronized Map<String, String> tags() {
    return new LinkedHashMap<>(tags);
  }

  @Override
  public synchronized void tag(Map<String, String> newTags) {
    tags.putAll(newTags);
  }

  @Override
  public synchronized void untag(Iterable<String> keys) {
    keys.forEach(tags::remove);
  }

  /** The {@code Experiment} shape. */
  synchronized ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("arn", arn);
    json.put("experimentTemplateId", templateId);
    json.put("roleArn", definition.path("roleArn").asText());
    json.set("state", stateJson());
    json.set("targets", definition.get("targets"));
    ObjectNode actionsJson = json.putObject("actions");
    actions.forEach((name, action) -> actionsJson.set(name, action.toJson()));
    json.set("stopConditions", definition.get("stopConditions"));
    json.set("creationTime", Json.timestamp(creationTime));
    json.set("startTime", Json.timestamp(startTime));
    if (endTime != null) {
      json.set("endTime", Json.timestamp(endTime));
    }
    json.set("tags", Json.stringMapNode(tags));
    if (definition.has("logConfiguration")) {
      json.set("logConfiguration", definition.get("logConfiguration"));
    }
    json.set("experimentOptions", experimentOptions);
    json.put("targetAccountConfigurationsCount", targetAccounts.size());
    if (hasReportConfiguration()) {
      json.set("experimentReportConfiguration", definition.get("experimentReportConfiguration"));
    }
    if (reportStatus != null) {
      ObjectNode report = json.putObject("experimentReport");
      ObjectNode reportState = report.putObject("state");
      reportState.put("status", reportStatus);
      reportState.put("reason", reportReason);
      ArrayNode reports = report.putArray("s3Reports");
      s3Reports.forEach(
          reportArn ->
              reports.addObject().put("arn", reportArn).put("reportType", "application/pdf"));
    }
    return json;
  }

  /** The {@code ExperimentSummary} shape. */
  synchronized ObjectNode toSummaryJson() {
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("arn", arn);
    json.put("experimentTemplateId", templateId);
    json.set("state", stateJson());
    json.set("creationTime", Json.timestamp(creationTime));
    json.set("tags", Json.stringMapNode(tags));
    json.set("experimentOptions", experimentOptions);
    return json;
  }

  synchronized FisExperiment toView() {
    List<FisExperiment.FisAction> actionViews = new ArrayList<>();
    actions.forEach(
        (name, action) ->
            actionViews.add(
                new FisExperiment.FisAction(
                    name, action.actionId, action.status, action.resolvedTargets())));
    return new FisExperiment(id, templateId, status, reason, tags, actionViews);
  }

  private ObjectNode stateJson() {
    ObjectNode state = Json.object();
    state.put("status", status);
    state.put("reason", reason);
    if (errorCode != null) {
      ObjectNode error = state.putObject("error");
      error.put("accountId", accountId);
      error.put("code", errorCode);
      if (errorLocation != null) {
        error.put("location", errorLocation);
      }
    }
    return state;
  }

  static Map<String, String> textMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
    }
    return map;
  }
}
