package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.assertj.FaultAssertions;
import io.github.faultexperiment.fixtures.SteadyStateTestCase;
import io.github.faultexperiment.report.TimelineEvent;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@link FaultAssertions} on handles of real runs against the emulator: each assertion passing, and
 * failing with a message that names the experiment and quotes the timeline.
 */
// The SteadyStateTestCase fixtures take their service and hand back their handle through static
// fields, which FaultAssertionsTests and SteadyStateTests both set and read.
@ResourceLock("SteadyStateTestCase")
class FaultAssertionsTests {
  private static final String FUNCTION = Emulated.FUNCTION;
  private static final String RULE = Emulated.FORWARDING_RULE;

  @RegisterExtension static final Emulated emulated = Emulated.withTemplates("primary");

  @BeforeEach
  void forgetTheLastHandle() {
    SteadyStateTestCase.captured = null;
  }

  private ExperimentHandle runOn(Cloud provider, Class<?> fixture) {
    emulated.run(provider, fixture);
    assertThat(SteadyStateTestCase.captured).as("handle captured by " + fixture).isNotNull();
    return SteadyStateTestCase.captured;
  }

  private static void endExperimentsByThemselves() {
    // longer than the wait between polls can get (5 per second per experiment): a shorter fault
    // may end unseen between two polls, and the test would see an experiment that ended before
    // its fault was confirmed
    emulated
        .emulator()
        .fis()
        .timings(Emulated.FIS_TIMINGS.withActionDuration(Duration.ofMillis(1_500)));
  }

  @Test
  void aHealthyRunPassesEveryGateAssertion() {
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.RecoversAfterDelay.class);

    FaultAssertions.assertThat(experiment)
        .wasInjectedWithin(Duration.ofSeconds(10))
        .stayedInjectedThroughoutBody()
        .endedWith("stopped")
        .endedWithReason("stopped")
        .recoveredWithin(Duration.ofSeconds(10))
        .addresses(FUNCTION);
  }

  @Test
  void injectionSlowerThanTheLimitQuotesStartAndInjection() {
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.RecoversAfterDelay.class);

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
    endExperimentsByThemselves();
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.EndsDuringBody.class);

    assertThatThrownBy(() -> FaultAssertions.assertThat(experiment).stayedInjectedThroughoutBody())
        .hasMessageContaining(experiment.experimentId())
        .hasMessageContaining("to have stayed injected throughout the test body, but it changed")
        .hasMessageContaining("EXPERIMENT_STATE " + experiment.experimentId() + " completed");
  }

  @Test
  void wrongFinalStateOrReasonQuotesTheEnd() {
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.RecoversAfterDelay.class);

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
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.RecoversAfterDelay.class);
    ExperimentHandle stillRunning = new TimelineCut(experiment, TimelineEvent.Kind.BODY_ENDED);

    assertThatThrownBy(() -> FaultAssertions.assertThat(stillRunning).endedWith("stopped"))
        .hasMessageContaining("but it has not ended (yet)");
  }

  @Test
  void notRecoveringQuotesTheLastFailure() {
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.NeverRecovers.class);

    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).recoveredWithin(Duration.ofMinutes(1)))
        .hasMessageContaining("to have recovered within PT1M, but the steady state never came back")
        .hasMessageContaining("NOT_RECOVERED pricingIsHealthy failed")
        .hasMessageContaining("pricing broken by the test");
  }

  @Test
  void recoveringSlowerThanTheLimitSaysHowLongItTook() {
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.RecoversAfterDelay.class);

    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).recoveredWithin(Duration.ofMillis(1)))
        .hasMessageContaining("to have recovered within PT0.001S, but it took PT")
        .hasMessageContaining("RECOVERED pricingIsHealthy passed");
  }

  @Test
  void recoveryWithoutChecksSaysToAddOne() {
    endExperimentsByThemselves();
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.EndsDuringBody.class);

    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).recoveredWithin(Duration.ofMinutes(1)))
        .hasMessageContaining("it has no steady-state checks: annotate one with @SteadyState");
  }

  @Test
  void targetsNotNamedByTheExperimentAreListed() {
    ExperimentHandle experiment = runOn(Cloud.AWS, SteadyStateTestCase.RecoversAfterDelay.class);

    assertThatThrownBy(
            () ->
                FaultAssertions.assertThat(experiment)
                    .addresses(FUNCTION, "arn:aws:lambda:us-east-1:1:function:other"))
        .hasMessageContaining("but it addresses [" + FUNCTION + "]")
        .hasMessageContaining("missing [arn:aws:lambda:us-east-1:1:function:other]");
    assertThatThrownBy(() -> FaultAssertions.assertThat(experiment).addresses(RULE))
        .hasMessageContaining("missing [" + RULE + "]");
  }

  @Test
  void affectedResourcesOnGcpPassAndFail() {
    ExperimentHandle experiment = runOn(Cloud.GCP, SteadyStateTestCase.RecoversAfterDelay.class);

    FaultAssertions.assertThat(experiment)
        .wasInjectedWithin(Duration.ofSeconds(10))
        .stayedInjectedThroughoutBody()
        .endedWith("COMPLETED")
        .recoveredWithin(Duration.ofSeconds(10))
        .addresses("forwardingRules/checkout");
    assertThatThrownBy(
            () -> FaultAssertions.assertThat(experiment).addresses("forwardingRules/elsewhere"))
        .hasMessageContaining("experiment " + experiment.experimentId())
        .hasMessageContaining("missing [forwardingRules/elsewhere]")
        .hasMessageContaining("forwardingRules/checkout");
    assertThatThrownBy(() -> FaultAssertions.assertThat(experiment).addresses(FUNCTION))
        .hasMessageContaining("missing [" + FUNCTION + "]");
  }

  /** A handle whose timeline ends before the first event of a kind: the state during the body. */
  private record TimelineCut(ExperimentHandle handle, TimelineEvent.Kind before)
      implements ExperimentHandle {
    @Override
    public String provider() {
      return handle.provider();
    }

    @Override
    public java.util.List<String> addressedResources() {
      return handle.addressedResources();
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
    public io.github.faultexperiment.spi.Phase phase() {
      return handle.phase();
    }

    @Override
    public io.github.faultexperiment.spi.Outcome outcome() {
      return handle.outcome();
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
