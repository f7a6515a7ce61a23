package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisExperiment;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.fixtures.ProgrammaticTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link FaultInjection} end to end on the FIS provider, against the emulator over signed HTTP. */
@ResourceLock("ProgrammaticTestCase.emulator")
class AwsProgrammaticTests {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:checkout";
  private static final ObjectMapper JSON = new ObjectMapper();
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
    emulator.fis().timings(fast());
    emulator.fis().createTemplate(template("primary"));
    emulator.fis().createTemplate(template("secondary"));
  }

  @AfterEach
  void resetEmulator() {
    emulator.reset();
  }

  private static FisTimings fast() {
    return FisTimings.defaults()
        .withPendingToInitiating(Duration.ofMillis(30))
        .withInitiatingToRunning(Duration.ofMillis(50))
        .withStoppingToStopped(Duration.ofMillis(50));
  }

  private static String template(String name) {
    return """
        {"description": "latency on checkout", "stopConditions": [{"source": "none"}],
         "targets": {"functions": {"resourceType": "aws:lambda:function",
           "resourceArns": ["%s"], "selectionMode": "ALL"}},
         "actions": {"delay": {"actionId": "aws:lambda:invocation-add-delay",
           "parameters": {"startupDelayMilliseconds": "500", "invocationPercentage": "100"},
           "targets": {"Functions": "functions"}}},
         "roleArn": "arn:aws:iam::123456789012:role/fis", "tags": {"Name": "%s"}}
        """
        .formatted(FUNCTION, name);
  }

  private EngineExecutionResults run(Class<?> fixture, Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, "aws");
    parameters.put(FaultExperimentProperties.AWS_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.AWS_REGION, "us-east-1");
    parameters.put(FaultExperimentProperties.AWS_ACCESS_KEY_ID, "test");
    parameters.put(FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, "test");
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    parameters.putAll(extra);
    return EngineRuns.run(fixture, parameters, reports.resolve("published"));
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return run(fixture, Map.of());
  }

  private void assertAllStopped(int experimentsStarted) {
    assertThat(emulator.fis().activeExperiments()).isEmpty();
    assertThat(emulator.fis().experiments())
        .hasSize(experimentsStarted)
        .extracting(FisExperiment::state)
        .containsOnly("stopped");
  }

  private Path reportsOf(Class<?> fixture, String method) {
    return reports.resolve(fixture.getName()).resolve(method);
  }

  private static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void duringRunsTheBlockUnderTheFaultAndStopsAfter() {
    run(ProgrammaticTestCase.During.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllStopped(1);
    assertThat(emulator.fis().experiments().get(0).tags())
        .containsEntry(
            "faultexperiment:test",
            "[engine:junit-jupiter]/[class:io.github.faultexperiment.fixtures.ProgrammaticTestCase$During]/[method:blockRunsUnderTheFault()]");
  }

  @Test
  void duringWorksFromAnInstanceField() {
    run(ProgrammaticTestCase.DuringOnInstanceField.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertAllStopped(1);
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

    assertAllStopped(1);
  }

  @Test
  void checkedExceptionInsideTheBlockIsRethrownAsItIs() {
    run(ProgrammaticTestCase.BlockThrowsChecked.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("blockThrows"),
                finishedWithFailure(instanceOf(IOException.class), message("checked boom"))));

    assertAllStopped(1);
  }

  @Test
  void forgottenExperimentIsStoppedWhenTheTestEnds() throws IOException {
    run(ProgrammaticTestCase.Forgotten.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllStopped(1);
    Path json =
        reportsOf(ProgrammaticTestCase.Forgotten.class, "leavesItRunning")
            .resolve("started-1-primary.json");
    assertThat(Files.readString(json)).contains("\"finalState\" : \"stopped\"", "STOP_REQUESTED");
  }

  @Test
  void forgottenExperimentOfAFailingTestIsStoppedAndTheFailureKept() {
    run(ProgrammaticTestCase.ForgottenAndFailing.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("failsWithItRunning"),
                finishedWithFailure(
                    instanceOf(AssertionError.class), message(m -> m.contains("survived")))));

    assertAllStopped(1);
  }

  @Test
  void overlappingExperimentsStopIndependently() {
    run(ProgrammaticTestCase.Overlapping.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllStopped(2);
  }

  @Test
  void stopTwiceStopsOnce() {
    run(ProgrammaticTestCase.StopTwice.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllStopped(1);
    assertThat(emulator.fis().requestCount("StopExperiment")).isEqualTo(1);
  }

  @Test
  void experimentsInSequenceEachGetTheirOwnReportWithTheTestsPhases() throws IOException {
    run(ProgrammaticTestCase.Sequence.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllStopped(2);
    Path directory = reportsOf(ProgrammaticTestCase.Sequence.class, "oneAfterTheOther");
    assertThat(fileNames(directory))
        .containsExactly(
            "started-1-primary.html",
            "started-1-primary.json",
            "started-2-secondary.html",
            "started-2-secondary.json");
    JsonNode first = JSON.readTree(directory.resolve("started-1-primary.json").toFile());
    JsonNode second = JSON.readTree(directory.resolve("started-2-secondary.json").toFile());
    assertThat(first.get("template").asText()).isEqualTo("primary");
    assertThat(second.get("template").asText()).isEqualTo("secondary");
    assertThat(kinds(first))
        .containsSubsequence(
            "PHASE:baseline measured",
            "START_REQUESTED",
            "INJECTED",
            "BODY_STARTED",
            "BODY_ENDED",
            "STOP_REQUESTED",
            "ENDED",
            "PHASE:between faults",
            "PHASE:recovery measured");
    assertThat(kinds(second))
        .containsSubsequence(
            "PHASE:baseline measured",
            "PHASE:between faults",
            "START_REQUESTED",
            "INJECTED",
            "STOP_REQUESTED",
            "ENDED",
            "PHASE:recovery measured");
    assertThat(Files.readString(directory.resolve("started-2-secondary.html")))
        .contains("between faults");
  }

  private static List<String> kinds(JsonNode report) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode event : report.get("timeline")) {
      String kind = event.get("kind").asText();
      kinds.add(kind.equals("PHASE") ? kind + ":" + event.get("subject").asText() : kind);
    }
    return kinds;
  }

  @Test
  void experimentEndingByItselfDuringTheBlockFailsTheTest() {
    emulator.fis().timings(fast().withActionDuration(Duration.ofSeconds(1)));

    run(ProgrammaticTestCase.EarlyEnd.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("endsDuringTheBlock"),
                finishedWithFailure(
                    instanceOf(ExperimentFailedException.class),
                    message(m -> m.contains("ended by itself")))));

    assertThat(emulator.fis().activeExperiments()).isEmpty();
  }

  @Test
  void awaitEndedWaitsForTheExperimentToEndByItself() {
    emulator.fis().timings(fast().withActionDuration(Duration.ofSeconds(1)));

    run(ProgrammaticTestCase.AwaitEnded.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(emulator.fis().activeExperiments()).isEmpty();
    assertThat(emulator.fis().experiments())
        .extracting(FisExperiment::state)
        .containsExactly("completed");
    assertThat(emulator.fis().requestCount("StopExperiment")).isZero();
  }

  @Test
  void builderAllowListRefusesTheAccountBeforeAnythingStarts() {
    run(ProgrammaticTestCase.NotAllowed.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverInjects"),
                finishedWithFailure(
                    message(m -> m.contains("123456789012") && m.contains("111111111111")))));

    assertThat(emulator.fis().experiments()).isEmpty();
  }

  @Test
  void callOutsideATestSaysWhereToCallFrom() {
    run(ProgrammaticTestCase.OutsideATest.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container("OutsideATest"),
                finishedWithFailure(
                    instanceOf(FaultExperimentException.class),
                    message(
                        m -> m.contains("outside a test") && m.contains("@RegisterExtension")))));

    assertThat(emulator.fis().experiments()).isEmpty();
  }

  @Test
  void timeoutStopsTheFaultBeforeInterrupting() {
    run(ProgrammaticTestCase.TimesOut.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("hangsUnderTheFault"),
                finishedWithFailure(instanceOf(TimeoutException.class))));

    assertAllStopped(1);
  }

  @Test
  void disabledChaosAbortsTheTestWhereItWouldInject() {
    run(ProgrammaticTestCase.During.class, Map.of(FaultExperimentProperties.ENABLED, "false"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("blockRunsUnderTheFault"),
                abortedWithReason(message(m -> m.contains(FaultExperimentProperties.ENABLED)))));

    assertThat(emulator.fis().experiments()).isEmpty();
  }
}
