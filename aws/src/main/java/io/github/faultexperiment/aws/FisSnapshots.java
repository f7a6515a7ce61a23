package io.github.faultexperiment.aws;

import io.github.faultexperiment.spi.ActionSnapshot;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentAction;
import software.amazon.awssdk.services.fis.model.ExperimentError;
import software.amazon.awssdk.services.fis.model.ExperimentReport;
import software.amazon.awssdk.services.fis.model.ExperimentReportS3Report;
import software.amazon.awssdk.services.fis.model.ExperimentState;
import software.amazon.awssdk.services.fis.model.ExperimentTarget;

/**
 * Maps FIS experiments onto the provider-neutral snapshot: FIS's state words become {@link Phase}
 * and {@link Outcome} here and nowhere else (docs/architecture.md).
 */
final class FisSnapshots {
  /** Details key: the experiment's targets, as FIS describes them. */
  static final String TARGETS = "targets";

  /** Details key: {@code run-all} or {@code skip-all}. */
  static final String ACTIONS_MODE = "actionsMode";

  /** Details key: the template's report configuration, present when FIS will write a report. */
  static final String REPORT_CONFIGURATION = "experimentReportConfiguration";

  /** Details key: the report's status ({@code pending} … {@code completed}). */
  static final String REPORT_STATUS = "experimentReportStatus";

  /** Details key: why the report failed or was cancelled. */
  static final String REPORT_REASON = "experimentReportReason";

  /** Details key: how many target account configurations a multi-account experiment has. */
  static final String TARGET_ACCOUNT_CONFIGURATIONS = "targetAccountConfigurationsCount";

  /** Details key: the report's S3 objects ({@code arn:aws:s3:::bucket/key}). */
  static final String S3_REPORTS = "s3Reports";

  private FisSnapshots() {}

  static ExperimentSnapshot snapshot(Experiment experiment) {
    ExperimentState state = experiment.state();
    String status = state == null ? "" : orEmpty(state.statusAsString());
    return new ExperimentSnapshot(
        experiment.id(),
        experiment.arn(),
        experiment.experimentTemplateId(),
        experimentPhase(status),
        outcome(status),
        status,
        state == null ? "" : orEmpty(state.reason()),
        state == null ? "" : error(state.error()),
        actions(experiment.actions()),
        experiment.startTime(),
        experiment.endTime(),
        addressed(experiment.targets()),
        details(experiment),
        Instant.now());
  }

  /**
   * The common phase of an experiment status. A status FIS may add later counts as still starting,
   * so the lifecycle keeps waiting (bounded by its timeout) rather than mistaking it for the end.
   */
  static Phase experimentPhase(String status) {
    return switch (status) {
      case "running" -> Phase.INJECTED;
      case "stopping" -> Phase.ENDING;
      case "completed", "stopped", "failed", "cancelled" -> Phase.ENDED;
      default -> Phase.STARTING;
    };
  }

  /** The common phase of an action status; {@code skipped} actions (dry runs) have ended. */
  static Phase actionPhase(String status) {
    return switch (status) {
      case "running" -> Phase.INJECTED;
      case "stopping" -> Phase.ENDING;
      case "completed", "stopped", "failed", "cancelled", "skipped" -> Phase.ENDED;
      default -> Phase.STARTING;
    };
  }

  static Outcome outcome(String status) {
    return switch (status) {
      case "completed" -> Outcome.COMPLETED;
      case "stopped" -> Outcome.STOPPED;
      case "failed" -> Outcome.FAILED;
      case "cancelled" -> Outcome.CANCELLED;
      default -> Outcome.NONE;
    };
  }

  private static List<ActionSnapshot> actions(Map<String, ExperimentAction> actions) {
    List<ActionSnapshot> snapshots = new ArrayList<>();
    actions.forEach(
        (name, action) -> {
          String status = action.state() == null ? "" : orEmpty(action.state().statusAsString());
          snapshots.add(
              new ActionSnapshot(
                  name,
                  orEmpty(action.actionId()),
                  actionPhase(status),
                  status,
                  action.state() == null ? "" : orEmpty(action.state().reason()),
                  action.startTime(),
                  action.endTime()));
        });
    return snapshots;
  }

  /** The targets' ARNs; unknown (empty) when a target is chosen by tags or filters. */
  private static Optional<List<String>> addressed(Map<String, ExperimentTarget> targets) {
    List<String> arns = new ArrayList<>();
    for (ExperimentTarget target : targets.values()) {
      if (!target.hasResourceArns() || target.resourceArns().isEmpty()) {
        return Optional.empty();
      }
      arns.addAll(target.resourceArns());
    }
    return Optional.of(arns);
  }

  private static String error(ExperimentError error) {
    if (error == null) {
      return "";
    }
    StringBuilder text = new StringBuilder(orEmpty(error.code()));
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
    details.put(TARGETS, SdkMaps.plain(experiment.targets()));
    if (experiment.experimentOptions() != null
        && experiment.experimentOptions().actionsModeAsString() != null) {
      details.put(ACTIONS_MODE, experiment.experimentOptions().actionsModeAsString());
    }
    if (experiment.experimentReportConfiguration() != null) {
      details.put(REPORT_CONFIGURATION, SdkMaps.of(experiment.experimentReportConfiguration()));
    }
    if (experiment.targetAccountConfigurationsCount() != null
        && experiment.targetAccountConfigurationsCount() > 0) {
      details.put(TARGET_ACCOUNT_CONFIGURATIONS, experiment.targetAccountConfigurationsCount());
    }
    ExperimentReport report = experiment.experimentReport();
    if (report != null) {
      if (report.state() != null && report.state().statusAsString() != null) {
        details.put(REPORT_STATUS, report.state().statusAsString());
      }
      if (report.state() != null && report.state().reason() != null) {
        details.put(REPORT_REASON, report.state().reason());
      }
      if (report.hasS3Reports() && !report.s3Reports().isEmpty()) {
        details.put(
            S3_REPORTS, report.s3Reports().stream().map(ExperimentReportS3Report::arn).toList());
      }
    }
    details.values().removeIf(value -> value == null);
    return details;
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
