package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stored experiment template: its validated definition, target accounts, tags and times. */
final class Template implements Taggable {
  private final String id;
  private final String arn;
  private final Instant creationTime;
  private final Map<String, String> tags;
  private final Map<String, TargetAccountConfiguration> targetAccounts = new LinkedHashMap<>();
  private ObjectNode definition;
  private Instant lastUpdateTime;

  Template(String id, String arn, ObjectNode definition, Map<String, String> tags, Instant now) {
    this.id = id;
    this.arn = arn;
    this.definition = definition;
    this.tags = new LinkedHashMap<>(tags);
    this.creationTime = now;
    this.lastUpdateTime = now;
  }

  String id() {
    return id;
  }

  @Override
  public String arn() {
    return arn;
  }

  /** The definition; callers must not modify it (updates replace it). */
  synchronized ObjectNode definition() {
    return definition;
  }

  synchronized void update(ObjectNode newDefinition, Instant now) {
    this.definition = newDefinition;
    this.lastUpdateTime = now;
  }

  synchronized boolean multiAccount() {
    return "multi-account"
        .equals(definition.path("experimentOptions").path("accountTargeting").asText());
  }

  /**
   * Adds a target account; ConflictException if the account has one already. AWS documents a
   * configuration as required for multi-account templates, not as refused on single-account ones,
   * so it is accepted on either.
   */
  synchronized TargetAccountConfiguration addTargetAccount(TargetAccountConfiguration added) {
    if (targetAccounts.containsKey(added.accountId())) {
      throw ApiException.conflict(
          "Experiment template "
              + id
              + " already has a target account configuration for account "
              + added.accountId());
    }
    targetAccounts.put(added.accountId(), added);
    return added;
  }

  /** The target account configuration of an account, or ResourceNotFoundException. */
  synchronized TargetAccountConfiguration targetAccount(String accountId) {
    TargetAccountConfiguration configuration = targetAccounts.get(accountId);
    if (configuration == null) {
      throw ApiException.notFound(
          "Target account configuration not found: experiment template "
              + id
              + ", account "
              + accountId);
    }
    return configuration;
  }

  synchronized TargetAccountConfiguration replaceTargetAccount(
      TargetAccountConfiguration replacement) {
    targetAccount(replacement.accountId());
    targetAccounts.put(replacement.accountId(), replacement);
    return replacement;
  }

  synchronized TargetAccountConfiguration removeTargetAccount(String accountId) {
    TargetAccountConfiguration removed = targetAccount(accountId);
    targetAccounts.remove(accountId);
    return removed;
  }

  synchronized List<TargetAccountConfiguration> targetAccounts() {
    return new ArrayList<>(targetAccounts.values());
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

  /** The {@code ExperimentTemplate} shape. */
  synchronized ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("arn", arn);
    json.put("description", definition.path("description").asText());
    json.set("targets", definition.get("targets"));
    json.set("actions", definition.get("actions"));
    json.set("stopConditions", definition.get("stopConditions"));
    json.set("creationTime", Json.timestamp(creationTime));
    json.set("lastUpdateTime", Json.timestamp(lastUpdateTime));
    json.put("roleArn", definition.path("roleArn").asText());
    json.set("tags", Json.stringMapNode(tags));
    if (definition.has("logConfiguration")) {
      json.set("logConfiguration", definition.get("logConfiguration"));
    }
    json.set("experimentOptions", definition.get("experimentOptions"));
    json.put("targetAccountConfigurationsCount", targetAccounts.size());
    if (definition.has("experimentReportConfiguration")) {
      json.set("experimentReportConfiguration", definition.get("experimentReportConfiguration"));
    }
    return json;
  }

  /** The {@code ExperimentTemplateSummary} shape. */
  synchronized ObjectNode toSummaryJson() {
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("arn", arn);
    json.put("description", definition.path("description").asText());
    json.set("creationTime", Json.timestamp(creationTime));
    json.set("lastUpdateTime", Json.timestamp(lastUpdateTime));
    json.set("tags", Json.stringMapNode(tags));
    return json;
  }
}
