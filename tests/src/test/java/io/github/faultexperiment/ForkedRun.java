package io.github.faultexperiment;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The main class of a forked test JVM: runs one fixture class through the JUnit Platform, with the
 * configuration parameters given as {@code -D} system properties, as a CI job's test JVM would.
 */
public final class ForkedRun {
  private ForkedRun() {}

  /**
   * Runs the fixture.
   *
   * @param args the fixture class name
   */
  public static void main(String[] args) throws ClassNotFoundException {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(Class.forName(args[0])))
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request, summary);
    System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
  }
}
