package io.github.faultexperiment.gcp;

import io.github.faultexperiment.spi.ActionSnapshot;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a Fault Testing experiment and its affected resources into an {@link ExperimentSnapshot}.
 */
final class Snapshots {
  private static final Pattern PROJECT_IN_URI = Pattern.compile("/projects/([^/]+)");

  private Snapshots() {}

  static ExperimentSnapshot of(Experiment experiment, List<AffectedResource> resources) {
    String reason = reason(experiment);
    List<ActionSnapshot> actions =
        experiment.effectiveAction().keySet().stream()
            .map(
                kind ->
                    new ActionSnapshot(
                        kind,
                        kind,
                        experiment.state().phase(),
                        experiment.state().name(),
                        reason,
                        experiment.startTime(),
                        experiment.stopTime()))
            .toList();
    Map<String, Object> details = new LinkedHashMap<>();
    put(details, "displayName", experiment.displayName());
    put(details, "templateDisplayName", experiment.templateDisplayName());
    put(details, "templateDuration", experiment.templateDuration());
    put(details, "effectiveAction", experiment.effectiveAction());
    put(details, "endReason", experiment.endReason());
    put(details, "endNotes", experiment.endNotes());
    put(details, "createTime", text(experiment.createTime()));
    put(details, "stateUpdateTime", text(experiment.stateUpdateTime()));
    details.put("affectedResources", resources.stream().map(Snapshots::details).toList());
    return new ExperimentSnapshot(
        experiment.id(),
        experiment.name(),
        experiment.experimentTemplate() == null ? "" : experiment.experimentTemplate(),
        experiment.state().phase(),
        outcome(experiment, resources),
        experiment.state().name(),
        reason,
        error(resources),
        actions,
        experiment.startTime(),
        experiment.stopTime(),
        Optional.of(addressed(experiment, resources)),
        details,
        Instant.now());
  }

  /**
   * A validation (a dry run) as a snapshot: preparing, then ended; failed when a resource cannot
   * take the action.
   *
   * @param validation the validation as last read
   * @param templateId the template whose action it validates, when known
   * @param resources its validation resources, once it has completed
   */
  static ExperimentSnapshot of(
      Validation validation, String templateId, List<AffectedResource> resources) {
    boolean ended = validation.state() == State.COMPLETED;
    boolean failed = resources.stream().anyMatch(AffectedResource::failed);
    List<ActionSnapshot> actions =
        validation.action().keySet().stream()
            .map(
                kind ->
                    new ActionSnapshot(
                        kind,
                        kind,
                        validation.state().phase(),
                        validation.state().name(),
                        "",
                        validation.createTime(),
                        validation.stopTime()))
            .toList();
    Map<String, Object> details = new LinkedHashMap<>();
    put(details, "validation", validation.name());
    put(details, "displayName", validation.displayName());
    put(details, "action", validation.action());
    details.put("validationResources", resources.stream().map(Snapshots::details).toList());
    return new ExperimentSnapshot(
        validation.id(),
        validation.name(),
        templateId,
        validation.state().phase(),
        !ended ? Outcome.NONE : failed ? Outcome.FAILED : Outcome.COMPLETED,
        validation.state().name(),
        ended ? "validated" : "",
        error(resources),
        actions,
        validation.createTime(),
        validation.stopTime(),
        Optional.of(
            resources.stream()
                .map(r -> r.affectedResourceUri() == null ? r.name() : r.affectedResourceUri())
                .toList()),
        details,
        Instant.now());
  }

  /**
   * The blast radius a snapshot of this provider carries: one row per affected (or validation)
   * resource, its type and project read from its {@code //service.googleapis.com/projects/…} URI.
   */
  static BlastRadius blastRadius(ExperimentSnapshot snapshot) {
    Object listed =
        snapshot
            .details()
            .getOrDefault("affectedResources", snapshot.details().get("validationResources"));
    String kind = snapshot.actions().isEmpty() ? "" : snapshot.actions().get(0).name();
    List<ResolvedTarget> targets = new ArrayList<>();
    if (listed instanceof List<?> resources) {
      for (Object resource : resources) {
        if (resource instanceof Map<?, ?> fields) {
          String uri =
              String.valueOf(
                  fields.get("affectedResourceUri") != null
                      ? fields.get("affectedResourceUri")
                      : fields.get("name"));
          targets.add(new ResolvedTarget(kind, resourceType(uri), uri, project(uri)));
        }
      }
    }
    return new BlastRadius(
        targets,
        List.of(),
        targets.isEmpty()
            ? "none listed: Fault Testing lists affected resources once the experiment is"
                + " prepared"
            : "");
  }

