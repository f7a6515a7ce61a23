package io.github.faultexperiment;

import io.github.faultexperiment.report.PublishedReports;
import io.github.faultexperiment.report.SummaryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the run summary — {@code summary.json} and {@code index.html} in the report directory
 * ({@value FaultExperimentProperties#REPORT_DIR}, default {@code target/fault-experiments}) — once,
 * when the test plan has finished, listing every experiment this run published there. Registered
 * through {@code META-INF/services}, so every launcher (Surefire, Failsafe, Gradle, IDEs) runs it;
 * when no experiment ran it writes nothing.
 *
 * <p>Public only because the service loader needs it; not API.
 */
public final class RunSummaryListener implements TestExecutionListener {
  private static final Path DEFAULT_DIRECTORY = Path.of("target", "fault-experiments");

  /** Created by the JUnit Platform's service loader. */
  public RunSummaryListener() {}

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    Path directory =
        testPlan
            .getConfigurationParameters()
            .get(FaultExperimentProperties.REPORT_DIR)
            .map(Path::of)
            .orElse(DEFAULT_DIRECTORY);
    List<PublishedReports.Published> published = PublishedReports.takeUnder(directory);
    if (published.isEmpty()) {
      return;
    }
    try {
      SummaryWriter.write(directory, published, Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the run summary under " + directory, e);
    }
  }
}
