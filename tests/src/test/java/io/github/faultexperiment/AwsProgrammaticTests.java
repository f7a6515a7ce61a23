package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.emulator.fis.FisExperiment;
import io.github.faultexperiment.fixtures.ProgrammaticTestCase;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@link FaultInjection} end to end on the FIS provider, against the emulator over signed HTTP. */
@ResourceLock("ProgrammaticTestCase.emulator")
class AwsProgrammaticTests extends ProgrammaticScenarios {
  @RegisterExtension
  static final Emulated emulated = Emulated.withTemplates("primary", "secondary");

  @Override
  Emulated emulated() {
    return emulated;
  }

  @Override
  Cloud provider() {
    return Cloud.AWS;
  }

  @Override
  String stoppedState() {
    return "stopped";
  }

  @Override
  void assertAllStopped(int experimentsStarted) {
    emulated.assertNothingLeftRunning();
    assertThat(emulated.emulator().fis().experiments())
        .hasSize(experimentsStarted)
        .extracting(FisExperiment::state)
        .containsOnly("stopped");
  }

  private void endExperimentsByThemselves() {
    // longer than the wait between polls can get (5 per second per experiment): a shorter fault
    // may end unseen between two polls, and the test would see an experiment that ended before
    // its fault was confirmed
    emulated
        .emulator()
        .fis()
        .timings(Emulated.FIS_TIMINGS.withActionDuration(Duration.ofMillis(1_500)));
  }

  @Override
  @Test
  void duringRunsTheBlockUnderTheFaultAndStopsAfter() throws IOException {
    super.duringRunsTheBlockUnderTheFaultAndStopsAfter();

    assertThat(emulated.emulator().fis().experiments().get(0).tags())
        .containsEntry(
            "faultexperiment:test",
            "[engine:junit-jupiter]/[class:io.github.faultexperiment.fixtures.ProgrammaticTestCase$During]/[method:blockRunsUnderTheFault()]");
  }

  @Override
  @Test
  void stopTwiceStopsOnce() {
    super.stopTwiceStopsOnce();

    assertThat(emulated.emulator().fis().requestCount("StopExperiment")).isEqualTo(1);
  }

  @Test
  void experimentEndingByItselfDuringTheBlockFailsTheTest() {
    endExperimentsByThemselves();

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

    emulated.assertNothingLeftRunning();
  }

  @Test
  void awaitEndedWaitsForTheExperimentToEndByItself() {
    endExperimentsByThemselves();

    run(ProgrammaticTestCase.AwaitEnded.class).testEvents().assertStatistics(s -> s.succeeded(1));

    emulated.assertNothingLeftRunning();
    assertThat(emulated.emulator().fis().experiments())
        .extracting(FisExperiment::state)
        .containsExactly("completed");
    assertThat(emulated.emulator().fis().requestCount("StopExperiment")).isZero();
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

    assertThat(emulated.emulator().fis().experiments()).isEmpty();
  }
}
