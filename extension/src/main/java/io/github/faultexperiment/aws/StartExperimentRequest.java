package io.github.faultexperiment.aws;

import java.util.Map;

/**
 * The body of StartExperiment.
 *
 * @param clientToken idempotency token: a retried request with the same token and input returns the
 *     same experiment rather than starting another
 * @param experimentTemplateId the template ({@code EXT…})
 * @param experimentOptions {@code actionsMode} ({@code run-all} or {@code skip-all}), or {@code
 *     null} for FIS's default
 * @param tags the experiment's tags (at most 50)
 */
record StartExperimentRequest(
    String clientToken,
    String experimentTemplateId,
    ExperimentOptions experimentOptions,
    Map<String, String> tags) {

  StartExperimentRequest {
    tags = Map.copyOf(tags);
  }

  /**
   * Options for one run.
   *
   * @param actionsMode {@code run-all} or {@code skip-all} (targets resolved, no action run)
   */
  record ExperimentOptions(String actionsMode) {
    /** Resolves targets and skips every action: a preview that injects nothing. */
    static final String SKIP_ALL = "skip-all";

    /** Runs every action: FIS's default. */
    static final String RUN_ALL = "run-all";
  }
}
