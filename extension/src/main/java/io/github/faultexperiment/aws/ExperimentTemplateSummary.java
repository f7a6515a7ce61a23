package io.github.faultexperiment.aws;

import java.time.Instant;
import java.util.Map;

/**
 * One template as ListExperimentTemplates returns it.
 *
 * @param id {@code EXT…}
 * @param arn its ARN
 * @param description its description
 * @param creationTime when it was created
 * @param lastUpdateTime when it was last changed
 * @param tags its tags
 */
record ExperimentTemplateSummary(
    String id,
    String arn,
    String description,
    Instant creationTime,
    Instant lastUpdateTime,
    Map<String, String> tags) {

  /** The tag the AWS console shows as a template's name. */
  static final String NAME_TAG = "Name";

  ExperimentTemplateSummary {
    description = FisJson.orEmpty(description);
    tags = FisJson.orEmpty(tags);
  }

  /** The {@code Name} tag, or {@code null} when the template has none. */
  String name() {
    return tags.get(NAME_TAG);
  }
}
