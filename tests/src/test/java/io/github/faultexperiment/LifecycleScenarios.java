package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventType;

/**
 * The {@code @FaultExperiment} lifecycle end to end against the emulator: the same fixtures and the
 * same expectations on every provider. A subclass per provider says how to make that provider's
 * emulator end an experiment early or inject slowly, and adds what only it has.
 */
abstract class LifecycleScenarios {
  /**
   * The subclass's harness, {@code Emulated.withTemplates("primary", "secondary")}: declared there,
   * not here, so that the two providers' classes never share an emulator.
   */
  abstract Emulated emulated();

  /** The provider these scenarios run on. */
  abstract Cloud provider();

  /** Makes the emulator end every experiment by itself shortly after injecting its fault. */
  abstract void endExperimentsByThemselves();

  /** Makes the emulator take seconds to inject, longer than the fixtures' injection timeout. */
  abstract void injectSlowly();

  EngineExecutionResults run(Class<?> fixture) {
    return emulated().run(provider(), fixture);
  }

  EngineExecutionResults run(Class<?> fixture, Map<String, String> extra) {
    return emulated().run(provider(), fixture, extra);
  }

  void assertNothingLeftRunning(int experimentsStarted) {
    emulated().assertNothingLeftRunning();
    assertThat(emulated().experiments(provider())).isEqualTo(experimentsStarted);
  }

  @Test
  void bodyRunsWhileInjectedAndExperimentIsStoppedAfter() {
    run(LifecycleTestCase.Succeeds.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftRunning(1);
  }

  @Test
  void oneInfoLinePerExperimentAndTheStatesAtDebug() {
    Logger lifecycle = Logger.getLogger("io.github.faultexperiment.ExperimentLifecycle");
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler recorder =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    recorder.setLevel(Level.ALL);
    Level before = lifecycle.getLevel();
    lifecycle.setLevel(Level.ALL);
    lifecycle.addHandler(recorder);
    try {
      run(LifecycleTestCase.Succeeds.class).testEvents().assertStatistics(s -> s.succeeded(1));
    } finally {
      lifecycle.removeHandler(recorder);
      lifecycle.setLevel(before);
    }

    // One INFO line per experiment, with its times; the rest is detail at DEBUG (FINE). Other test
    // classes run experiments in this JVM at the same time and log through the same logger: only
    // the lines naming this emulator's experiment are this test's.
    List<String> ours = emulated().experimentIds(provider());
    assertThat(ours).hasSize(1);
    assertThat(records)
        .filteredOn(record -> record.getLevel() == Level.INFO)
        .filteredOn(record -> ours.stream().anyMatch(record.getMessage()::contains))
        .extracting(LogRecord::getMessage)
        .singleElement()
        .asString()
        .matches(
            "Experiment \\S+ from template 'primary': started [0-9:.]+, injected \\+[0-9.]+ s,"
                + " ended \\+[0-9.]+ s: .+");
    assertThat(records)
        .filteredOn(record -> record.getLevel() == Level.FINE)
        .extracting(LogRecord::getMessage)
        .anyMatch(message -> message.startsWith("Started experiment "))
        .anyMatch(message -> message.matches("Experiment \\S+ is \\S+.*"))
        .anyMatch(message -> message.matches("Experiment \\S+ injected: .*"))
        .anyMatch(message -> message.matches("Experiment \\S+ action \\S+ is .*"));
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

    assertNothingLeftRunning(1);
  }

  @Test
  void experimentEndingDuringTheBodyFailsTheTest() {
    endExperimentsByThemselves();

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

    assertNothingLeftRunning(1);
  }

  @Test
  void experimentEndingDuringTheBodyCanBeAllowed() {
    endExperimentsByThemselves();

    run(LifecycleTestCase.EarlyEndAllowed.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftRunning(1);
  }

  @Test
  void injectionTimeoutStopsTheExperiment() {
    injectSlowly();

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

    assertNothingLeftRunning(1);
  }

  @Test
  void dryRunCompletesWithoutInjecting() {
    run(LifecycleTestCase.DryRun.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftRunning(experimentsOfADryRun());
  }

  /** Experiments a dry run creates: FIS one (skip-all); Fault Testing none (a validation). */
  int experimentsOfADryRun() {
    return 1;
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
  void composedAnnotationWorks() {
    run(LifecycleTestCase.Composed.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertNothingLeftRunning(1);
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

    assertNothingLeftRunning(0);
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
  void disabledSkipsChaosTestsWithAReason() {
    run(LifecycleTestCase.Succeeds.class, Map.of(FaultExperimentProperties.ENABLED, "false"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1, event(skippedWithReason(r -> r.contains("faultexperiment.enabled = false"))));

    assertNothingLeftRunning(0);
  }

  @Test
  void testsTheAnnotationDoesNotApplyToRunUntouchedWhereTheExtensionIsRegistered() {
    run(WholeClassRegistrationTestCase.class, Map.of(FaultExperimentProperties.ENABLED, "false"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).skipped(1))
        .assertThatEvents()
        .haveExactly(1, event(test("plain"), finishedSuccessfully()));
    assertNothingLeftRunning(0);

    run(WholeClassRegistrationTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));
    assertNothingLeftRunning(1);
  }

  @Test
  void reportsAreWrittenAndPublished() throws Exception {
    EngineExecutionResults results = run(LifecycleTestCase.Succeeds.class);

    Path directory =
        emulated().reportsOf(LifecycleTestCase.Succeeds.class, "bodyRunsUnderTheFault");
    assertThat(directory.resolve("primary.json")).exists();
    assertThat(Files.readString(directory.resolve("primary.json")))
        .contains(
            "\"provider\" : \"" + provider().id() + "\"",
            "\"outcome\" : \"passed\"",
            "BODY_STARTED",
            "INJECTED");
    assertThat(Files.readString(directory.resolve("primary.html"))).contains("<!DOCTYPE html>");
    assertThat(results.testEvents().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED))
        .hasSize(1);
    assertThat(results.testEvents().filter(e -> e.getType() == EventType.FILE_ENTRY_PUBLISHED))
        .hasSize(2);
    try (var published = Files.walk(emulated().reports().resolve("published"))) {
      assertThat(published.map(p -> p.getFileName().toString()))
          .contains("primary.json", "primary.html");
    }
  }
}
