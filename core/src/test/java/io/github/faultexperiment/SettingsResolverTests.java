package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class SettingsResolverTests {

  private static final FaultProviderFactory AWS = new NamedOnly("aws");
  private static final FaultProviderFactory GCP = new NamedOnly("gcp");

  /** Both providers on the "classpath"; aws unless the parameters name another. */
  private static SettingsResolver resolver(Map<String, String> parameters) {
    Map<String, String> withProvider = new java.util.HashMap<>(parameters);
    withProvider.putIfAbsent("faultexperiment.provider", "aws");
    return new SettingsResolver(Configuration.of(withProvider, Map.of()), Providers.of(AWS, GCP));
  }

  /** Resolution only picks a factory; nothing here creates a provider. */
  private record NamedOnly(String id) implements FaultProviderFactory {
    @Override
    public String serviceName() {
      return id + " service";
    }

    @Override
    public FaultProvider create(ProviderContext context) {
      throw new UnsupportedOperationException("settings tests create no provider");
    }
  }

  private static FaultExperiment annotation(String method) {
    try {
      return Annotated.class.getDeclaredMethod(method).getAnnotation(FaultExperiment.class);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    ExperimentSettings settings =
        new SettingsResolver(Configuration.of(Map.of(), Map.of()), Providers.of(AWS))
            .experiment(annotation("plain"));

    assertThat(settings.template()).isEqualTo("checkout-az-outage");
    assertThat(settings.provider()).isSameAs(AWS);
    assertThat(settings.injectionTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.stopTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.awaitActions()).isEmpty();
    assertThat(settings.tags()).isEmpty();
    assertThat(settings.dryRun()).isFalse();
    assertThat(settings.allowEarlyEnd()).isFalse();
  }

  @Test
  void configurationParametersApplyWhenAttributesAreEmpty() {
    ExperimentSettings settings =
        resolver(
                Map.of(
                    "faultexperiment.provider", "GCP",
                    "faultexperiment.injection-timeout", "PT30S",
                    "faultexperiment.stop-timeout", "PT1M"))
            .experiment(annotation("plain"));

    assertThat(settings.provider()).isSameAs(GCP);
    assertThat(settings.injectionTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.stopTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void attributesWinOverConfigurationParameters() {
    ExperimentSettings settings =
        resolver(
                Map.of(
                    "faultexperiment.provider", "gcp",
                    "faultexperiment.injection-timeout", "PT30S"))
            .experiment(annotation("everything"));

    assertThat(settings.provider()).isSameAs(AWS);
    assertThat(settings.injectionTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.awaitActions()).containsExactly("cpu", "latency");
    assertThat(settings.tags())
        .containsExactly(Map.entry("team", "checkout"), Map.entry("env", "ci"));
    assertThat(settings.allowEarlyEnd()).isTrue();
  }

  @Test
  void runSettingsHaveDefaults() {
    RunSettings run = resolver(Map.of()).run();

    assertThat(run.enabled()).isTrue();
    assertThat(run.embedded()).isFalse();
    assertThat(run.reportDirectory()).isEqualTo(Path.of("target", "fault-experiments"));
  }

  @Test
  void runSettingsReadTheirParameters() {
    RunSettings run =
        resolver(
                Map.of(
                    "faultexperiment.enabled", "FALSE",
                    "faultexperiment.emulator", "embedded",
                    "faultexperiment.report-dir", "build/chaos"))
            .run();

    assertThat(run.enabled()).isFalse();
    assertThat(run.embedded()).isTrue();
    assertThat(run.reportDirectory()).isEqualTo(Path.of("build/chaos"));
  }

  @Test
  void malformedDurationNamesAttributeValueAndFormat() {
    assertThatThrownBy(() -> resolver(Map.of()).experiment(annotation("malformedDuration")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("@FaultExperiment(injectionTimeout)")
        .hasMessageContaining("'5 minutes'")
        .hasMessageContaining("PT5M");
  }

  @Test
  void zeroTimeoutIsRefused() {
    assertThatThrownBy(() -> resolver(Map.of()).experiment(annotation("zeroStopTimeout")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "@FaultExperiment(stopTimeout) = 'PT0S' is not valid: use a positive duration such as"
                + " PT30S or PT5M.");
  }

  @Test
  void negativeTimeoutParameterIsRefused() {
    assertThatThrownBy(
            () ->
                resolver(Map.of("faultexperiment.injection-timeout", "-PT1S"))
                    .experiment(annotation("plain")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "Configuration parameter faultexperiment.injection-timeout = '-PT1S' is not valid: use"
                + " a positive duration such as PT30S or PT5M.");
  }

  @Test
  void unknownProviderListsTheKnownOnes() {
    assertThatThrownBy(() -> resolver(Map.of()).experiment(annotation("unknownProvider")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("@FaultExperiment(provider) = 'azure'")
        .hasMessageContaining("io.github.faultexperiment:fault-experiment-azure")
        .hasMessageContaining("Providers found: aws, gcp");
  }

  @Test
  void unknownProviderParameterIsRefused() {
    assertThatThrownBy(
            () ->
                resolver(Map.of("faultexperiment.provider", "chaosmonkey"))
                    .experiment(annotation("plain")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment.provider = 'chaosmonkey'");
  }

  @Test
  void tagWithoutEqualsIsRefused() {
    assertThatThrownBy(() -> resolver(Map.of()).experiment(annotation("badTag")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("@FaultExperiment(tags) = 'team'")
        .hasMessageContaining("key=value");
  }

  @Test
  void reservedTagKeyIsRefused() {
    assertThatThrownBy(() -> resolver(Map.of()).experiment(annotation("reservedTag")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment:run=x")
        .hasMessageContaining("reserved");
  }

  @Test
  void blankTemplateIsRefused() {
    assertThatThrownBy(() -> resolver(Map.of()).experiment(annotation("blankTemplate")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("@FaultExperiment(template)");
  }

  @Test
  void dryRunWithAwaitActionsConflicts() {
    assertThatThrownBy(() -> resolver(Map.of()).experiment(annotation("conflicting")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("dryRun = true and awaitActions = [cpu]");
  }

  @Test
  void severalProvidersAndNoneNamedAsksToNameOne() {
    assertThatThrownBy(
            () ->
                new SettingsResolver(Configuration.of(Map.of(), Map.of()), Providers.of(AWS, GCP))
                    .experiment(annotation("plain")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("Several providers are on the test classpath (aws, gcp)")
        .hasMessageContaining("faultexperiment.provider");
  }

  @Test
  void noProviderModuleNamesTheArtifactsToAdd() {
    assertThatThrownBy(
            () ->
                new SettingsResolver(Configuration.of(Map.of(), Map.of()), Providers.of())
                    .experiment(annotation("plain")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("io.github.faultexperiment:fault-experiment-aws");
  }

  @Test
  void malformedProviderIdSaysWhatAnIdLooksLike() {
    assertThatThrownBy(
            () ->
                resolver(Map.of("faultexperiment.provider", "AWS FIS"))
                    .experiment(annotation("plain")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "Configuration parameter faultexperiment.provider = 'AWS FIS' is not valid: use a"
                + " provider id such as aws, gcp.");
  }

  @Test
  void unknownEmulatorModeIsRefused() {
    assertThatThrownBy(() -> resolver(Map.of("faultexperiment.emulator", "docker")).run())
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment.emulator = 'docker'")
        .hasMessageContaining("embedded");
  }

  @Test
  void enabledMustBeABoolean() {
    assertThatThrownBy(() -> resolver(Map.of("faultexperiment.enabled", "yes")).run())
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment.enabled = 'yes'")
        .hasMessageContaining("true or false");
  }

  @Test
  void unfeltActionsAreAcknowledgedByTheAttributeAndByTheParameterEntriesNamingTheTemplate() {
    String parameter = "other:cpu, checkout-az-outage:runbook ,checkout-az-outage:pause";

    AcknowledgedUnfelt byName =
        resolver(Map.of("faultexperiment.emulator.acknowledge-unfelt", parameter))
            .experiment(annotation("acknowledging"))
            .acknowledgedUnfelt();
    AcknowledgedUnfelt whole =
        resolver(Map.of("faultexperiment.emulator.acknowledge-unfelt", "checkout-az-outage"))
            .experiment(annotation("plain"))
            .acknowledgedUnfelt();
    AcknowledgedUnfelt none =
        resolver(Map.of()).experiment(annotation("plain")).acknowledgedUnfelt();

    assertThat(byName.actions()).containsExactly("stress", "runbook", "pause");
    assertThat(byName.covers("cpu")).isFalse();
    assertThat(whole.covers("anything")).isTrue();
    assertThat(none).isEqualTo(AcknowledgedUnfelt.NONE);
    assertThat(none.covers("runbook")).isFalse();
  }

  @Test
  void aMalformedAcknowledgementNamesTheParameterAndWhatIsValid() {
    assertThatThrownBy(
            () ->
                resolver(Map.of("faultexperiment.emulator.acknowledge-unfelt", "t:, :x"))
                    .experiment(annotation("plain")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment.emulator.acknowledge-unfelt")
        .hasMessageContaining("'t:'")
        .hasMessageContaining("TEMPLATE:ACTION");
    assertThatThrownBy(() -> resolver(Map.of()).experiment(annotation("blankAcknowledgement")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("@FaultExperiment(acknowledgeUnfelt)");
  }

  @SuppressWarnings("unused")
  static class Annotated {
    @FaultExperiment(template = "checkout-az-outage", acknowledgeUnfelt = "stress")
    void acknowledging() {}

    @FaultExperiment(template = "t", acknowledgeUnfelt = " ")
    void blankAcknowledgement() {}

    @FaultExperiment(template = "checkout-az-outage")
    void plain() {}

    @FaultExperiment(
        template = " checkout ",
        provider = "aws",
        injectionTimeout = "PT2S",
        stopTimeout = "PT3S",
        awaitActions = {"cpu", "latency"},
        tags = {"team=checkout", "env = ci"},
        allowEarlyEnd = true)
    void everything() {}

    @FaultExperiment(template = "t", injectionTimeout = "5 minutes")
    void malformedDuration() {}

    @FaultExperiment(template = "t", stopTimeout = "PT0S")
    void zeroStopTimeout() {}

    @FaultExperiment(template = "t", provider = "azure")
    void unknownProvider() {}

    @FaultExperiment(template = "t", tags = "team")
    void badTag() {}

    @FaultExperiment(template = "t", tags = "faultexperiment:run=x")
    void reservedTag() {}

    @FaultExperiment(template = " ")
    void blankTemplate() {}

    @FaultExperiment(template = "t", dryRun = true, awaitActions = "cpu")
    void conflicting() {}
  }
}
