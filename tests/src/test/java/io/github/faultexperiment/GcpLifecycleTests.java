package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.emulator.gcp.FaultTestingExperiment;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

/** The lifecycle end to end on the Fault Testing provider, against the emulator over HTTP. */
class GcpLifecycleTests extends LifecycleScenarios {
  @RegisterExtension
  static final Emulated emulated = Emulated.withTemplates("primary", "secondary");

  @Override
  Emulated emulated() {
    return emulated;
  }

  @Override
  Cloud provider() {
    return Cloud.GCP;
  }

  @Override
  void endExperimentsByThemselves() {
    // longer than the wait between polls can get (5 per second per experiment): a shorter fault
    // may end unseen between two polls, and the test would see an experiment that ended before
    // its fault was confirmed
    emulated
        .emulator()
        .faultTesting()
        .timings(Emulated.FAULT_TESTING_TIMINGS.withMaxInjection(Duration.ofMillis(1_500)));
  }

  @Override
  void injectSlowly() {
    FaultTestingTimings fast = Emulated.FAULT_TESTING_TIMINGS;
    emulated
        .emulator()
        .faultTesting()
        .timings(
            new FaultTestingTimings(
                fast.preparing(), Duration.ofSeconds(5), fast.reverting(), null));
  }

  @Override
  @Test
  void bodyRunsWhileInjectedAndExperimentIsStoppedAfter() {
    super.bodyRunsWhileInjectedAndExperimentIsStoppedAfter();

    FaultTestingExperiment record = emulated.emulator().faultTesting().experiments().get(0);
    assertThat(record.startTime()).isNotNull();
    assertThat(record.endReason()).isEqualTo("CANCELLED");
  }

  @Override
  @Test
  void dryRunCompletesWithoutInjecting() {
    super.dryRunCompletesWithoutInjecting();

    assertThat(emulated.emulator().faultTesting().requestCount("validations.create")).isEqualTo(1);
  }

  @Override
  int experimentsOfADryRun() {
    return 0;
  }

  @Test
  void createsWithAnIdAndDisplayNameNamingTheTest() {
    run(LifecycleTestCase.Succeeds.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(finishedSuccessfully()));

    assertThat(emulated.emulator().faultTesting().experiments())
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
  void dryRunIsTheServicesValidationAndPreparesNothing() {
    run(LifecycleTestCase.DryRun.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(finishedSuccessfully()));

    assertThat(emulated.emulator().faultTesting().experiments()).isEmpty();
    assertThat(emulated.emulator().faultTesting().requestCount("experiments.stop")).isZero();
  }

  @Test
  void activeExclusionWindowAbortsTheTestNamingItsEndAndCreatesNothing() {
    String window =
        ExclusionWindows.activate(
            emulated.emulator().endpoint(),
            "projects/" + Emulated.PROJECT + "/locations/" + Emulated.LOCATION,
            "release-freeze");

    run(LifecycleTestCase.Succeeds.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                abortedWithReason(
                    instanceOf(TestAbortedException.class),
                    message(
                        m ->
                            m.contains(window)
                                && m.contains("is active until")
                                && m.contains("Run the test again after")))));

    // looked for before create: nothing was prepared, so nothing can be left behind
    assertThat(emulated.emulator().faultTesting().experiments()).isEmpty();
    assertThat(emulated.emulator().faultTesting().requestCount("experiments.create")).isZero();
  }

  /**
   * A window activated while the service prepares the experiment: the service refuses its :start,
   * and the test is aborted naming the window; the experiment was never started.
   */
  @Test
  void exclusionWindowActivatedDuringPreparationAbortsTheTest() throws Exception {
    FaultTestingTimings fast = Emulated.FAULT_TESTING_TIMINGS;
    emulated
        .emulator()
        .faultTesting()
        .timings(
            new FaultTestingTimings(
                Duration.ofMillis(1_500), fast.injecting(), fast.reverting(), null));
    CompletableFuture<EngineExecutionResults> run =
        CompletableFuture.supplyAsync(() -> run(LifecycleTestCase.Succeeds.class));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !emulated.emulator().faultTesting().experiments().isEmpty());
    String window =
        ExclusionWindows.activate(
            emulated.emulator().endpoint(),
            "projects/" + Emulated.PROJECT + "/locations/" + Emulated.LOCATION,
            "late-freeze");

    run.get()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                abortedWithReason(
                    instanceOf(TestAbortedException.class),
                    message(m -> m.contains(window) && m.contains("is active until")))));
    assertThat(emulated.emulator().faultTesting().experiments())
        .singleElement()
        .satisfies(
            experiment -> {
              assertThat(experiment.state()).isEqualTo("PREPARED");
              assertThat(experiment.startTime()).isNull();
            });
  }

  @Test
  void exclusionWindowsBlockNoDryRun() {
    ExclusionWindows.activate(
        emulated.emulator().endpoint(),
        "projects/" + Emulated.PROJECT + "/locations/" + Emulated.LOCATION,
        "release-freeze");

    // a dry run is the service's validation, which starts nothing; no window blocks it
    run(LifecycleTestCase.DryRun.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(finishedSuccessfully()));
  }

  @Test
  void badAttributeFailsBeforeAnyCall() {
    run(LifecycleTestCase.BadAttribute.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("@FaultExperiment(stopTimeout) = 'ten minutes'")))));

    assertThat(emulated.emulator().faultTesting().requestCounts()).isEmpty();
  }
}
