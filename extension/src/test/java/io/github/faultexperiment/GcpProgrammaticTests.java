package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.ExperimentRecord;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
import io.github.faultexperiment.fixtures.ProgrammaticTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link FaultInjection} end to end on the Fault Testing provider, against the emulator. */
@ResourceLock("ProgrammaticTestCase.emulator")
class GcpProgrammaticTests {
  private static final String PROJECT = "test-project";
  private static final String LOCATION = "us-central1";
  private static final String TEMPLATE =
      """
      {"displayName": "LB abort", "duration": "600s",
       "action": {"l7LbHttpFault": {
         "forwardingRule": "projects/test-project/regions/us-central1/forwardingRules/checkout",
         "abort": {"percentage": 50, "statusCode": 503}}}}
      """;

  private static FaultEmulator emulator;

  @TempDir Path reports;

  @BeforeAll
  static void startEmulator() {
    emulator = FaultEmulator.builder().start();
    ProgrammaticTestCase.emulator = emulator;
  }

  @AfterAll
  static void stopEmulator() {
    ProgrammaticTestCase.emulator = null;
    emulator.close();
  }

  @BeforeEach
  void createTemplates() {
    emulator.faultTesting().timings(FaultTestingTimings.of(Duration.ofMillis(50)));
    emulator.faultTesting().createTemplate(PROJECT, LOCATION, "primary", TEMPLATE);
    emulator.faultTesting().createTemplate(PROJECT, LOCATION, "secondary", TEMPLATE);
  }

  @AfterEach
  void resetEmulator() {
    emulator.reset();
  }

  private EngineExecutionResults run(Class<?> fixture) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, "gcp");
    parameters.put(FaultExperimentProperties.GCP_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.GCP_PROJECT, PROJECT);
    parameters.put(FaultExperimentProperties.GCP_LOCATION, LOCATION);
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    return EngineRuns.run(fixture, parameters, reports.resolve("published"));
  }

  private void assertAllEnded(int experimentsStarted) {
    assertThat(emulator.faultTesting().activeExperiments()).isEmpty();
    assertThat(emulator.faultTesting().experiments())
        .hasSize(experimentsStarted)
        .allSatisfy(
            record -> {
              assertThat(record.startTime()).as("injected").isNotNull();
              assertThat(record.endReason()).isEqualTo("CANCELLED");
            });
  }

  @Test
  void duringRunsTheBlockUnderTheFaultAndStopsAfter() throws IOException {
    run(ProgrammaticTestCase.During.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllEnded(1);
    Path json =
        reports
            .resolve(ProgrammaticTestCase.During.class.getName())
            .resolve("blockRunsUnderTheFault")
            .resolve("started-1-primary.json");
    assertThat(Files.readString(json))
        .contains("\"provider\" : \"GCP\"", "\"finalState\" : \"COMPLETED\"", "BODY_STARTED");
  }

  @Test
  void exceptionInsideTheBlockIsKeptAndTheExperimentStopped() {
    run(ProgrammaticTestCase.BlockThrows.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("blockThrows"),
                finishedWithFailure(
                    instanceOf(IllegalStateException.class), message("boom in the block"))));

    assertAllEnded(1);
  }

  @Test
  void forgottenExperimentIsStoppedWhenTheTestEnds() {
    run(ProgrammaticTestCase.Forgotten.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllEnded(1);
  }

  @Test
  void overlappingExperimentsStopIndependently() {
    run(ProgrammaticTestCase.Overlapping.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllEnded(2);
    assertThat(emulator.faultTesting().experiments())
        .extracting(ExperimentRecord::experimentTemplate)
        .anyMatch(name -> name.endsWith("/primary"))
        .anyMatch(name -> name.endsWith("/secondary"));
  }

  @Test
  void stopTwiceStopsOnce() {
    run(ProgrammaticTestCase.StopTwice.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllEnded(1);
  }
}
