package io.github.faultexperiment.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A FIS experiment as GetExperiment, StartExperiment and StopExperiment return it. Absent members
 * read as empty maps and lists; absent strings and times stay {@code null}.
 *
 * @param id {@code EXP…}
 * @param arn {@code arn:aws:fis:{region}:{account}:experiment/{id}}
 * @param experimentTemplateId the template it was started from
 * @param roleArn the IAM role FIS acts as
 * @param state status, reason and error
 * @param targets the resolved targets by name, as FIS describes them
 * @param actions the actions by name
 * @param stopConditions the stop conditions ({@code source}, {@code value})
 * @param creationTime when it was created
 * @param startTime when it started
 * @param endTime when it ended
 * @param tags its tags
 * @param experimentOptions {@code accountTargeting}, {@code emptyTargetResolutionMode}, {@code
 *     actionsMode}
 * @param experimentReportConfiguration the template's report configuration, when it has one
 * @param experimentReport the report's state and S3 objects, when one is generated
 */
record Experiment(
    String id,
    String arn,
    String experimentTemplateId,
    String roleArn,
    State state,
    Map<String, Object> targets,
    Map<String, Action> actions,
    List<Map<String, Object>> stopConditions,
    Instant creationTime,
    Instant startTime,
    Instant endTime,
    Map<String, String> tags,
    Map<String, Object> experimentOptions,
    Map<String, Object> experimentReportConfiguration,
    Report experimentReport) {

  Experiment {
    state = state == null ? new State(null, null, null) : state;
    targets = FisJson.orEmpty(targets);
    actions = FisJson.orEmpty(actions);
    stopConditions = FisJson.orEmpty(stopConditions);
    tags = FisJson.orEmpty(tags);
    experimentOptions = FisJson.orEmpty(experimentOptions);
    experimentReportConfiguration = FisJson.orEmpty(experimentReportConfiguration);
  }

  /**
   * The experiment's state.
   *
   * @param status {@code pending}, {@code initiating}, {@code running}, {@code completed}, {@code
   *     stopping}, {@code stopped}, {@code failed} or {@code cancelled}
   * @param reason FIS's explanation, or {@code null}
   * @param error what went wrong when {@code failed}, or {@code null}
   */
  record State(String status, String reason, StateError error) {}

  /**
   * Why an experiment failed.
   *
   * @param accountId the account where it failed
   * @param code FIS's error code
   * @param location where it failed (e.g. a target or action)
   */
  record StateError(String accountId, String code, String location) {}

  /**
   * One action of the experiment.
   *
   * @param actionId e.g. {@code aws:fis:wait}
   * @param description the template's description of it
   * @param parameters its parameters
   * @param targets its targets by target type
   * @param startAfter the actions it waits for
   * @param state its status and reason
   * @param startTime when it started
   * @param endTime when it ended
   */
  record Action(
      String actionId,
      String description,
      Map<String, String> parameters,
      Map<String, String> targets,
      List<String> startAfter,
      ActionState state,
      Instant startTime,
      Instant endTime) {
    Action {
      parameters = FisJson.orEmpty(parameters);
      targets = FisJson.orEmpty(targets);
      startAfter = FisJson.orEmpty(startAfter);
      state = state == null ? new ActionState(null, null) : state;
    }
  }

  /**
   * An action's state.
   *
   * @param status {@code pending}, {@code initiating}, {@code running}, {@code completed}, {@code
   *     cancelled}, {@code stopping}, {@code stopped}, {@code failed} or {@code skipped}
   * @param reason FIS's explanation, or {@code null}
   */
  record ActionState(String status, String reason) {}

  /**
   * The experiment report FIS generates after the experiment when the template asks for one.
   *
   * @param state {@code pending}, {@code running}, {@code completed}, {@code cancelled} or {@code
   *     failed}, with reason and error
   * @param s3Reports the generated objects
   */
  record Report(ReportState state, List<S3Report> s3Reports) {
    Report {
      state = state == null ? new ReportState(null, null, null) : state;
      s3Reports = FisJson.orEmpty(s3Reports);
    }
  }

  /**
   * A report's state.
   *
   * @param status {@code pending}, {@code running}, {@code completed}, {@code cancelled} or {@code
   *     failed}
   * @param reason FIS's explanation, or {@code null}
   * @param error FIS's error, or {@code null}
   */
  record ReportState(String status, String reason, Map<String, Object> error) {}

  /**
   * One generated report object.
   *
   * @param arn {@code arn:aws:s3:::bucket/key}
   * @param reportType e.g. {@code pdf}
   */
  record S3Report(String arn, String reportType) {}
}
