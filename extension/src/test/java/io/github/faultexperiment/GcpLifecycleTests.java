package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.ExperimentRecord;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
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
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventType;

/** The lifecycle end to end on the Fault Testing provider, against the emulator over HTTP. */
class GcpLifecycleTests {
  private static final String PROJECT = "test-project";
  private static final String LOCATION = "us-central1";
  private static final String TEMPLATE =
      """
      {"displayName": "LB abort", "duration": "600s",
       "action": {"l7LbHttpFault": {
         "forwardingRule": "projects/test-project/regions/us-central1/forwardingRules/checkout",
         "backendService": "projects/test-project/regions/us-central1/backendServices/pricing",
         "abort": {"percentage": 50, "statusCode": 503}}}}
      """;

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
    emulator.faultTesting().timings(FaultTestingTimings.of(Duration.ofMillis(50)));
    emulator.faultTesting().createTemplate(PROJECT, LOCATION, "primary", TEMPLATE);
    emulator.faultTesting().createTemplate(PROJECT, LOCATION, "secondary", TEMPLATE);
  }

  @AfterEach
  void resetEmulator() {
    emulator.reset();
  }

  private EngineExecutionResults run(Class<?> fixture, Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, "gcp");
    parameters.put(FaultExperimentProperties.GCP_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.GCP_PROJECT, PROJECT);
    parameters.put(FaultExperimentProperties.GCP_LOCATION, LOCATION);
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.STOP_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    parameters.putAll(extra);
    return EngineRuns.run(fixture, parameters, reports.resolve("published"));
  }

  private EngineExecutionResults run(Class<?> fixture) {
    return run(fixture, Map.of());
  }

  private void assertNothingLeftInjected(int experimentsStarted) {
    assertThat(emulator.faultTesting().activeExperiments()).isEmpty();
    assertThat(emulator.faultTesting().experiments()).hasSize(experimentsStarted);
  }

  @Test
  void bodyRunsWhileInjectedAndExperimentIsStoppedAfter() {
    run(LifecycleTestCase.Succeeds.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftInjected(1);
    ExperimentRecord record = emulator.faultTesting().experiments().get(0);
    assertThat(record.startTime()).isNotNull();
    assertThat(record.endReason()).isEqualTo("CANCELLED");
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

    assertNothingLeftInjected(1);
  }

  @Test
  void exceptionFromBodyIsKeptAndExperimentStopped() {
    run(LifecycleTestCase.Throwing.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("bodyThrows"),
                finishedWithFailure(
                    instanceOf(IllegalStateException.class), message("boom from the body"))));

    assertNothingLeftInjected(1);
  }

  @Test
  void experimentEndingDuringTheBodyFailsTheTest() {
    emulator
        .faultTesting()
        .timings(
            FaultTestingTimings.of(Duration.ofMillis(50)).withMaxInjection(Duration.ofMillis(300)));

    run(LifecycleTestCase.EarlyEnd.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("experimentEndsDuringBody"),
                finishedWithFailure(
                    instanceOf(ExperimentFailedException.class),
                    message(
                        m ->
                            m.contains("ended by itself while the test body ran")
                                && m.contains("primary")))));

    assertNothingLeftInjected(1);
  }

  @Test
  void experimentEndingDuringTheBodyCanBeAllowed() {
    emulator
        .faultTesting()
        .timings(
            FaultTestingTimings.of(Duration.ofMillis(50)).withMaxInjection(Duration.ofMillis(300)));

    run(LifecycleTestCase.EarlyEndAllowed.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftInjected(1);
  }

  @Test
  void dryRunNeverInjects() {
    run(LifecycleTestCase.DryRun.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftInjected(1);
    assertThat(emulator.faultTesting().experiments().get(0).startTime()).isNull();
  }

  @Test
  void classLevelExperimentSpansAllTests() {
    run(LifecycleTestCase.ClassLevel.class).testEvents().assertStatistics(s -> s.succeeded(2));

    assertNothingLeftInjected(1);
  }

  @Test
  void repeatedAnnotationsInjectAllBeforeTheBody() {
    run(LifecycleTestCase.Repeated.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftInjected(2);
  }

  @Test
  void composedAnnotationWorks() {
    run(LifecycleTestCase.Composed.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftInjected(1);
  }

  @Test
  void unknownTemplateFailsBeforeAnythingStarts() {
    run(LifecycleTestCase.UnknownTemplate.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                finishedWithFailure(
                    instanceOf(FaultExperimentException.class),
                    message(m -> m.contains("no-such-template")))));

    assertNothingLeftInjected(0);
  }

  @Test
  void injectionTimeoutStopsTheExperiment() {
    emulator
        .faultTesting()
        .timings(
            new FaultTestingTimings(
                Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofMillis(50), null));

    run(LifecycleTestCase.InjectionTimeout.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                finishedWithFailure(
                    instanceOf(InjectionTimeoutException.class),
                    message(m -> m.contains("was not injected within") && m.contains("polls")))));

    assertNothingLeftInjected(1);
  }

  @Test
  void timeoutStopsTheFaultBeforeInterrupting() {
    run(LifecycleTestCase.TimesOut.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1, event(test("bodyHangs"), finishedWithFailure(instanceOf(TimeoutException.class))));

    assertNothingLeftInjected(1);
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

    assertThat(emulator.faultTesting().requestCounts()).isEmpty();
  }

  @Test
  void disabledSkipsChaosTestsWithAReason() {
    run(LifecycleTestCase.Succeeds.class, Map.of(FaultExperimentProperties.ENABLED, "false"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1, event(skippedWithReason(r -> r.contains("faultexperiment.enabled = false"))));

    assertNothingLeftInjected(0);
  }

  @Test
  void testsTheAnnotationDoesNotApplyToRunUntouchedWhereTheExtensionIsRegistered() {
    run(WholeClassRegistrationTestCase.class, Map.of(FaultExperimentProperties.ENABLED, "false"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).skipped(1))
        .assertThatEvents()
        .haveExactly(1, event(test("plain"), finishedSuccessfully()));
    assertNothingLeftInjected(0);

    run(WholeClassRegistrationTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));
    assertNothingLeftInjected(1);
  }

  @Test
  void reportsAreWrittenAndPublished() throws Exception {
    EngineExecutionResults results = run(LifecycleTestCase.Succeeds.class);

    Path directory =
        reports
            .resolve(LifecycleTestCase.Succeeds.class.getName())
            .resolve("bodyRunsUnderTheFault");
    assertThat(directory.resolve("primary.json")).exists();
    assertThat(Files.readString(directory.resolve("primary.json")))
        .contains("\"provider\" : \"GCP\"", "\"outcome\" : \"passed\"", "BODY_STARTED", "INJECTED");
    assertThat(Files.readString(directory.resolve("primary.html"))).contains("<!DOCTYPE html>");
    assertThat(results.testEvents().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED))
        .hasSize(1);
    assertThat(results.testEvents().filter(e -> e.getType() == EventType.FILE_ENTRY_PUBLISHED))
        .hasSize(2);
    try (var published = Files.walk(reports.resolve("published"))) {
      assertThat(published.map(p -> p.getFileName().toString()))
          .contains("primary.json", "primary.html");
    }
  }
}
