package io.github.faultexperiment.maven;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a summary was written by this build: its {@code runId} is this build's, and it was
 * written after the build started. The second check catches what the first cannot: a run id the
 * user set (a CI build number) reused by a rerun in a workspace that kept {@code target/}.
 *
 * @param buildId the id the {@code prepare} goal gave this build
 * @param buildStart when this build started
 */
record ThisBuild(String buildId, Instant buildStart) {

  /**
   * Why the summary is not this build's, or empty when it is.
   *
   * @param summary the summary read
   */
  Optional<String> whyNot(RunSummaryFile summary) {
    String expected = BuildIdentity.runId(buildId);
    if (!expected.equals(summary.runId())) {
      return Optional.of(
          "it is from another build (runId '"
              + summary.runId()
              + "', this build's is '"
              + expected
              + "'), so no test JVM of this build wrote one: check the tag filter (groups chaos)"
              + " and that the chaos tests run before this goal; a test configuration that sets "
              + BuildIdentity.PROPERTY
              + " itself, or promoteUserPropertiesToSystemProperties=false, keeps this build's id"
              + " from the test JVMs");
    }
    if (summary.generatedAt().isBefore(buildStart)) {
      return Optional.of(
          "it was written at "
              + summary.generatedAt()
              + ", before this build started ("
              + buildStart
              + "), by an earlier build with the same "
              + BuildIdentity.PROPERTY
              + ", so no test JVM of this build wrote one: check the tag filter (groups chaos)");
    }
    return Optional.empty();
  }
}
