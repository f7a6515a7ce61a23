package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.LocalTarget;
import io.github.faultexperiment.fixtures.SteadyStateTestCase;
import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

/**
 * The steady-state discipline end to end against the emulator: checks before (abort, nothing
 * started), probing under the fault (deviations recorded), recovery after (pass or fail with the
 * time awaited), on FIS and Fault Testing.
 */
// The SteadyStateTestCase fixtures take their service and hand back their handle through static
// fields, which FaultAssertionsTests and SteadyStateTests both set and read.
@ResourceLock("SteadyStateTestCase")
class SteadyStateTests {
  static final String PRICING_ARN = "arn:aws:lambda:us-east-1:123456789012:function:pricing";
  static final String PRICING_RULE =
      "projects/test-project/regions/us-central1/forwardingRules/pricing";

  @RegisterExtension static final Emulated emulated = Emulated.withTemplates();

  private static HttpServer pricing;
  private static LocalTarget lambdaTarget;
  private static LocalTarget ruleTarget;

  @BeforeAll
  static void startPricing() throws IOException {
    pricing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pricing.createContext(
        "/",
        exchange -> {
          byte[] body = "42.00".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    pricing.start();
    URI upstream = URI.create("http://127.0.0.1:" + pricing.getAddress().getPort());
    lambdaTarget = emulated.emulator().localTargets().lambda(PRICING_ARN, upstream);
    ruleTarget = emulated.emulator().localTargets().forwardingRule(PRICING_RULE, upstream);
  }

  @AfterAll
  static void stopPricing() {
    pricing.stop(0);
  }

  @BeforeEach
  void createTemplates() {
    FaultEmulator emulator = emulated.emulator();
    emulator.fis().createTemplate(fisTemplate("primary", "aws:lambda:invocation-add-delay"));
    emulator.fis().createTemplate(fisTemplate("pricing-errors", "aws:lambda:invocation-error"));
    emulator
        .faultTesting()
        .createTemplate(Emulated.PROJECT, Emulated.LOCATION, "primary", gcpTemplate());
    emulator
        .faultTesting()
        .createTemplate(Emulated.PROJECT, Emulated.LOCATION, "pricing-errors", gcpTemplate());
    SteadyStateTestCase.captured = null;
  }

  private static String fisTemplate(String name, String actionId) {
    return """
        {"description": "pricing fault", "stopConditions": [{"source": "none"}],
         "targets": {"functions": {"resourceType": "aws:lambda:function",
           "resourceArns": ["%s"], "selectionMode": "ALL"}},
         "actions": {"fault": {"actionId": "%s",
           "parameters": {"startupDelayMilliseconds": "10", "invocationPercentage": "100",
             "preventExecution": "true"},
           "targets": {"Functions": "functions"}}},
         "roleArn": "arn:aws:iam::123456789012:role/fis", "tags": {"Name": "%s"}}
        """
        .formatted(PRICING_ARN, actionId, name);
  }

  private static String gcpTemplate() {
    return """
        {"displayName": "pricing abort", "duration": "600s",
         "action": {"l7LbHttpFault": {"forwardingRule": "%s",
           "abort": {"percentage": 100, "statusCode": 503}}}}
        """
        .formatted(PRICING_RULE);
  }

  private EngineExecutionResults aws(Class<?> fixture, Map<String, String> extra) {
    SteadyStateTestCase.service = lambdaTarget.uri();
    return run(Cloud.AWS, fixture, extra);
  }

  private EngineExecutionResults gcp(Class<?> fixture, Map<String, String> extra) {
    SteadyStateTestCase.service = ruleTarget.uri();
    return run(Cloud.GCP, fixture, extra);
  }

  private EngineExecutionResults run(Cloud provider, Class<?> fixture, Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.STEADY_STATE_TIMEOUT, "PT0.3S");
    parameters.putAll(extra);
    return emulated.run(provider, fixture, parameters);
  }

  private JsonNode report(Class<?> fixture, String method, String template) throws IOException {
    Path json = emulated.reportsOf(fixture, method).resolve(template + ".json");
    return new ObjectMapper().readTree(Files.readString(json));
  }

  @Test
  void systemNotInSteadyStateAbortsTheTestAndStartsNothingOnAws() throws IOException {
    aws(SteadyStateTestCase.NotSteady.class, Map.of())
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                abortedWithReason(
                    instanceOf(TestAbortedException.class),
                    message(
                        m ->
                            m.contains("not in its steady state (pricingIsHealthy)")
                                && m.contains("no experiment was started")
                                && m.contains("pricing health")))));

