package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.emulator.fis.FisExperiment;
import io.github.faultexperiment.fixtures.AwsOnlyTestCase;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lifecycle end to end on the FIS provider, against the emulator over signed HTTP. */
class AwsLifecycleTests extends LifecycleScenarios {
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
  void endExperimentsByThemselves() {
    // longer than the wait between polls can get (5 per second per experiment): a shorter fault
    // may end unseen between two polls, and the test would see an experiment that ended before
    // its fault was confirmed
    emulated
        .emulator()
        .fis()
        .timings(Emulated.FIS_TIMINGS.withActionDuration(Duration.ofMillis(1_500)));
  }

  @Override
  void injectSlowly() {
    emulated
        .emulator()
        .fis()
        .timings(Emulated.FIS_TIMINGS.withInitiatingToRunning(Duration.ofSeconds(5)));
  }

  @BeforeEach
  void createTemplateTargetingNothing() {
    emulated
        .emulator()
        .fis()
        .createTemplate(
            """
            {"description": "latency on nobody", "stopConditions": [{"source": "none"}],
             "targets": {"functions": {"resourceType": "aws:lambda:function",
               "resourceTags": {"chaos": "nobody"}, "selectionMode": "ALL"}},
             "actions": {"delay": {"actionId": "aws:lambda:invocation-add-delay",
               "parameters": {"startupDelayMilliseconds": "500", "invocationPercentage": "100"},
               "targets": {"Functions": "functions"}}},
             "roleArn": "arn:aws:iam::123456789012:role/fis", "tags": {"Name": "nothing-to-hit"}}
            """);
  }

  @Override
  @Test
  void bodyRunsWhileInjectedAndExperimentIsStoppedAfter() {
    super.bodyRunsWhileInjectedAndExperimentIsStoppedAfter();

    FisExperiment experiment = emulated.emulator().fis().experiments().get(0);
    assertThat(experiment.state()).isEqualTo("stopped");
    assertThat(experiment.tags())
        .containsKeys("faultexperiment:run", "faultexperiment:test")
        .containsEntry(
            "faultexperiment:test",
            "[engine:junit-jupiter]/[class:io.github.faultexperiment.fixtures.LifecycleTestCase$Succeeds]/[method:bodyRunsUnderTheFault(io.github.faultexperiment.ExperimentHandle)]");
  }

  @Override
  @Test
  void reportsAreWrittenAndPublished() throws Exception {
    super.reportsAreWrittenAndPublished();

    assertThat(
            Files.readString(
                emulated
                    .reportsOf(LifecycleTestCase.Succeeds.class, "bodyRunsUnderTheFault")
                    .resolve("primary.json")))
        .contains("\"finalState\" : \"stopped\"", "ACTION_STATE");
  }

  @Test
  void experimentFailingBeforeInjectionNamesTemplateIdStateAndReason() {
    run(AwsOnlyTestCase.NoTargets.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                finishedWithFailure(
                    instanceOf(ExperimentFailedException.class),
                    message(
                        m ->
                            m.contains("'nothing-to-hit'")
                                && m.contains("EXP")
                                && m.contains("state failed")
                                && m.contains("reason")))));

    assertNothingLeftRunning(1);
  }

  @Test
  void accountNotOnTheAllowListIsRefusedBeforeAnythingStarts() {
    run(LifecycleTestCase.Succeeds.class, Map.of(AwsProperties.ALLOWED_ACCOUNTS, "111111111111"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("bodyRunsUnderTheFault"),
                finishedWithFailure(
                    message(m -> m.contains("123456789012") && m.contains("111111111111")))));

    assertNothingLeftRunning(0);
  }

  @Test
  void wrongSecretIsRefusedWithTheServicesError() {
    run(LifecycleTestCase.Succeeds.class, Map.of(AwsProperties.SECRET_ACCESS_KEY, "not-the-secret"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("bodyRunsUnderTheFault"),
                finishedWithFailure(
                    instanceOf(CloudApiException.class), message(m -> m.contains("ignature")))));

    assertNothingLeftRunning(0);
  }

  @Test
  void embeddedModeStartsTheEmulatorAndLoadsTemplatesFromTheClasspath() {
    Map<String, String> parameters =
        Map.of(
            FaultExperimentProperties.EMULATOR,
            "embedded",
            FaultExperimentProperties.PROVIDER,
            "aws",
            FaultExperimentProperties.UNREACHED_FAULTS,
            "warn",
            FaultExperimentProperties.REPORT_DIR,
            emulated.reports().toString());

    emulated
        .run(AwsOnlyTestCase.Embedded.class, parameters)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(emulated.emulator().fis().experiments()).isEmpty();
  }

  @Test
  void embeddedModeFailsATestWhoseFaultReachesNoLocalTarget() {
    Map<String, String> parameters =
        Map.of(
            FaultExperimentProperties.EMULATOR,
            "embedded",
            FaultExperimentProperties.PROVIDER,
            "aws",
            FaultExperimentProperties.REPORT_DIR,
            emulated.reports().toString());

    emulated
        .run(AwsOnlyTestCase.Embedded.class, parameters)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(FaultExperimentException.class),
                    message(
                        m ->
                            m.contains("would not feel this fault")
                                && m.contains(
                                    "action 'delay' (aws:lambda:invocation-add-delay) UNREACHED:"
                                        + " no local target stands for"
                                        + " arn:aws:lambda:us-east-1:123456789012:function:checkout")
                                && m.contains("before the experiment starts")
                                // a Lambda function's target stands in front of an HTTP service
                                && m.contains("=http://HOST:PORT")
                                && !m.contains("tcp://")
                                && m.contains("Endpoints")
                                && m.contains("acknowledgeUnfelt = \"delay\"")))));
  }
}
