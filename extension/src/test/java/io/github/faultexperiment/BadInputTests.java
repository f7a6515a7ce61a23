package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.fixtures.BadInputTestCase;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import io.github.faultexperiment.fixtures.SafetyTestCase;
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
      Provider provider,
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
            Provider.AWS,
            LifecycleTestCase.UnknownTemplate.class,
            Map.of(),
            List.of("no-such-template", "primary", "secondary")),
        new Case(
            "unknown template id (GCP)",
            Provider.GCP,
            LifecycleTestCase.UnknownTemplate.class,
            Map.of(),
            List.of("no-such-template", "not found", "primary")),
        new Case(
            "malformed duration attribute",
            Provider.AWS,
            LifecycleTestCase.BadAttribute.class,
            Map.of(),
            List.of("stopTimeout", "ten minutes", "PT30S")),
        new Case(
            "zero timeout parameter",
            Provider.GCP,
            plain,
            Map.of(FaultExperimentProperties.INJECTION_TIMEOUT, "PT0S"),
            List.of(FaultExperimentProperties.INJECTION_TIMEOUT, "PT0S", "positive")),
        new Case(
            "negative timeout attribute",
            Provider.AWS,
            BadInputTestCase.NegativeTimeout.class,
            Map.of(),
            List.of("injectionTimeout", "-PT5S", "positive")),
        new Case(
            "unknown provider attribute",
            Provider.AWS,
            BadInputTestCase.UnknownProvider.class,
            Map.of(),
            List.of("provider", "azure", "aws or gcp")),
        new Case(
            "unknown provider parameter",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.PROVIDER, "azure"),
            List.of(FaultExperimentProperties.PROVIDER, "azure", "aws or gcp")),
        new Case(
            "missing AWS region",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.AWS_REGION, UNSET),
            List.of(FaultExperimentProperties.AWS_REGION, "AWS_REGION")),
        new Case(
            "missing GCP project",
            Provider.GCP,
            plain,
            Map.of(FaultExperimentProperties.GCP_PROJECT, UNSET),
            List.of(FaultExperimentProperties.GCP_PROJECT, "GOOGLE_CLOUD_PROJECT")),
        new Case(
            "missing GCP location",
            Provider.GCP,
            plain,
            Map.of(FaultExperimentProperties.GCP_LOCATION, UNSET),
            List.of(FaultExperimentProperties.GCP_LOCATION)),
        new Case(
            "only half the static AWS credentials",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, UNSET),
            List.of(
                FaultExperimentProperties.AWS_ACCESS_KEY_ID,
                FaultExperimentProperties.AWS_SECRET_ACCESS_KEY)),
        new Case(
            "bad signature (wrong secret)",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, "not-the-secret"),
            List.of("InvalidSignatureException", "signature")),
        new Case(
            "account not on the allow-list",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.AWS_ALLOWED_ACCOUNTS, "111111111111"),
            List.of(
                "123456789012", "111111111111", FaultExperimentProperties.AWS_ALLOWED_ACCOUNTS)),
        new Case(
            "project not on the allow-list",
            Provider.GCP,
            plain,
            Map.of(FaultExperimentProperties.GCP_ALLOWED_PROJECTS, "other-project"),
            List.of(
                "test-project", "other-project", FaultExperimentProperties.GCP_ALLOWED_PROJECTS)),
        new Case(
            "emulator unreachable (AWS)",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.AWS_ENDPOINT, "http://127.0.0.1:1"),
            List.of("http://127.0.0.1:1", "unreachable", FaultExperimentProperties.AWS_ENDPOINT)),
        new Case(
            "emulator unreachable (GCP)",
            Provider.GCP,
            plain,
            Map.of(FaultExperimentProperties.GCP_ENDPOINT, "http://127.0.0.1:1"),
            List.of("127.0.0.1:1")),
        new Case(
            "malformed endpoint URL",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.AWS_ENDPOINT, "fis endpoint"),
            List.of(FaultExperimentProperties.AWS_ENDPOINT, "fis endpoint")),
        new Case(
            "annotation on a @BeforeEach method",
            Provider.AWS,
            SafetyTestCase.OnSetUp.class,
            Map.of(),
            List.of("OnSetUp.setUp()", "not a test", "@Test")),
        new Case(
            "conflicting attributes (dryRun and awaitActions)",
            Provider.AWS,
            BadInputTestCase.Conflicting.class,
            Map.of(),
            List.of("dryRun = true", "awaitActions", "Remove one")),
        new Case(
            "the same template twice on one test",
            Provider.GCP,
            SafetyTestCase.SameTemplateTwice.class,
            Map.of(),
            List.of("primary", "twice")),
        new Case(
            "unknown action in awaitActions",
            Provider.AWS,
            BadInputTestCase.UnknownAction.class,
            Map.of(),
            List.of("no-such-action", "delay")),
        new Case(
            "reserved tag key",
            Provider.AWS,
            BadInputTestCase.ReservedTag.class,
            Map.of(),
            List.of("faultexperiment:owner=me", "reserved")),
        new Case(
            "malformed lease duration",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.LEASE_DURATION, "two minutes"),
            List.of(FaultExperimentProperties.LEASE_DURATION, "two minutes", "PT30S")),
        new Case(
            "sweep not a boolean",
            Provider.GCP,
            plain,
            Map.of(FaultExperimentProperties.SWEEP, "sometimes"),
            List.of(FaultExperimentProperties.SWEEP, "sometimes", "true or false")),
        new Case(
            "zero active experiments allowed",
            Provider.AWS,
            plain,
            Map.of(FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS, "0"),
            List.of(FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS, "'0'", "at least 1")),
        new Case(
            "unknown emulator mode",
            Provider.AWS,
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
    assertThat(emulated.leftRunning(Provider.AWS)).isZero();
    assertThat(emulated.leftRunning(Provider.GCP)).isZero();
  }

  @Test
  void anAmbiguousTemplateNameListsTheCandidates() {
    emulated.emulator().fis().createTemplate(Emulated.awsTemplate("primary"));

    String message =
        failureMessages(
            emulated.run(LifecycleTestCase.Succeeds.class, emulated.parameters(Provider.AWS)));

    assertThat(message).contains("primary", "EXT");
    assertThat(emulated.experiments(Provider.AWS)).isZero();
  }

  @Test
  void aQuotaThatStaysReachedFailsWithinTheInjectionTimeout() {
    List<String> others = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(
          io.github.faultexperiment.aws.ForeignExperiments.start(
              emulated.emulator().endpoint(), "secondary"));
    }
    Map<String, String> parameters = emulated.parameters(Provider.AWS);
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT1S");

    String message = failureMessages(emulated.run(LifecycleTestCase.Succeeds.class, parameters));

    assertThat(message)
        .contains("'primary'", "quota of active experiments", "ServiceQuotaExceededException");
    assertThat(emulated.leftRunning(Provider.AWS)).isEqualTo(5);
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
