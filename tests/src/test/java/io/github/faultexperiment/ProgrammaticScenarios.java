package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.suppressed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.fixtures.ProgrammaticSteadyStateTestCase;
import io.github.faultexperiment.fixtures.ProgrammaticTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

/**
 * {@link FaultInjection} end to end against the emulator: the same fixtures and the same
 * expectations on every provider. A subclass per provider says what "stopped" looks like on its
 * emulator and adds what only it has. Subclasses hold {@code @ResourceLock("ProgrammaticTestCase.
 * emulator")}: the fixtures read the running emulator from a static field.
 */
abstract class ProgrammaticScenarios {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The subclass's harness, {@code Emulated.withTemplates("primary", "secondary")}: declared there,
   * not here, so that the two providers' classes never share an emulator.
   */
  abstract Emulated emulated();

  /** The provider these scenarios run on. */
  abstract Cloud provider();

  /** The final state of a stopped experiment, as the provider names it. */
  abstract String stoppedState();

  /** Asserts that this many experiments were started, and all were injected and then stopped. */
  abstract void assertAllStopped(int experimentsStarted);

  @BeforeEach
  void showTheEmulatorToTheFixtures() {
    ProgrammaticTestCase.emulator = emulated().emulator();
  }

  @AfterEach
  void hideTheEmulator() {
    ProgrammaticTestCase.emulator = null;
  }

  EngineExecutionResults run(Class<?> fixture) {
    return emulated().run(provider(), fixture);
  }

  /** Runs a steady-state fixture: the checks get 0.3 s to pass before the start. */
  EngineExecutionResults runGuarded(Class<?> fixture) {
    return emulated()
        .run(provider(), fixture, Map.of(FaultExperimentProperties.STEADY_STATE_TIMEOUT, "PT0.3S"));
  }

  JsonNode steadyStateOf(Class<?> fixture, String method) throws IOException {
    return JSON.readTree(reportsOf(fixture, method).resolve("started-1-primary.json").toFile())
        .path("steadyState");
  }

  Path reportsOf(Class<?> fixture, String method) {
    return emulated().reportsOf(fixture, method);
  }

  private static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
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
  void duringRunsTheBlockUnderTheFaultAndStopsAfter() throws IOException {
    run(ProgrammaticTestCase.During.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertAllStopped(1);
    Path json =
        reportsOf(ProgrammaticTestCase.During.class, "blockRunsUnderTheFault")
            .resolve("started-1-primary.json");
    assertThat(Files.readString(json))
        .contains(
            "\"provider\" : \"" + provider().id() + "\"",
            "\"finalState\" : \"" + stoppedState() + "\"",
            "BODY_STARTED");
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
    assertThat(Files.readString(json))
        .contains("\"finalState\" : \"" + stoppedState() + "\"", "STOP_REQUESTED");
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

    assertThat(emulated().experiments(provider())).isZero();
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
    emulated()
        .run(
            provider(),
            ProgrammaticTestCase.During.class,
            Map.of(FaultExperimentProperties.ENABLED, "false"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("blockRunsUnderTheFault"),
                abortedWithReason(message(m -> m.contains(FaultExperimentProperties.ENABLED)))));

    assertThat(emulated().experiments(provider())).isZero();
  }

  @Test
  void systemNotInSteadyStateAbortsTheTestAndStartsNothing() throws IOException {
    runGuarded(ProgrammaticSteadyStateTestCase.NotSteady.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverInjects"),
                abortedWithReason(
                    instanceOf(TestAbortedException.class),
                    message(
                        m ->
                            m.contains("not in its steady state (pricingIsHealthy)")
                                && m.contains("no experiment was started")
                                && m.contains("pricing health")))));

    assertThat(emulated().experiments(provider())).isZero();
    assertThat(
            steadyStateOf(ProgrammaticSteadyStateTestCase.NotSteady.class, "neverInjects")
                .path("outcome")
                .asText())
        .isEqualTo("not in steady state");
  }

  @Test
  void systemNotRecoveringFailsWithTheTimeAwaitedAndTheLastFailure() throws IOException {
    runGuarded(ProgrammaticSteadyStateTestCase.NeverRecovers.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("breaksForGood"),
                finishedWithFailure(
                    instanceOf(RecoveryTimeoutException.class),
                    message(
                        m ->
                            m.contains("within the recovery timeout PT0.5S")
                                && m.matches(
                                    "(?s).*awaited recovery for \\d+ ms \\(\\d+ checks\\).*")
                                && m.contains("pricing broken by the test")
                                && m.contains("FaultInjection.builder().recoveryTimeout")))));

