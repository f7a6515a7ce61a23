package io.github.faultexperiment.gcp;

import static io.github.faultexperiment.gcp.GcpTestSupport.LB_ABORT;
import static io.github.faultexperiment.gcp.GcpTestSupport.LOCATION;
import static io.github.faultexperiment.gcp.GcpTestSupport.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.ExperimentRecord;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The Fault Testing provider under the real lifecycle, through EngineTestKit. */
class GcpExtensionTests {
  private static FaultEmulator emulator;

  @TempDir Path reports;

  @BeforeAll
  static void startEmulator() {
    emulator = FaultEmulator.builder().start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void createTemplate() {
    emulator.faultTesting().timings(GcpTestSupport.FAST);
    emulator.faultTesting().createTemplate(PROJECT, LOCATION, "primary", LB_ABORT);
  }

  @AfterEach
  void resetEmulator() {
    emulator.reset();
  }

  @Test
  void createsWithAnIdAndDisplayNameNamingTheTest() {
    run(LifecycleTestCase.Succeeds.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(finishedSuccessfully()));

    assertThat(emulator.faultTesting().experiments())
        .singleElement()
        .satisfies(
            experiment -> {
              assertThat(experiment.experimentId())
                  .startsWith("fx-")
                  .contains("succeeds-bodyrunsunderthefault");
              assertThat(experiment.displayName()).contains("Succeeds", "bodyRunsUnderTheFault");
              assertThat(experiment.state()).isEqualTo("COMPLETED");
              assertThat(experiment.endReason()).isEqualTo("CANCELLED");
              assertThat(experiment.startTime()).isNotNull();
            });
  }

  @Test
  void dryRunIsCancelledAtPreparedWithoutInjecting() {
    run(LifecycleTestCase.DryRun.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(finishedSuccessfully()));

    assertThat(emulator.faultTesting().experiments())
        .singleElement()
        .satisfies(
            experiment -> {
              assertThat(experiment.state()).isEqualTo("COMPLETED");
              assertThat(experiment.startTime()).isNull();
            });
  }

  @Test
  void exclusionWindowFailsTheTestWithTheServiceMessage() {
    GcpTestSupport.activeExclusionWindow(emulator, "release-freeze");

    run(LifecycleTestCase.Succeeds.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    message(
                        m -> m.contains("FAILED_PRECONDITION") && m.contains("release-freeze")))));

    assertThat(emulator.faultTesting().experiments())
        .extracting(ExperimentRecord::state)
        .containsOnly("COMPLETED");
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .configurationParameter(FaultExperimentProperties.PROVIDER, "gcp")
        .configurationParameter(
            FaultExperimentProperties.GCP_ENDPOINT, emulator.endpoint().toString())
        .configurationParameter(FaultExperimentProperties.GCP_PROJECT, PROJECT)
        .configurationParameter(FaultExperimentProperties.GCP_LOCATION, LOCATION)
        .configurationParameter(FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S")
        .configurationParameter(FaultExperimentProperties.STOP_TIMEOUT, "PT10S")
        .configurationParameter(FaultExperimentProperties.REPORT_DIR, reports.toString())
        .execute();
  }
}
