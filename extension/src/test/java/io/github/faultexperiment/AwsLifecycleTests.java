package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisExperiment;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.fixtures.AwsOnlyTestCase;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The lifecycle end to end on the FIS provider, against the emulator over signed HTTP. */
class AwsLifecycleTests {
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
  void createTemplates() {
    emulator.fis().timings(fast());
    emulator.fis().createTemplate(template("primary", "\"resourceArns\": [\"" + FUNCTION + "\"]"));
    emulator
        .fis()
        .createTemplate(template("secondary", "\"resourceArns\": [\"" + FUNCTION + "\"]"));
    emulator
        .fis()
        .createTemplate(template("nothing-to-hit", "\"resourceTags\": {\"chaos\": \"nobody\"}"));
  }

  @AfterEach
  void resetEmulator() {
    emulator.reset();
  }

  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:checkout";

  private static FisTimings fast() {
    return FisTimings.defaults()
        .withPendingToInitiating(Duration.ofMillis(30))
        .withInitiatingToRunning(Duration.ofMillis(50))
        .withStoppingToStopped(Duration.ofMillis(50));
  }

  private static String template(String name, String selection) {
    return """
        {"description": "latency on checkout", "stopConditions": [{"source": "none"}],
         "targets": {"functions": {"resourceType": "aws:lambda:function", %s, "selectionMode": "ALL"}},
         "actions": {"delay": {"actionId": "aws:lambda:invocation-add-delay",
           "parameters": {"startupDelayMilliseconds": "500", "invocationPercentage": "100"},
           "targets": {"Functions": "functions"}}},
         "roleArn": "arn:aws:iam::123456789012:role/fis", "tags": {"Name": "%s"}}
        """
        .formatted(selection, name);
  }

  private EngineExecutionResults run(Class<?> fixture, Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, "aws");
    parameters.put(FaultExperimentProperties.AWS_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.AWS_REGION, "us-east-1");
    parameters.put(FaultExperimentProperties.AWS_ACCESS_KEY_ID, "test");
    parameters.put(FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, "test");
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.STOP_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    parameters.putAll(extra);
    return EngineRuns.run(fixture, parameters, reports.resolve("published"));
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return run(fixture, Map.of());
  }

  private void assertNothingLeftRunning(int experimentsStarted) {
    assertThat(emulator.fis().activeExperiments()).isEmpty();
    assertThat(emulator.fis().experiments()).hasSize(experimentsStarted);
  }

  @Test
  void bodyRunsWhileInjectedAndExperimentIsStoppedAfter() {
    run(LifecycleTestCase.Succeeds.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftRunning(1);
    FisExperiment experiment = emulator.fis().experiments().get(0);
    assertThat(experiment.state()).isEqualTo("stopped");
    assertThat(experiment.tags())
        .containsKeys("faultexperiment:run", "faultexperiment:test")
        .containsEntry(
            "faultexperiment:test",
            "[engine:junit-jupiter]/[class:io.github.faultexperiment.fixtures.LifecycleTestCase$Succeeds]/[method:bodyRunsUnderTheFault(io.github.faultexperiment.ExperimentHandle)]");
  }

  @Test
  void failingBodyKeepsItsFailureAndStopsTheExperiment() {
    run(LifecycleTestCase.FailingBody.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("bodyFails"),
                finishedWithFailure(
                    instanceOf(AssertionError.class), message(m -> m.contains("survived")))));

    assertNothingLeftRunning(1);
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
  void experimentCompletingDuringTheBodyFailsTheTest() {
    emulator.fis().timings(fast().withActionDuration(Duration.ofMillis(300)));

    run(LifecycleTestCase.EarlyEnd.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("experimentEndsDuringBody"),
                finishedWithFailure(
                    instanceOf(ExperimentFailedException.class),
                    message(m -> m.contains("ended by itself while the test body ran")))));

    assertNothingLeftRunning(1);
  }

  @Test
  void experimentCompletingDuringTheBodyCanBeAllowed() {
    emulator.fis().timings(fast().withActionDuration(Duration.ofMillis(300)));

    run(LifecycleTestCase.EarlyEndAllowed.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftRunning(1);
  }

  @Test
  void injectionTimeoutStopsTheExperiment() {
    emulator.fis().timings(fast().withInitiatingToRunning(Duration.ofSeconds(5)));

    run(LifecycleTestCase.InjectionTimeout.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                finishedWithFailure(
                    instanceOf(InjectionTimeoutException.class),
                    message(m -> m.contains("was not injected within")))));

    assertNothingLeftRunning(1);
  }

  @Test
  void dryRunCompletesWithoutInjecting() {
    run(LifecycleTestCase.DryRun.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftRunning(1);
  }

  @Test
  void classLevelExperimentSpansAllTests() {
    run(LifecycleTestCase.ClassLevel.class).testEvents().assertStatistics(s -> s.succeeded(2));

    assertNothingLeftRunning(1);
  }

  @Test
  void repeatedAnnotationsInjectAllBeforeTheBody() {
    run(LifecycleTestCase.Repeated.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftRunning(2);
  }

  @Test
  void timeoutStopsTheFaultBeforeInterrupting() {
    run(LifecycleTestCase.TimesOut.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1, event(test("bodyHangs"), finishedWithFailure(instanceOf(TimeoutException.class))));

    assertNothingLeftRunning(1);
  }

  @Test
  void accountNotOnTheAllowListIsRefusedBeforeAnythingStarts() {
    run(
            LifecycleTestCase.Succeeds.class,
            Map.of(FaultExperimentProperties.AWS_ALLOWED_ACCOUNTS, "111111111111"))
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
    run(
            LifecycleTestCase.Succeeds.class,
            Map.of(FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, "not-the-secret"))
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
  void reportsAreWrittenAndPublished() throws Exception {
    run(LifecycleTestCase.Succeeds.class).testEvents().assertStatistics(s -> s.succeeded(1));

    Path json =
        reports
            .resolve(LifecycleTestCase.Succeeds.class.getName())
            .resolve("bodyRunsUnderTheFault")
            .resolve("primary.json");
    assertThat(Files.readString(json))
        .contains("\"provider\" : \"AWS\"", "\"finalState\" : \"stopped\"", "ACTION_STATE");
  }

  @Test
  void embeddedModeStartsTheEmulatorAndLoadsTemplatesFromTheClasspath() {
    Map<String, String> parameters =
        Map.of(
            FaultExperimentProperties.EMULATOR,
            "embedded",
            FaultExperimentProperties.REPORT_DIR,
            reports.toString());

    EngineRuns.run(AwsOnlyTestCase.Embedded.class, parameters, reports.resolve("published"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(emulator.fis().experiments()).isEmpty();
  }
}