    assertAllStopped(1);
    JsonNode steadyState =
        steadyStateOf(ProgrammaticSteadyStateTestCase.NeverRecovers.class, "breaksForGood");
    assertThat(steadyState.path("outcome").asText()).isEqualTo("not recovered");
    assertThat(steadyState.path("recoveryAwaited").asText()).startsWith("PT");
  }

  @Test
  void blockFailureStaysTheTestsFailureWithTheRecoveryFailureSuppressed() {
    runGuarded(ProgrammaticSteadyStateTestCase.BlockFailsAndNeverRecovers.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("blockFails"),
                finishedWithFailure(
                    instanceOf(IllegalStateException.class),
                    message("boom in the block"),
                    suppressed(0, instanceOf(RecoveryTimeoutException.class)))));

    assertAllStopped(1);
  }

  @Test
  void systemRecoveringPassesWithRecoveryInTheReportAndTimeline() throws IOException {
    runGuarded(ProgrammaticSteadyStateTestCase.Recovers.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertAllStopped(1);
    JsonNode steadyState =
        steadyStateOf(ProgrammaticSteadyStateTestCase.Recovers.class, "recoversAfterTheStop");
    assertThat(steadyState.path("checks").asText()).isEqualTo("nothingInjected");
    assertThat(steadyState.path("outcome").asText()).isEqualTo("recovered");
    assertThat(steadyState.path("verifiedAt").asText()).isNotEmpty();
    assertThat(Duration.parse(steadyState.path("timeToRecover").asText()))
        .isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(
            Files.readString(
                reportsOf(ProgrammaticSteadyStateTestCase.Recovers.class, "recoversAfterTheStop")
                    .resolve("started-1-primary.html")))
        .contains("Time to recover", "recovered in ");
  }

  @Test
  void probingDuringTheBlockRecordsDeviationsWithoutFailing() throws IOException {
    runGuarded(ProgrammaticSteadyStateTestCase.ProbedDuringTheBlock.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    JsonNode report =
        JSON.readTree(
            reportsOf(
                    ProgrammaticSteadyStateTestCase.ProbedDuringTheBlock.class,
                    "deviationIsRecordedNotFailed")
                .resolve("started-1-primary.json")
                .toFile());
    assertThat(report.path("steadyState").path("deviations").asInt()).isPositive();
    assertThat(report.path("steadyState").path("outcome").asText()).isEqualTo("recovered");
    assertThat(kinds(report))
        .containsSubsequence(
            "STEADY_STATE_VERIFIED", "INJECTED", "DEVIATION", "ENDED", "RECOVERED");
  }

  @Test
  void onlyTheChecksTheBuilderNamesApply() throws IOException {
    runGuarded(ProgrammaticSteadyStateTestCase.NamedChecks.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(
            steadyStateOf(ProgrammaticSteadyStateTestCase.NamedChecks.class, "runs")
                .path("checks")
                .asText())
        .isEqualTo("healthy");
  }

  @Test
  void unknownCheckNameIsRefusedListingTheChecks() {
    runGuarded(ProgrammaticSteadyStateTestCase.UnknownCheck.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverInjects"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        m ->
                            m.contains("FaultInjection.builder().steadyState(…) names [nosuch]")
                                && m.contains("[healthy]")))));

    assertThat(emulated().experiments(provider())).isZero();
  }

  @Test
  void probingWithoutChecksIsRefused() {
    runGuarded(ProgrammaticSteadyStateTestCase.ProbeWithoutChecks.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverInjects"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("probeDuringFault(true) needs steady-state checks")))));

    assertThat(emulated().experiments(provider())).isZero();
  }

  @Test
  void stopTwiceAwaitsRecoveryOnce() throws IOException {
    runGuarded(ProgrammaticSteadyStateTestCase.StopTwice.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertAllStopped(1);
    JsonNode report =
        JSON.readTree(
            reportsOf(ProgrammaticSteadyStateTestCase.StopTwice.class, "recoversOnce")
                .resolve("started-1-primary.json")
                .toFile());
    assertThat(kinds(report)).containsOnlyOnce("RECOVERED");
  }

  @Test
  void forgottenExperimentIsStoppedAndItsRecoveryAwaitedWhenTheTestEnds() throws IOException {
    runGuarded(ProgrammaticSteadyStateTestCase.Forgotten.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertAllStopped(1);
    assertThat(
            steadyStateOf(ProgrammaticSteadyStateTestCase.Forgotten.class, "leavesItRunning")
                .path("outcome")
                .asText())
        .isEqualTo("recovered");
  }
}
