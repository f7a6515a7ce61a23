package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.local.LocalTargetCounters;
import io.github.faultexperiment.fixtures.FeltFaultsTestCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * In embedded mode no unfelt fault passes: a fault action that reaches no local target fails its
 * test before the body, one whose local target the application never used fails it after, each
 * naming the action, why, and how to give it a local effect or acknowledge it; an acknowledged one
 * passes and is recorded as such. And the local effects are those of the cloud: latency delays an
 * answer once, and a failover's resets count in the experiment's counters.
 */
// The fixtures keep what they saw in static fields: one run of them at a time.
@ResourceLock("FeltFaultsTestCase")
class FeltFaultsTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  @BeforeEach
  void reset() {
    FeltFaultsTestCase.reset();
  }

  @Test
  void aCustomSsmAutomationFailsBeforeTheBodyNamingTheActionAndHowToGiveItAnEffect() {
    run(FeltFaultsTestCase.CustomAutomation.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.failed(1))
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    m ->
                        m.contains("from template 'embedded-automation'")
                            && m.contains("stopped before the test body ran")
                            && m.contains(
                                "action 'runbook' (aws:ssm:start-automation-execution)"
                                    + " NO_LOCAL_EFFECT")
                            && m.contains("DynamoDB-Region-Impairment-Automation")
                            && m.contains("To give it a local effect:")
                            && m.contains(
                                "@FaultExperiment(template = \"embedded-automation\","
                                    + " acknowledgeUnfelt = \"runbook\")")
                            && m.contains(
                                "faultexperiment.emulator.acknowledge-unfelt="
                                    + "embedded-automation:runbook")
                            // a wait is no fault: nothing to say about it
                            && !m.contains("'pause'"))));
    assertThat(FeltFaultsTestCase.bodyRan).isFalse();
  }

  @Test
  void anAcknowledgedActionPassesAndTheReportSaysItWasNotFelt() throws IOException {
    run(FeltFaultsTestCase.AcknowledgedAutomation.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    assertThat(FeltFaultsTestCase.bodyRan).isTrue();
    JsonNode reach = report(FeltFaultsTestCase.AcknowledgedAutomation.class).path("reach");
    assertThat(verdict(reach, "runbook")).isEqualTo("not felt, acknowledged");
    assertThat(verdict(reach, "pause")).isEqualTo("not a fault");
  }

  @Test
  void theParameterAcknowledgesPerTemplateAndAction() {
    run(
            FeltFaultsTestCase.CustomAutomation.class,
            Map.of(
                FaultExperimentProperties.ACKNOWLEDGE_UNFELT,
                "other-template, embedded-automation:runbook"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(FeltFaultsTestCase.bodyRan).isTrue();

    FeltFaultsTestCase.reset();
    run(
            FeltFaultsTestCase.CustomAutomation.class,
            Map.of(FaultExperimentProperties.ACKNOWLEDGE_UNFELT, "embedded-automation"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(FeltFaultsTestCase.bodyRan).isTrue();

    FeltFaultsTestCase.reset();
    run(
            FeltFaultsTestCase.CustomAutomation.class,
            Map.of(FaultExperimentProperties.ACKNOWLEDGE_UNFELT, "other-template:runbook"))
        .testEvents()
        .assertStatistics(s -> s.failed(1));
    assertThat(FeltFaultsTestCase.bodyRan).isFalse();
  }

  @Test
  void experimentsStartedFromCodeFollowTheSameRuleAndAcknowledgePerTemplate() {
    run(FeltFaultsTestCase.Programmatic.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(1))
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    m ->
                        m.contains("action 'runbook' (aws:ssm:start-automation-execution)")
                            && m.contains("acknowledge"))));
    assertThat(FeltFaultsTestCase.bodyRan).isFalse();
    assertThat(FeltFaultsTestCase.acknowledgedBodyRan).isTrue();
  }

  @Test
  void anAcknowledgementNamingNoActionOfTheTemplateFailsNamingTheActions() {
    run(FeltFaultsTestCase.MisnamedAcknowledgement.class, Map.of())
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    m ->
                        m.contains("acknowledgeUnfelt names [run-book]")
                            && m.contains("has the actions [pause, runbook]"))));
    assertThat(FeltFaultsTestCase.bodyRan).isFalse();
  }

  @Test
  void aRegisteredTargetTheApplicationNeverUsedFailsTheTestAfterItsBody() throws IOException {
    run(FeltFaultsTestCase.RegisteredButUnused.class, Map.of())
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    m ->
                        m.contains("did not feel this fault")
                            && m.contains("action 'delay' (aws:lambda:invocation-add-delay)")
                            && m.contains(
                                "reached the local target "
                                    + FeltFaultsTestCase.CHECKOUT_FUNCTION
                                    + " at http://127.0.0.1:")
                            && m.contains("the application never used the target's address")
                            && m.contains("Endpoints")
                            && m.contains("@BeforeEach")
                            && m.contains("before the experiment starts"))));
    assertThat(FeltFaultsTestCase.bodyRan).isTrue();
    JsonNode reach = report(FeltFaultsTestCase.RegisteredButUnused.class).path("reach");
    assertThat(verdict(reach, "delay")).isEqualTo("not felt");
  }

  @Test
  void networkLatencyDelaysAnAnswerWrittenInTwoChunksOnce() throws IOException {
    run(FeltFaultsTestCase.TwoChunkAnswer.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    // 3 s from each chunk's arrival, the second 300 ms after the first: ~3.3 s, not 6.
    assertThat(FeltFaultsTestCase.took)
        .isBetween(Duration.ofMillis(3_000), Duration.ofMillis(4_500));
    LocalTargetCounters counters = FeltFaultsTestCase.counters;
    assertThat(counters.delayed()).isPositive().isLessThanOrEqualTo(counters.requests());
    JsonNode reach = report(FeltFaultsTestCase.TwoChunkAnswer.class).path("reach");
    assertThat(verdict(reach, "latency")).isEqualTo("felt");
  }

  @Test
  void aFailoverOfAConnectionOpenedInBeforeEachCountsInTheExperimentsAborted() {
    run(FeltFaultsTestCase.FailoverOfAConnectionFromBeforeEach.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    // The connection from @BeforeEach, reset by the failover: one connection, aborted once.
    assertThat(FeltFaultsTestCase.counters).isEqualTo(new LocalTargetCounters(1, 0, 1, 1, 0));
  }

  @Test
  void connectionsOpenedOnlyDuringAFailoverFailInTheApplicationAndCountAsFelt() throws IOException {
    run(FeltFaultsTestCase.ConnectsOnlyDuringAFailover.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    // Both attempts reached the target, met the failover and were reset: felt, though no
    // connection ever got through.
    assertThat(FeltFaultsTestCase.bodyRan).isTrue();
    assertThat(FeltFaultsTestCase.counters).isEqualTo(new LocalTargetCounters(2, 0, 2, 0, 0));
    JsonNode reach = report(FeltFaultsTestCase.ConnectsOnlyDuringAFailover.class).path("reach");
    assertThat(verdict(reach, "failover")).isEqualTo("felt");
  }

  private EngineExecutionResults run(Class<?> fixture, Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.EMULATOR, "embedded");
    parameters.put(FaultExperimentProperties.PROVIDER, "aws");
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    parameters.putAll(extra);
    return EngineRuns.run(fixture, parameters, reports.resolve("published"));
  }

  private JsonNode report(Class<?> fixture) throws IOException {
    try (var files = Files.walk(reports.resolve(fixture.getName()))) {
      Path json =
          files
              .filter(file -> file.getFileName().toString().endsWith(".json"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("No report under " + reports));
      return JSON.readTree(json.toFile());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String verdict(JsonNode reach, String action) {
    for (JsonNode entry : reach) {
      if (entry.path("action").asText().equals(action)) {
        return entry.path("verdict").asText();
      }
    }
    throw new AssertionError("No action " + action + " in " + reach);
  }
}
