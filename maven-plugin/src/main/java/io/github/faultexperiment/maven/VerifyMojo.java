package io.github.faultexperiment.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The resilience gate: reads the run summary this build's chaos tests wrote and fails the build,
 * with one line saying why, when there is none from this build, too few experiments started, any
 * failed or was left running, more tests were aborted than allowed, or a fault acknowledged as not
 * felt is not allowed. Declare it after Surefire and Failsafe, with the {@code prepare} goal.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractMojo {
  private static final String FAILED = "Resilience gate failed: ";

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  /**
   * The run summary: {@code summary.json} under the extension's report directory ({@code
   * faultexperiment.report-dir}).
   */
  @Parameter(
      property = "faultexperiment.gate.summary",
      defaultValue = "${project.build.directory}/fault-experiments/summary.json")
  private File summary;

  /** At least this many experiments must have started (dry runs do not count). */
  @Parameter(property = "faultexperiment.gate.min-experiments", defaultValue = "1")
  private int minExperiments;

  /**
   * At most this many chaos tests may be aborted — JUnit reports them skipped — e.g. by an engaged
   * FIS safety lever or an active Fault Testing exclusion window.
   */
  @Parameter(property = "faultexperiment.gate.allowed-aborted", defaultValue = "0")
  private int allowedAborted;

  /** Whether faults acknowledged as not felt by the application (embedded mode) pass the gate. */
  @Parameter(property = "faultexperiment.gate.allow-acknowledged-unfelt", defaultValue = "false")
  private boolean allowAcknowledgedUnfelt;

  /** Skips the gate, as {@code -DskipITs} skips Failsafe. */
  @Parameter(property = "faultexperiment.gate.skip", defaultValue = "false")
  private boolean skip;

  /** Failsafe's own switch: a build that skips the chaos tests skips their gate. */
  @Parameter(property = "skipITs", defaultValue = "false")
  private boolean skipITs;

  /** Surefire's and Failsafe's switch: a build that skips the tests skips their gate. */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  /** A build that does not even compile the tests skips their gate. */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  private boolean skipTestCompilation;

  /** Created by Maven. */
  public VerifyMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Optional<String> skipped = skippedBy();
    if (skipped.isPresent()) {
      getLog().info("Resilience gate skipped: " + skipped.get() + " is set");
      return;
    }
    GateRules rules;
    try {
      rules = new GateRules(minExperiments, allowedAborted, allowAcknowledgedUnfelt);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("fault-experiment:verify: " + e.getMessage());
    }
    Path file = summary.toPath().toAbsolutePath().normalize();
    String buildId =
        BuildIdentity.of(session.getUserProperties())
            .orElseThrow(
                () ->
                    new MojoExecutionException(
                        FAILED
                            + "this build has no "
                            + BuildIdentity.PROPERTY
                            + ", so a summary of this build cannot be told from an earlier one's:"
                            + " add the goal prepare beside verify in the plugin's execution"));
    if (!Files.isRegularFile(file)) {
      throw new MojoFailureException(
          FAILED
              + "no run summary at "
              + file
              + ": no test JVM of this build ran a chaos test. Check the tag filter (groups"
              + " chaos), that Surefire or Failsafe runs the chaos tests before this goal, and that"
              + " faultexperiment.report-dir, if set, matches the parameter summary");
    }
    RunSummaryFile read;
    try {
      read = RunSummaryFile.read(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new MojoFailureException(
          FAILED + file + " is not a run summary this plugin reads: " + e.getMessage());
    }
    Instant buildStart = session.getRequest().getStartTime().toInstant();
    Optional<String> stale = new ThisBuild(buildId, buildStart).whyNot(read);
    if (stale.isPresent()) {
      throw new MojoFailureException(
          FAILED + "no run summary from this build at " + file + ": " + stale.get());
    }
    List<String> violations = rules.violations(read);
    if (!violations.isEmpty()) {
      throw new MojoFailureException(
          FAILED + String.join("; ", violations) + " (run summary " + file + ")");
    }
    getLog()
        .info(
            "Resilience gate passed: "
                + GateRules.count(read.experiments(), "experiment")
                + " started, none failed, "
                + read.aborted()
                + " aborted (run summary "
                + file
                + ")");
  }

  private Optional<String> skippedBy() {
    if (skip) {
      return Optional.of("faultexperiment.gate.skip");
    }
    if (skipITs) {
      return Optional.of("skipITs");
    }
    if (skipTests) {
      return Optional.of("skipTests");
    }
    return skipTestCompilation ? Optional.of("maven.test.skip") : Optional.empty();
  }
}
