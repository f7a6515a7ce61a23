package io.github.faultexperiment.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A FIS experiment template as GetExperimentTemplate returns it.
 *
 * @param id {@code EXT…}
 * @param arn its ARN
 * @param description its description
 * @param targets its targets by name
 * @param actions its actions by name
 * @param stopConditions its stop conditions
 * @param creationTime when it was created
 * @param lastUpdateTime when it was last changed
 * @param roleArn the IAM role experiments act as
 * @param tags its tags; {@code Name} is the name users refer to it by
 * @param experimentOptions its options ({@code emptyTargetResolutionMode}, …)
 * @param experimentReportConfiguration where and how FIS writes a report, when it does
 */
record ExperimentTemplate(
    String id,
    String arn,
    String description,
    Map<String, Object> targets,
    Map<String, Object> actions,
    List<Map<String, Object>> stopConditions,
    Instant creationTime,
    Instant lastUpdateTime,
    String roleArn,
    Map<String, String> tags,
    Map<String, Object> experimentOptions,
    Map<String, Object> experimentReportConfiguration) {

  ExperimentTemplate {
    description = FisJson.orEmpty(description);
    targets = FisJson.orEmpty(targets);
    actions = FisJson.orEmpty(actions);
    stopConditions = FisJson.orEmpty(stopConditions);
    tags = FisJson.orEmpty(tags);
    experimentOptions = FisJson.orEmpty(experimentOptions);
    experimentReportConfiguration = FisJson.orEmpty(experimentReportConfiguration);
  }

  /** The {@code Name} tag, or {@code null} when the template has none. */
  String name() {
    return tags.get(ExperimentTemplateSummary.NAME_TAG);
  }
}
