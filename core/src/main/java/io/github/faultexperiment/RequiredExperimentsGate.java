package io.github.faultexperiment;

import io.github.faultexperiment.report.RunSummary;
import io.github.faultexperiment.report.SummaryParts;
import io.github.faultexperiment.report.SummaryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * The {@value FaultExperimentProperties#SUMMARY_REQUIRE_EXPERIMENTS} gate of one launcher session:
 * when the session closes and it is the last open JVM of its run, a run in which no experiment
 * started (none ran, or every one was aborted or a dry run) and no test failed fails. It fails by
 * throwing from the session's close, the one listener call the JUnit Platform does not swallow: the
 * launcher's caller (Surefire's and Failsafe's fork, the console launcher) then fails the build
 * (see {@code docs/ci.md}).
 */
final class RequiredExperimentsGate implements LauncherDiscoveryListener, TestExecutionListener {
  private volatile RunSummaryDestination run;
  private volatile RuntimeException invalid;

  /**
   * Surefire and Failsafe may only discover (their class scan, a tag filter that leaves nothing to
   * execute): the parameters come from the first request the session sees.
   */
  @Override
  public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
    started(() -> RunSummaryDestination.of(request.getConfigurationParameters()));
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    started(() -> RunSummaryDestination.of(testPlan.getConfigurationParameters()));
  }

  /**
   * The platform only logs what these callbacks throw: a parameter that cannot be read is kept for
   * {@link #close()}, which fails the run with it rather than run without the gate.
   */
  private void started(Supplier<RunSummaryDestination> parameters) {
    try {
      started(parameters.get());
    } catch (RuntimeException e) {
      invalid = e;
    }
  }

  private void started(RunSummaryDestination planned) {
    boolean first = run == null;
    run = planned;
    if (first && planned.requireExperiments()) {
      // Registered as open, so another fork ending meanwhile leaves the verdict to this one.
      write(planned, List.of(), true);
    }
  }

  /** Closes this JVM's part of the run; fails the run when it was the last and nothing ran. */
  void close() {
    if (invalid != null) {
      throw invalid;
    }
    RunSummaryDestination planned = run;
    if (planned == null || !planned.requireExperiments()) {
      return;
    }
    SummaryParts.Merged merged = write(planned, List.of(), false);
    RunSummary counts = RunSummary.of(planned.runId(), Instant.now(), merged.entries(), true);
    // Failed tests fail the run already: this gate adds only what no test failure says.
    if (counts.experiments() == 0 && counts.failed() == 0 && !merged.othersOpen()) {
      throw new FaultExperimentException(
          (merged.entries().isEmpty()
                  ? "No experiment ran in this test run"
                  : "No experiment started in this test run (only aborted tests and dry runs)")
              + ", and "
              + FaultExperimentProperties.SUMMARY_REQUIRE_EXPERIMENTS
              + " is true: check that the tag filter selects the chaos tests (groups chaos) and"
              + " that the classes annotated with @FaultExperiment have tests. The run summary"
              + " under "
              + planned.directory().toAbsolutePath()
              + " records it as its gate.");
    }
  }

  /** Adds entries to this JVM's part of the run and rewrites the run's summary from all parts. */
  static SummaryParts.Merged write(
      RunSummaryDestination run, List<RunSummary.Entry> entries, boolean open) {
    try {
      return SummaryParts.merge(
          run.directory(),
          run.runId(),
          entries,
          open,
          merged -> {
            SummaryWriter.write(
                run.directory(),
                RunSummary.of(
                    run.runId(), Instant.now(), merged.entries(), run.requireExperiments()));
            return merged;
          });
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not merge the run summary under " + run.directory().toAbsolutePath(), e);
    }
  }
}