  /**
   * {@code //compute.googleapis.com/projects/p/global/forwardingRules/x} → {@code
   * compute.googleapis.com/forwardingRules}.
   */
  static String resourceType(String uri) {
    if (!uri.startsWith("//")) {
      return "";
    }
    String[] parts = uri.substring(2).split("/");
    return parts.length >= 3 ? parts[0] + "/" + parts[parts.length - 2] : parts[0];
  }

  private static String project(String uri) {
    Matcher matcher = PROJECT_IN_URI.matcher(uri);
    return matcher.find() ? matcher.group(1) : "";
  }

  /**
   * An experiment given up on before it was started, as ended: never started, it injected nothing
   * and never will ({@code :stop} does not apply to it; the service cancels it in time).
   */
  static ExperimentSnapshot neverStarted(ExperimentSnapshot prepared) {
    return new ExperimentSnapshot(
        prepared.id(),
        prepared.resourceName(),
        prepared.templateId(),
        Phase.ENDED,
        Outcome.STOPPED,
        prepared.state(),
        "never started: nothing was injected",
        prepared.error(),
        prepared.actions(),
        prepared.startTime(),
        prepared.endTime(),
        prepared.addressedResources(),
        prepared.details(),
        prepared.observedAt());
  }

  /**
   * How an ended experiment ended: failed when an affected resource failed; else by its endReason
   * ({@code COMPLETED}: ran its duration; {@code CANCELLED}: stopped); any other endReason is a
   * failure that shows its value.
   */
  static Outcome outcome(Experiment experiment, List<AffectedResource> resources) {
    if (experiment.state().phase() != Phase.ENDED) {
      return Outcome.NONE;
    }
    if (resources.stream().anyMatch(AffectedResource::failed)) {
      return Outcome.FAILED;
    }
    return switch (blankToEmpty(experiment.endReason())) {
      case "COMPLETED" -> Outcome.COMPLETED;
      case "CANCELLED" -> Outcome.STOPPED;
      default -> Outcome.FAILED;
    };
  }

  /** The affected resources' names; before they are listed, the forwarding rule acted on. */
  private static List<String> addressed(Experiment experiment, List<AffectedResource> resources) {
    List<String> names = new ArrayList<>();
    for (AffectedResource resource : resources) {
      names.add(
          resource.affectedResourceUri() == null
              ? resource.name()
              : resource.affectedResourceUri());
    }
    if (names.isEmpty()
        && experiment.effectiveAction().get("l7LbHttpFault") instanceof Map<?, ?> fault
        && fault.get("forwardingRule") instanceof String rule) {
      names.add(rule);
    }
    return names;
  }

  /** {@code endReason: endNotes}, either part when present. */
  private static String reason(Experiment experiment) {
    String endReason = blankToEmpty(experiment.endReason());
    String endNotes = blankToEmpty(experiment.endNotes());
    if (endReason.isEmpty() || endNotes.isEmpty()) {
      return endReason + endNotes;
    }
    return endReason + ": " + endNotes;
  }

  /** One line per failed resource: what it is, its state, the service's message and error. */
  private static String error(List<AffectedResource> resources) {
    return resources.stream()
        .filter(AffectedResource::failed)
        .map(
            resource -> {
              String message = blankToEmpty(resource.stateMessage());
              String error = resource.error().message();
              String both = message.contains(error) ? message : join(message, error);
              return resource.label() + " (" + resource.state() + "): " + both;
            })
        .collect(Collectors.joining("\n"));
  }

  private static String join(String first, String second) {
    return first.isEmpty() ? second : first + "; " + second;
  }

  private static Map<String, Object> details(AffectedResource resource) {
    Map<String, Object> details = new LinkedHashMap<>();
    put(details, "name", resource.name());
    put(details, "affectedResourceUri", resource.affectedResourceUri());
    put(details, "displayName", resource.displayName());
    put(details, "cloudConsoleUrl", resource.cloudConsoleUrl());
    put(details, "state", resource.state().name());
    put(details, "stateMessage", resource.stateMessage());
    if (resource.failed()) {
      details.put(
          "error", Map.of("code", resource.error().code(), "message", resource.error().message()));
    }
    return Collections.unmodifiableMap(details);
  }

  private static void put(Map<String, Object> details, String key, Object value) {
    if (value != null && !(value instanceof String text && text.isEmpty())) {
      details.put(key, value);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String blankToEmpty(String text) {
    return text == null ? "" : text.strip();
  }
}
