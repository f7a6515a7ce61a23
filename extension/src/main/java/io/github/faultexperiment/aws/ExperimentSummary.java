package io.github.faultexperiment.aws;

import java.time.Instant;
import java.util.Map;

/**
 * One experiment as ListExperiments returns it.
 *
 * @param id {@code EXP…}
 * @param arn its ARN
 * @param experimentTemplateId the template it was started from
 * @param state its status and reason
 * @param creationTime when it was created
 * @param tags its tags
 * @param experimentOptions its options ({@code actionsMode}, …)
 */
record ExperimentSummary(
    String id,
    String arn,
    String experimentTemplateId,
    Experiment.State state,
    Instant creationTime,
    Map<String, String> tags,
    Map<String, Object> experimentOptions) {
  ExperimentSummary {
    state = state == null ? new Experiment.State(null, null, null) : state;
    tags = FisJson.orEmpty(tags);
    experimentOptions = FisJson.orEmpty(experimentOptions);
  }
}
