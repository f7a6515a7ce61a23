package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.fixtures.BadInputTestCase;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import io.github.faultexperiment.fixtures.SafetyTestCase;
import io.github.faultexperiment.gcp.GcpProperties;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Bad input, end to end: each case fails with a message naming the input and what would be valid,
 * and leaves nothing injected. The cases and messages are listed in docs/troubleshooting.md.
 */
class BadInputTests {
  private static final String UNSET = "<unset>";

  @RegisterExtension
  static final Emulated emulated = Emulated.withTemplates("primary", "secondary");

  /**
   * One bad input.
   *
   * @param name what is wrong
   * @param provider the provider configured
   * @param fixture the annotated fixture
   * @param parameters configuration overrides; {@link #UNSET} removes one
   * @param message fragments the message must contain
   */
  record Case(
      String name,
      Cloud provider,
      Class<?> fixture,
      Map<String, String> parameters,
      List<String> message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Class<?> plain = LifecycleTestCase.Succeeds.class;
    return Stream.of(
        new Case(
            "unknown template name (AWS)",
            Cloud.AWS,
            LifecycleTestCase.UnknownTemplate.class,
            Map.of(),
            List.of("no-such-template", "primary", "secondary")),
        new Case(
            "unknown template id (GCP)",
            Cloud.GCP,
            LifecycleTestCase.UnknownTemplate.class,
            Map.of(),
            List.of("no-such-template", "not found", "primary")),
        new Case(
            "malformed duration attribute",
            Cloud.AWS,
            LifecycleTestCase.BadAttribute.class,
            Map.of(),
            List.of("stopTimeout", "ten minutes", "PT30S")),
        new Case(
            "zero timeout parameter",
            Cloud.GCP,
            plain,
            Map.of(FaultExperimentProperties.INJECTION_TIMEOUT, "PT0S"),
            List.of(FaultExperimentProperties.INJECTION_TIMEOUT, "PT0S", "positive")),
        new Case(
            "negative timeout attribute",
            Cloud.AWS,
            BadInputTestCase.NegativeTimeout.class,
            Map.of(),
            List.of("injectionTimeout", "-PT5S", "positive")),
        new Case(
            "unknown provider attribute",
            Cloud.AWS,
            BadInputTestCase.UnknownProvider.class,
            Map.of(),
            List.of(
                "provider",
                "azure",
                "fault-experiment-azure",
                "Providers found: aws, chaos-mesh, gcp")),
        new Case(
            "unknown provider parameter",
            Cloud.AWS,
            plain,
            Map.of(FaultExperimentProperties.PROVIDER, "azure"),
            List.of(
                FaultExperimentProperties.PROVIDER,
                "azure",
                "fault-experiment-azure",
                "Providers found: aws, chaos-mesh, gcp")),
        new Case(
            "missing AWS region",
            Cloud.AWS,
            plain,
            Map.of(AwsProperties.REGION, UNSET),
            List.of(AwsProperties.REGION, "AWS_REGION")),
        new Case(
            "missing GCP project",
            Cloud.GCP,
            plain,
            Map.of(GcpProperties.PROJECT, UNSET),
            List.of(GcpProperties.PROJECT, "GOOGLE_CLOUD_PROJECT")),
        new Case(
            "missing GCP location",
            Cloud.GCP,
            plain,
            Map.of(GcpProperties.LOCATION, UNSET),
            List.of(GcpProperties.LOCATION)),
        new Case(
            "only half the static AWS credentials",
            Cloud.AWS,
            plain,
            Map.of(AwsProperties.SECRET_ACCESS_KEY, UNSET),
            List.of(AwsProperties.ACCESS_KEY_ID, AwsProperties.SECRET_ACCESS_KEY)),
        new Case(
            "bad signature (wrong secret)",
            Cloud.AWS,
            plain,
            Map.of(AwsProperties.SECRET_ACCESS_KEY, "not-the-secret"),
            List.of("InvalidSignatureException", "signature")),
        new Case(
            "account not on the allow-list",
            Cloud.AWS,
            plain,
            Map.of(AwsProperties.ALLOWED_ACCOUNTS, "111111111111"),
            List.of("123456789012", "111111111111", AwsProperties.ALLOWED_ACCOUNTS)),
        new Case(
            "project not on the allow-list",
            Cloud.GCP,
            plain,
            Map.of(GcpProperties.ALLOWED_PROJECTS, "other-project"),
            List.of("test-project", "other-project", GcpProperties.ALLOWED_PROJECTS)),
        new Case(
            "emulator unreachable (AWS)",
            Cloud.AWS,
            plain,
            Map.of(AwsProperties.ENDPOINT, "http://127.0.0.1:1"),
            List.of("http://127.0.0.1:1", "unreachable", AwsProperties.ENDPOINT)),
        new Case(
            "emulator unreachable (GCP)",
            Cloud.GCP,
            plain,
            Map.of(GcpProperties.ENDPOINT, "http://127.0.0.1:1"),
            List.of("127.0.0.1:1")),
        new Case(
            "malformed endpoint URL",
            Cloud.AWS,
            plain,
            Map.of(AwsProperties.ENDPOINT, "fis endpoint"),
            List.of(AwsProperties.ENDPOINT, "fis endpoint")),
        new Case(
            "annotation on a @BeforeEach method",
            Cloud.AWS,
            SafetyTestCase.OnSetUp.class,
            Map.of(),
            List.of("OnSetUp.setUp()", "not a test", "@Test")),
        new Case(
            "conflicting attributes (dryRun and awaitActions)",
            Cloud.AWS,
            BadInputTestCase.Conflicting.class,
            Map.of(),
            List.of("dryRun = true", "awaitActions", "Remove one")),
        new Case(
            "the same template twice on one test",
            Cloud.GCP,
            SafetyTestCase.SameTemplateTwice.class,
            Map.of(),
            List.of("primary", "twice")),
        new Case(
            "unknown action in awaitActions",
            Cloud.AWS,
            BadInputTestCase.UnknownAction.class,
            Map.of(),
            List.of("no-such-action", "delay")),
        new Case(
            "reserved tag key",
            Cloud.AWS,
            BadInputTestCase.ReservedTag.class,
            Map.of(),
            List.of("faultexperiment:owner=me", "reserved")),
        new Case(
            "malformed lease duration",
            Cloud.AWS,
            plain,
            Map.of(FaultExperimentProperties.LEASE_DURATION, "two minutes"),
            List.of(FaultExperimentProperties.LEASE_DURATION, "two minutes", "PT30S")),
        new Case(
            "sweep not a boolean",
            Cloud.GCP,
            plain,
            Map.of(FaultExperimentProperties.SWEEP, "sometimes"),
            List.of(FaultExperimentProperties.SWEEP, "sometimes", "true or false")),
        new Case(
            "zero active experiments allowed",
            Cloud.AWS,
            plain,
            Map.of(FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS, "0"),
            List.of(FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS, "'0'", "at least 1")),
        new Case(
            "unknown emulator mode",
            Cloud.AWS,
            plain,
            Map.of(FaultExperimentProperties.EMULATOR, "docker"),
            List.of(FaultExperimentProperties.EMULATOR, "docker", "embedded")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsNamingTheInputAndLeavesNothingInjected(Case bad) {
    Map<String, String> parameters = emulated.parameters(bad.provider());
    bad.parameters()
        .forEach(
            (key, value) -> {
              if (value.equals(UNSET)) {
                parameters.remove(key);
              } else {
                parameters.put(key, value);
              }
            });

    String message = failureMessages(emulated.run(bad.fixture(), parameters));

    assertThat(message).contains(bad.message());
    assertThat(emulated.leftRunning(Cloud.AWS)).isZero();
    assertThat(emulated.leftRunning(Cloud.GCP)).isZero();
  }

  @Test
  void anAmbiguousTemplateNameListsTheCandidates() {
    emulated.emulator().fis().createTemplate(Emulated.awsTemplate("primary"));

    String message =
        failureMessages(
            emulated.run(LifecycleTestCase.Succeeds.class, emulated.parameters(Cloud.AWS)));

    assertThat(message).contains("primary", "EXT");
    assertThat(emulated.experiments(Cloud.AWS)).isZero();
  }

  @Test
  void aQuotaThatStaysReachedFailsWithinTheInjectionTimeout() {
    List<String> others = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(ForeignExperiments.startFis(emulated.emulator().endpoint(), "secondary"));
    }
    Map<String, String> parameters = emulated.parameters(Cloud.AWS);
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT1S");

    String message = failureMessages(emulated.run(LifecycleTestCase.Succeeds.class, parameters));

    assertThat(message)
        .contains("'primary'", "quota of active experiments", "ServiceQuotaExceededException");
    assertThat(emulated.leftRunning(Cloud.AWS)).isEqualTo(5);
    others.forEach(id -> emulated.emulator().fis().endExperiment(id, "arn:aws:cloudwatch:test"));
  }

  private static String failureMessages(EngineExecutionResults results) {
    List<String> messages =
        results.allEvents().failed().stream()
            .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable())
            .flatMap(java.util.Optional::stream)
            .map(BadInputTests::messageChain)
            .toList();
    assertThat(messages).as("failures").isNotEmpty();
    return String.join("\n", messages);
  }

  private static String messageChain(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      chain.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
    }
    return chain.toString();
  }
}