    assertThat(emulated.emulator().fis().experiments()).isEmpty();
    JsonNode report = report(SteadyStateTestCase.NotSteady.class, "neverRuns", "primary");
    assertThat(report.path("experimentId").asText()).isEmpty();
    assertThat(report.path("steadyState").path("outcome").asText())
        .isEqualTo("not in steady state");
  }

  @Test
  void systemNotInSteadyStateAbortsTheTestAndStartsNothingOnGcp() {
    gcp(SteadyStateTestCase.NotSteady.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.aborted(1).failed(0).succeeded(0));

    assertThat(emulated.emulator().faultTesting().experiments()).isEmpty();
  }

  @Test
  void systemNotRecoveringFailsWithTheTimeAwaitedAndTheLastFailure() throws IOException {
    aws(SteadyStateTestCase.NeverRecovers.class, Map.of())
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
                                && m.contains(SteadyStateTestCase.captured.experimentId())))));

    assertThat(emulated.emulator().fis().activeExperiments()).isEmpty();
    JsonNode steadyState =
        report(SteadyStateTestCase.NeverRecovers.class, "breaksForGood", "primary")
            .path("steadyState");
    assertThat(steadyState.path("outcome").asText()).isEqualTo("not recovered");
    assertThat(steadyState.path("recoveryAwaited").asText()).startsWith("PT");
    assertThat(steadyState.path("timeToRecover").isNull()).isTrue();
  }

  @Test
  void systemRecoveringAfterADelayPassesWithTheRecoveryTimeReported() throws IOException {
    aws(SteadyStateTestCase.RecoversAfterDelay.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    JsonNode report =
        report(SteadyStateTestCase.RecoversAfterDelay.class, "needsTimeToRecover", "primary");
    JsonNode steadyState = report.path("steadyState");
    assertThat(steadyState.path("checks").asText()).isEqualTo("pricingIsHealthy");
    assertThat(steadyState.path("outcome").asText()).isEqualTo("recovered");
    assertThat(steadyState.path("verifiedAt").asText()).isNotEmpty();
    assertThat(Duration.parse(steadyState.path("timeToRecover").asText())).isPositive();
    assertThat(report.toString()).contains("STEADY_STATE_VERIFIED", "RECOVERED");
    String html =
        Files.readString(
            emulated
                .reportsOf(SteadyStateTestCase.RecoversAfterDelay.class, "needsTimeToRecover")
                .resolve("primary.html"));
    assertThat(html).contains("Time to recover", "class=\"bar recovering\"", "recovered in ");
  }

  @Test
  void probingUnderTheFaultRecordsDeviationsWithoutFailingOnAws() throws IOException {
    aws(SteadyStateTestCase.ProbedUnderFault.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(lambdaTarget.counters().aborted()).isPositive();
    JsonNode report =
        report(
            SteadyStateTestCase.ProbedUnderFault.class,
            "deviationIsRecordedNotFailed",
            "pricing-errors");
    assertThat(report.path("steadyState").path("deviations").asInt()).isPositive();
    assertThat(report.path("steadyState").path("outcome").asText()).isEqualTo("recovered");
    assertThat(report.toString()).contains("DEVIATION", "status of GET");
  }

  @Test
  void probingUnderTheFaultRecordsDeviationsWithoutFailingOnGcp() {
    gcp(SteadyStateTestCase.ProbedUnderFault.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(ruleTarget.counters().aborted()).isPositive();
    assertThat(SteadyStateTestCase.captured.timeline())
        .extracting(TimelineEvent::kind)
        .containsSubsequence(
            Kind.STEADY_STATE_VERIFIED, Kind.INJECTED, Kind.DEVIATION, Kind.ENDED, Kind.RECOVERED);
    assertThat(emulated.emulator().faultTesting().activeExperiments()).isEmpty();
  }

  @Test
  void onlyTheNamedChecksApply() {
    aws(SteadyStateTestCase.SelectedChecks.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void unknownCheckNameIsRefusedListingTheChecks() {
    aws(SteadyStateTestCase.UnknownCheck.class, Map.of())
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("[nosuch]") && m.contains("[healthy]")))));

    assertThat(emulated.emulator().fis().experiments()).isEmpty();
  }

  @Test
  void probingWithoutChecksIsRefused() {
    aws(SteadyStateTestCase.ProbeWithoutChecks.class, Map.of())
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("probeDuringFault")))));
  }

  @Test
  void malformedRecoveryTimeoutPropertyIsRefused() {
    aws(
            SteadyStateTestCase.RecoversAfterDelay.class,
            Map.of(FaultExperimentProperties.STEADY_STATE_TIMEOUT, "ten seconds"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("needsTimeToRecover"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(FaultExperimentProperties.STEADY_STATE_TIMEOUT)
                                && m.contains("ISO-8601")))));

    assertThat(emulated.emulator().fis().experiments()).isEmpty();
  }

  @Test
  void classLevelExperimentIsGuardedAroundTheWholeClass() throws IOException {
    aws(SteadyStateTestCase.ClassLevel.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(2));

    assertThat(emulated.emulator().fis().experiments()).hasSize(1);
    Path json =
        emulated.reportsOf(SteadyStateTestCase.ClassLevel.class, "class").resolve("primary.json");
    JsonNode steadyState = new ObjectMapper().readTree(Files.readString(json)).path("steadyState");
    assertThat(steadyState.path("outcome").asText()).isEqualTo("recovered");
  }
}
