package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.report.PublishedReports;
import io.github.faultexperiment.report.RunSummary;
import io.github.faultexperiment.report.SummaryWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the run summary — {@code summary.json} and {@code index.html} in the report directory
 * ({@value FaultExperimentProperties#REPORT_DIR}, default {@code target/fault-experiments}) — when
 * each test plan has finished: every experiment this run published there, and every chaos test that
 * failed before its experiment started, merged with the other forks of the run ({@code
 * RunSummaryDestination}). Registered through {@code META-INF/services} both as a test execution
 * listener (the summary) and as a launcher session listener (the {@value
 * FaultExperimentProperties#SUMMARY_REQUIRE_EXPERIMENTS} gate, {@code RequiredExperimentsGate}), so
 * every launcher (Surefire, Failsafe, Gradle, IDEs) runs it. When no experiment ran and the gate is
 * off it writes nothing.
 *
 * <p>Public only because the service loader needs it; not API.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunSummaryListener implements TestExecutionListener, LauncherSessionListener {
  private static final TestTag CHAOS = TestTag.create("chaos");

  private final Queue<NotStartedTests.Failed> failedChaosTests = new ConcurrentLinkedQueue<>();
  private final Map<LauncherSession, RequiredExperimentsGate> gates = new ConcurrentHashMap<>();

  /** Created by the JUnit Platform's service loader. */
  public RunSummaryListener() {}

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.FAILED
        && identifier.getTags().contains(CHAOS)) {
      failedChaosTests.add(
          new NotStartedTests.Failed(identifier, result.getThrowable().orElse(null)));
    }
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    ProviderWarmUp.start(testPlan);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    ProviderWarmUp.discardUnused();
    RunSummaryDestination run = RunSummaryDestination.of(testPlan.getConfigurationParameters());
    List<PublishedReports.Published> published = PublishedReports.takeUnder(run.directory());
    List<RunSummary.Entry> entries = new ArrayList<>();
    published.forEach(report -> entries.add(SummaryWriter.entry(run.directory(), report)));
    List<NotStartedTests.Failed> failed = new ArrayList<>();
    for (NotStartedTests.Failed test; (test = failedChaosTests.poll()) != null; ) {
      failed.add(test);
    }
    entries.addAll(NotStartedTests.entries(failed, published));
    if (entries.isEmpty() && !run.requireExperiments()) {
      return;
    }
    RequiredExperimentsGate.write(run, entries, true);
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    // The session's own listener learns the run's parameters, which a session never sees.
    RequiredExperimentsGate gate = new RequiredExperimentsGate();
    gates.put(session, gate);
    session.getLauncher().registerLauncherDiscoveryListeners(gate);
    session.getLauncher().registerTestExecutionListeners(gate);
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    RequiredExperimentsGate gate = gates.remove(session);
    if (gate != null) {
      gate.close();
    }
  }
}
