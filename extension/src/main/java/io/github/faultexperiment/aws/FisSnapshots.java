package io.github.faultexperiment.aws;

import io.github.faultexperiment.internal.ActionSnapshot;
import io.github.faultexperiment.internal.ExperimentSnapshot;
import io.github.faultexperiment.internal.Phase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps FIS experiments onto the provider-neutral snapshot and phases (docs/architecture.md). */
final class FisSnapshots {
  /** Details key: the resolved targets, as FIS describes them. */
  static final String TARGETS = "targets";

  /** Details key: {@code run-all} or {@code skip-all}. */
  static final String ACTIONS_MODE = "actionsMode";

  /** Details key: the template's report configuration, present when FIS will write a report. */
  static final String REPORT_CONFIGURATION = "experimentReportConfiguration";

  /** Details key: the report's status ({@code pending} … {@code completed}). */
  static final String REPORT_STATUS = "experimentReportStatus";

  /** Details key: why the report failed or was cancelled. */
  static final String REPORT_REASON = "experimentReportReason";

  /** Details key: the report's S3 objects ({@code arn:aws:s3:::bucket/key}). */
  static final String S3_REPORTS = "s3Reports";

  private FisSnapshots() {}

  static ExperimentSnapshot snapshot(Experiment experiment) {
    Experiment.State state = experiment.state();
    return new ExperimentSnapshot(
        experiment.id(),
        experiment.arn(),
        experiment.experimentTemplateId(),
        experimentPhase(state.status()),
        FisJson.orEmpty(state.status()),
        FisJson.orEmpty(state.reason()),
        error(state.error()),
        actions(experiment.actions()),
        experiment.startTime(),
        experiment.endTime(),
        details(experiment),
        Instant.now());
  }

  /**
   * The common phase of an experiment status. A status FIS may add later counts as still starting,
   * so the lifecycle keeps waiting (bounded by its timeout) rather than mistaking it for the end.
   */
  static Phase experimentPhase(String status) {
    return switch (FisJson.orEmpty(status)) {
      case "running" -> Phase.INJECTED;
      case "stopping" -> Phase.ENDING;
      case "completed", "stopped", "failed", "cancelled" -> Phase.ENDED;
      default -> Phase.STARTING;
    };
  }

  /** The common phase of an action status; {@code skipped} actions (dry runs) have ended. */
  static Phase actionPhase(String status) {
    return switch (FisJson.orEmpty(status)) {
      case "running" -> Phase.INJECTED;
      case "stopping" -> Phase.ENDING;
      case "completed", "stopped", "failed", "cancelled", "skipped" -> Phase.ENDED;
      default -> Phase.STARTING;
    };
  }

  private static List<ActionSnapshot> actions(Map<String, Experiment.Action> actions) {
    return actions.entrySet().stream()
        .map(
            entry -> {
              Experiment.Action action = entry.getValue();
              return new ActionSnapshot(
                  entry.getKey(),
                  FisJson.orEmpty(action.actionId()),
                  actionPhase(action.state().status()),
                  FisJson.orEmpty(action.state().status()),
                  FisJson.orEmpty(action.state().reason()),
                  action.startTime(),
                  action.endTime());
            })
        .toList();
  }

  private static String error(Experiment.StateError error) {
    if (error == null) {
      return "";
    }
    StringBuilder text = new StringBuilder(FisJson.orEmpty(error.code()));
    if (error.location() != null) {
      text.append(text.isEmpty() ? "" : " ").append("at ").append(error.location());
    }
    if (error.accountId() != null) {
      text.append(text.isEmpty() ? "" : " ").append("in account ").append(error.accountId());
    }
    return text.toString();
  }

  private static Map<String, Object> details(Experiment experiment) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(TARGETS, experiment.targets());
    Object actionsMode = experiment.experimentOptions().get("actionsMode");
    if (actionsMode != null) {
      details.put(ACTIONS_MODE, actionsMode);
    }
    if (!experiment.experimentReportConfiguration().isEmpty()) {
      details.put(REPORT_CONFIGURATION, experiment.experimentReportConfiguration());
    }
    Experiment.Report report = experiment.experimentReport();
    if (report != null) {
      if (report.state().status() != null) {
        details.put(REPORT_STATUS, report.state().status());
      }
      if (report.state().reason() != null) {
        details.put(REPORT_REASON, report.state().reason());
      }
      if (!report.s3Reports().isEmpty()) {
        details.put(S3_REPORTS, report.s3Reports().stream().map(Experiment.S3Report::arn).toList());
      }
    }
    return details;
  }
}
