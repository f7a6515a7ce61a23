package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
import io.github.faultexperiment.fixtures.SteadyStateTestCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FaultAssertions} on handles of real runs against the emulator: each assertion passing, and
 * failing with a message that names the experiment and quotes the timeline.
 */
class FaultAssertionsTests {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:checkout";
  private static final String RULE =
      "projects/test-project/regions/us-central1/forwardingRules/checkout";

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
    emulator
        .fis()
        .createTemplate(
            """
            {"description": "latency", "stopConditions": [{"source": "none"}],
             "targets": {"functions": {"resourceType": "aws:lambda:function",
               "resourceArns": ["%s"], "selectionMode": "ALL"}},
             "actions": {"delay": {"actionId": "aws:lambda:invocation-add-delay",
               "parameters": {"startupDelayMilliseconds": "10"},
               "targets": {"Functions": "functions"}}},
             "roleArn": "arn:aws:iam::123456789012:role/fis", "tags": {"Name": "primary"}}
            """
                .formatted(FUNCTION));
    emulator.faultTesting().timings(FaultTestingTimings.of(Duration.ofMillis(50)));
    emulator
        .faultTesting()
        .createTemplate(
            "test-project",
            "us-central1",
            "primary",
            """
            {"displayName": "LB abort", "duration": "600s",
             "action": {"l7LbHttpFault": {"forwardingRule": "%s",
               "abort": {"percentage": 50, "statusCode": 503}}}}
            """
                .formatted(RULE));
    SteadyStateTestCase.captured = null;
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

