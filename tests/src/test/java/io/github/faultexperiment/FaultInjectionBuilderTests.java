package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.aws.AwsProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder checks each value when it is set, naming the method and what would be valid. */
class FaultInjectionBuilderTests {

  @Test
  void zeroOrNegativeTimeoutsAreRefused() {
    assertThatThrownBy(() -> FaultInjection.builder().injectionTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("injectionTimeout(PT0S)")
        .hasMessageContaining("positive duration");
    assertThatThrownBy(() -> FaultInjection.builder().stopTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stopTimeout(PT-1S)");
  }

  @Test
  void reservedAndOversizedTagsAreRefused() {
    assertThatThrownBy(() -> FaultInjection.builder().tags(Map.of("faultexperiment:run", "mine")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'faultexperiment:run=mine'")
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> FaultInjection.builder().tags(Map.of("team", "x".repeat(257))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 256");
  }

  @Test
  void onlyConnectionParametersCanBeSetPerInstance() {
    assertThatThrownBy(
            () ->
                FaultInjection.builder()
                    .configurationParameter(FaultExperimentProperties.REPORT_DIR, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(FaultExperimentProperties.REPORT_DIR)
        .hasMessageContaining("faultexperiment.<provider id>.<name>");
    assertThatThrownBy(
            () -> FaultInjection.builder().configurationParameter(AwsProperties.REGION, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-blank");
  }

  @Test
  void providerNeedsAnId() {
    assertThatThrownBy(() -> FaultInjection.builder().provider(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provider([ ])")
        .hasMessageContaining("provider id");
  }

  @Test
  void steadyStateSettingsAreCheckedWhenSet() {
    assertThatThrownBy(() -> FaultInjection.builder().steadyState("healthy", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steadyState([healthy,  ])")
        .hasMessageContaining("@SteadyState methods");
    assertThatThrownBy(() -> FaultInjection.builder().recoveryTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recoveryTimeout(PT0S)")
        .hasMessageContaining("positive duration");
    assertThatThrownBy(() -> FaultInjection.builder().probeInterval(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probeInterval(null)");
  }

  @Test
  void toStringShowsTheSteadyStateSettings() {
    FaultInjection chaos =
        FaultInjection.builder()
            .steadyState("healthy")
            .steadyState("fast", "healthy")
            .recoveryTimeout(Duration.ofSeconds(20))
            .probeDuringFault(true)
            .build();

    assertThat(chaos.toString())
        .contains("steadyState=[healthy, fast]", "recoveryTimeout=PT20S", "probeDuringFault=true");
  }

  @Test
  void toStringNeverShowsParameterValues() {
    FaultInjection chaos =
        FaultInjection.builder()
            .provider("gcp")
            .configurationParameter(AwsProperties.SECRET_ACCESS_KEY, "s3cr3t")
            .build();

    assertThat(chaos.toString())
        .contains("provider=gcp", AwsProperties.SECRET_ACCESS_KEY)
        .doesNotContain("s3cr3t");
  }

  @Test
  void callsOutsideATestSayWhereToCallFrom() {
    FaultInjection chaos = FaultInjection.builder().build();

    assertThatThrownBy(() -> chaos.mark("baseline"))
        .isInstanceOf(FaultExperimentException.class)
        .hasMessageContaining("mark(\"baseline\")")
        .hasMessageContaining("@RegisterExtension");
  }
}
