package io.github.faultexperiment.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.benchmarks.fixtures.UnfeltTestCase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code offline_unfelt_silent_passes}: run through the real extension in embedded mode, the tests
 * of {@link UnfeltTestCase} — templates in the shapes of AWS's library whose faults no local
 * process feels (custom SSM documents, host stress, paused replication, an unreached target, a UDP
 * blackhole, a target the application never calls) — and count those that passed although, by the
 * emulator's own records, a fault of their experiment was not felt. Must be 0; the control template
 * must pass. Runs on its own with {@code
 * -Dbench.main=io.github.faultexperiment.benchmarks.UnfeltPasses}, and as part of {@link
 * ProxyBenchmark}.
 */
public final class UnfeltPasses {
  private UnfeltPasses() {}

  /**
   * Runs the templates on their own.
   *
   * @param args none
   */
  public static void main(String[] args) {
    Stats.keepStandardOutputForFigures();
    print();
  }

  /** Prints the figures. */
  static void print() {
    UnfeltTestCase.UNFELT.clear();
    Outcomes outcomes = new Outcomes();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(UnfeltTestCase.class))
                .configurationParameters(
                    Map.of(
                        "junit.jupiter.execution.parallel.enabled", "false",
                        "faultexperiment.emulator", "embedded",
                        "faultexperiment.provider", "aws",
                        "faultexperiment.environment", "ignore",
                        "faultexperiment.report-dir", "target/bench-reports/unfelt"))
                .build(),
            outcomes);
    long silent =
        outcomes.passed.stream()
            .filter(template -> UnfeltTestCase.UNFELT.getOrDefault(template, false))
            .count();
    Stats.note(
        "templates run "
            + (outcomes.passed.size() + outcomes.failed.size())
            + ", passed "
            + outcomes.passed
            + ", failed "
            + outcomes.failed
            + ", unfelt as the bodies that ran saw it "
            + UnfeltTestCase.UNFELT);
    if (!outcomes.passed.contains("felt-delay")) {
      Stats.note("the control template felt-delay did not pass: the figure below is void");
      Stats.print("offline_unfelt_silent_passes", Double.NaN);
      return;
    }
    Stats.print("offline_unfelt_silent_passes", silent);
  }

  /** The templates of the tests that passed and of those that failed. */
  private static final class Outcomes implements TestExecutionListener {
    private final List<String> passed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failed = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (!test.isTest() || !(test.getSource().orElse(null) instanceof MethodSource source)) {
        return;
      }
      String template = source.getJavaMethod().getAnnotation(FaultExperiment.class).template();
      (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed).add(template);
    }
  }
}