  private ExperimentHandle runOn(String provider, Class<?> fixture) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, provider);
    parameters.put(FaultExperimentProperties.AWS_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.AWS_REGION, "us-east-1");
    parameters.put(FaultExperimentProperties.AWS_ACCESS_KEY_ID, "test");
    parameters.put(FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, "test");
    parameters.put(FaultExperimentProperties.GCP_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.GCP_PROJECT, "test-project");
    parameters.put(FaultExperimentProperties.GCP_LOCATION, "us-central1");
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.STOP_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    EngineRuns.run(fixture, parameters, reports.resolve("published"));
    assertThat(SteadyStateTestCase.captured).as("handle captured by " + fixture).isNotNull();
    return SteadyStateTestCase.captured;
  }

  @Test
  void aHealthyRunPassesEveryGateAssertion() {
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.RecoversAfterDelay.class);

    FaultAssertions.assertThat(experiment)
        .wasInjectedWithin(Duration.ofSeconds(10))
        .stayedInjectedThroughoutBody()
        .endedWith("stopped")
        .endedWithReason("stopped")
        .recoveredWithin(Duration.ofSeconds(10))
        .hasResolvedTargets(FUNCTION);
  }

  @Test
  void injectionSlowerThanTheLimitQuotesStartAndInjection() {
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.RecoversAfterDelay.class);

    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).wasInjectedWithin(Duration.ofNanos(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expected experiment " + experiment.experimentId() + " from template 'primary'")
        .hasMessageContaining("to be injected within PT0.000000001S, but it took")
        .hasMessageContaining("START_REQUESTED")
        .hasMessageContaining("INJECTED " + experiment.experimentId() + " running");
  }

  @Test
  void experimentEndingDuringTheBodyFailsStayedInjectedQuotingTheChange() {
    emulator.fis().timings(fast().withActionDuration(Duration.ofMillis(300)));
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.EndsDuringBody.class);

    assertThatThrownBy(() -> FaultAssertions.assertThat(experiment).stayedInjectedThroughoutBody())
        .hasMessageContaining(experiment.experimentId())
        .hasMessageContaining("to have stayed injected throughout the test body, but it changed")
        .hasMessageContaining("EXPERIMENT_STATE " + experiment.experimentId() + " completed");
  }

  @Test
  void wrongFinalStateOrReasonQuotesTheEnd() {
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.RecoversAfterDelay.class);

    assertThatThrownBy(() -> FaultAssertions.assertThat(experiment).endedWith("completed"))
        .hasMessageContaining("to have ended with state completed, but it ended stopped")
        .hasMessageContaining("STOP_REQUESTED")
        .hasMessageContaining("ENDED " + experiment.experimentId() + " stopped");
    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).endedWithReason("stop condition"))
        .hasMessageContaining("to have ended with a reason containing 'stop condition'")
        .hasMessageContaining("ENDED " + experiment.experimentId());
  }

  @Test
  void endAssertionsInTheBodySayItHasNotEnded() {
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.RecoversAfterDelay.class);
    ExperimentHandle stillRunning = new TimelineCut(experiment, TimelineEvent.Kind.BODY_ENDED);

    assertThatThrownBy(() -> FaultAssertions.assertThat(stillRunning).endedWith("stopped"))
        .hasMessageContaining("but it has not ended (yet)");
  }

  @Test
  void notRecoveringQuotesTheLastFailure() {
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.NeverRecovers.class);

    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).recoveredWithin(Duration.ofMinutes(1)))
        .hasMessageContaining("to have recovered within PT1M, but the steady state never came back")
        .hasMessageContaining("NOT_RECOVERED pricingIsHealthy failed")
        .hasMessageContaining("pricing broken by the test");
  }

  @Test
  void recoveringSlowerThanTheLimitSaysHowLongItTook() {
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.RecoversAfterDelay.class);

    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).recoveredWithin(Duration.ofMillis(1)))
        .hasMessageContaining("to have recovered within PT0.001S, but it took PT")
        .hasMessageContaining("RECOVERED pricingIsHealthy passed");
  }

  @Test
  void recoveryWithoutChecksSaysToAddOne() {
    emulator.fis().timings(fast().withActionDuration(Duration.ofMillis(300)));
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.EndsDuringBody.class);

    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).recoveredWithin(Duration.ofMinutes(1)))
        .hasMessageContaining("it has no steady-state checks: annotate one with @SteadyState");
  }

  @Test
  void targetsNotNamedByTheExperimentAreListed() {
    ExperimentHandle experiment = runOn("aws", SteadyStateTestCase.RecoversAfterDelay.class);

    assertThatThrownBy(
            () ->
                FaultAssertions.assertThat(experiment)
                    .hasResolvedTargets(FUNCTION, "arn:aws:lambda:us-east-1:1:function:other"))
        .hasMessageContaining("but it targets [" + FUNCTION + "]")
        .hasMessageContaining("missing [arn:aws:lambda:us-east-1:1:function:other]");
    assertThatThrownBy(() -> FaultAssertions.assertThat(experiment).hasAffectedResources(RULE))
        .hasMessageContaining("hasAffectedResources applies to GCP experiments");
  }

  @Test
  void affectedResourcesOnGcpPassAndFail() {
    ExperimentHandle experiment = runOn("gcp", SteadyStateTestCase.RecoversAfterDelay.class);

    FaultAssertions.assertThat(experiment)
        .wasInjectedWithin(Duration.ofSeconds(10))
        .stayedInjectedThroughoutBody()
        .endedWith("COMPLETED")
        .recoveredWithin(Duration.ofSeconds(10))
        .hasAffectedResources("forwardingRules/checkout");
    assertThatThrownBy(
            () ->
                FaultAssertions.assertThat(experiment)
                    .hasAffectedResources("forwardingRules/elsewhere"))
        .hasMessageContaining("experiment " + experiment.experimentId())
        .hasMessageContaining("missing [forwardingRules/elsewhere]")
        .hasMessageContaining("forwardingRules/checkout");
    assertThatThrownBy(() -> FaultAssertions.assertThat(experiment).hasResolvedTargets(FUNCTION))
        .hasMessageContaining("hasResolvedTargets applies to AWS experiments");
  }

  /** A handle whose timeline ends before the first event of a kind: the state during the body. */
  private record TimelineCut(ExperimentHandle handle, TimelineEvent.Kind before)
      implements ExperimentHandle {
    @Override
    public Provider provider() {
      return handle.provider();
    }

    @Override
    public String template() {
      return handle.template();
    }

    @Override
    public String templateId() {
      return handle.templateId();
    }

    @Override
    public String experimentId() {
      return handle.experimentId();
    }

    @Override
    public String resourceName() {
      return handle.resourceName();
    }

    @Override
    public String state() {
      return handle.state();
    }

    @Override
    public java.time.Instant injectedAt() {
      return handle.injectedAt();
    }

    @Override
    public boolean dryRun() {
      return handle.dryRun();
    }

    @Override
    public java.util.List<TimelineEvent> timeline() {
      return handle.timeline().stream().takeWhile(event -> event.kind() != before).toList();
    }
  }
}
