package io.github.faultexperiment.gcp;

import static io.github.faultexperiment.gcp.GcpTestSupport.LB_ABORT;
import static io.github.faultexperiment.gcp.GcpTestSupport.LOCATION;
import static io.github.faultexperiment.gcp.GcpTestSupport.PARENT;
import static io.github.faultexperiment.gcp.GcpTestSupport.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.ExperimentNotAllowedException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.gcp.FaultTestingEmulator;
import io.github.faultexperiment.emulator.gcp.FaultTestingExperiment;
import io.github.faultexperiment.providertests.ProviderContexts;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.ServiceReport;
import io.github.faultexperiment.spi.StartRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpFaultProviderTests {
  private static final GcpSettings.CredentialsSource ADC_NOT_EXPECTED =
      () -> {
        throw new AssertionError("no credentials may be looked up for an http:// endpoint");
      };

  private static FaultEmulator emulator;
  private static FaultTestingEmulator faultTesting;
  private GcpFaultProvider provider;
  private String template;

  @BeforeAll
  static void startEmulator() {
    emulator = FaultEmulator.builder().start();
    faultTesting = emulator.faultTesting();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void setUp() {
    faultTesting.timings(GcpTestSupport.FAST);
    template = faultTesting.createTemplate(PROJECT, LOCATION, "lb-abort", LB_ABORT);
    provider = provider(Map.of());
  }

  @AfterEach
  void tearDown() {
    provider.close();
    assertThat(faultTesting.activeExperiments())
        .as("experiments left active by the test")
        .allSatisfy(e -> assertThat(e.state()).isIn("PREPARING", "PREPARED"));
    emulator.reset();
  }

  @Test
  void isTheGcpProvider() {
    assertThat(new GcpProviderFactory().id()).isEqualTo("gcp");
    assertThat(provider.serviceReport(null, Path.of("target"))).isEqualTo(ServiceReport.NONE);
  }

  // --- access and templates

  @Test
  void allowListMustContainTheProject() {
    provider(Map.of(GcpSettings.ALLOWED_PROJECTS, "emulator-project,other-project")).verifyAccess();

    try (GcpFaultProvider refused =
        provider(Map.of(GcpSettings.ALLOWED_PROJECTS, "prod-a, prod-b"))) {
      assertThatThrownBy(refused::verifyAccess)
          .isInstanceOf(FaultExperimentException.class)
          .hasMessageContaining("'emulator-project'")
          .hasMessageContaining("faultexperiment.gcp.allowed-projects [prod-a, prod-b]");
    }
  }

  @Test
  void resolvesAShortIdInTheConfiguredLocation() {
    ResolvedTemplate resolved = provider.resolveTemplate("lb-abort");

    assertThat(resolved.reference()).isEqualTo("lb-abort");
    assertThat(resolved.id()).isEqualTo(template);
    assertThat(resolved.name()).isEqualTo("LB abort");
    assertThat(resolved.description()).isEqualTo("Half the checkout requests fail");
    assertThat(resolved.details()).containsEntry("duration", "600s").containsKey("action");
  }

  @Test
  void resolvesAFullNameInAnotherLocation() {
    String elsewhere =
        faultTesting.createTemplate(PROJECT, "europe-west4", "lb-abort-eu", LB_ABORT);

    ResolvedTemplate resolved = provider.resolveTemplate(elsewhere);
    ExperimentSnapshot started = provider.start(resolved, request("Tests.elsewhere", false));

    assertThat(resolved.id()).isEqualTo(elsewhere);
    assertThat(started.resourceName())
        .startsWith("projects/emulator-project/locations/europe-west4/experiments/");
    assertThat(provider.describe(started.id()).resourceName()).isEqualTo(started.resourceName());
    provider.stop(started.id());
  }

  @Test
  void unknownTemplateListsTheExistingOnes() {
    faultTesting.createTemplate(PROJECT, LOCATION, "gke-fail", GcpTestSupport.LB_ABORT);

    assertThatThrownBy(() -> provider.resolveTemplate("lb-delay"))
        .isInstanceOf(FaultExperimentException.class)
        .hasMessageContaining("'lb-delay' not found")
        .hasMessageContaining(PARENT)
        .hasMessageContaining("lb-abort")
        .hasMessageContaining("gke-fail");
  }

  @Test
  void malformedReferencesAndForeignProjectsAreRefused() {
    assertThatThrownBy(() -> provider.resolveTemplate("Bad Template!"))
        .isInstanceOf(FaultExperimentException.class)
        .hasMessageContaining("'Bad Template!'")
        .hasMessageContaining("projects/{project}/locations/{location}/experimentTemplates/{id}");
    try (GcpFaultProvider allowListed = provider(Map.of(GcpSettings.ALLOWED_PROJECTS, PROJECT))) {
      assertThatThrownBy(
              () ->
                  allowListed.resolveTemplate(
                      "projects/prod-project/locations/us-central1/experimentTemplates/lb-abort"))
          .isInstanceOf(FaultExperimentException.class)
          .hasMessageContaining("'prod-project'")
          .hasMessageContaining("allowed-projects");
    }
  }

  // --- endpoints and credentials

  @Test
  void emulatorHostVariableIsUsedAndNoAuthorizationIsSentOverHttp() {
    faultTesting.requireBearerToken("adc-token");
    Configuration configuration =
        Configuration.of(
            Map.of(GcpSettings.PROJECT, PROJECT, GcpSettings.LOCATION, LOCATION),
            Map.of(GcpSettings.EMULATOR_HOST, "127.0.0.1:" + emulator.port()));
    GcpSettings.CredentialsSource adcWithTheRightToken =
        () -> GoogleCredentials.create(new AccessToken("adc-token", null));

    try (GcpFaultProvider overHttp =
        GcpFaultProvider.create(
            ProviderContexts.of(configuration),
            adcWithTheRightToken,
            GcpTestSupport.FAST_RETRIES)) {
      // The emulator demands the token, and the provider never looked it up nor sent it.
      assertThatThrownBy(() -> overHttp.resolveTemplate("lb-abort"))
          .isInstanceOfSatisfying(
              CloudApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo("UNAUTHENTICATED");
                assertThat(e.getMessage()).contains("127.0.0.1:" + emulator.port());
              });
    }
    faultTesting.requireBearerToken(null);
    try (GcpFaultProvider overHttp =
        GcpFaultProvider.create(
            ProviderContexts.of(configuration), ADC_NOT_EXPECTED, GcpTestSupport.FAST_RETRIES)) {
      assertThat(overHttp.resolveTemplate("lb-abort").id()).isEqualTo(template);
    }
  }

  @Test
  void explicitEndpointWinsOverTheEmulatorHostVariable() {
    Configuration configuration =
        Configuration.of(
            Map.of(
                GcpSettings.ENDPOINT, emulator.endpoint().toString(),
                GcpSettings.PROJECT, PROJECT,
                GcpSettings.LOCATION, LOCATION),
            Map.of(GcpSettings.EMULATOR_HOST, "127.0.0.1:1"));

    try (GcpFaultProvider explicit =
        GcpFaultProvider.create(
            ProviderContexts.of(configuration), ADC_NOT_EXPECTED, GcpTestSupport.FAST_RETRIES)) {
      assertThat(explicit.resolveTemplate("lb-abort").id()).isEqualTo(template);
    }
  }

  @Test
  void permissionDeniedTellsWhatToDo() {
    faultTesting.denyProject(
        PROJECT,
        "Project emulator-project is not on the allow-list for the Fault Injection Testing Preview.");

    assertThatThrownBy(() -> provider.resolveTemplate("lb-abort"))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("PERMISSION_DENIED");
              assertThat(e.getMessage())
                  .contains("roles/faulttesting.operator", "Preview allow-list");
            });
  }

  // --- experiments

  @Test
  void runsCreatePreparedProceedInjectedStopCompleted() {
    ResolvedTemplate resolved = provider.resolveTemplate("lb-abort");
    StartRequest request = request("CheckoutTests.survivesAbort", false);

    ExperimentSnapshot created = provider.start(resolved, request);
    assertThat(created.id())
        .startsWith("fx-checkouttests-survivesabort-")
        .matches("[a-z0-9-]{4,63}");
    assertThat(created.resourceName()).isEqualTo(PARENT + "/experiments/" + created.id());
    assertThat(created.templateId()).isEqualTo(template);
    assertThat(created.phase()).isEqualTo(Phase.STARTING);
    assertThat(created.state()).isEqualTo("PREPARING");
    FaultTestingExperiment record = faultTesting.experiments().get(0);
    assertThat(record.displayName()).isEqualTo("CheckoutTests.survivesAbort");

    ExperimentSnapshot prepared = awaitPhase(created.id(), Phase.PREPARED);
    assertThat(affectedResources(prepared)).hasSize(2);
    assertThat(prepared.error()).isEmpty();

    ExperimentSnapshot proceeding = provider.proceed(created.id());
    assertThat(proceeding.state()).isIn("INJECTING", "INJECTED");
    ExperimentSnapshot injected = awaitPhase(created.id(), Phase.INJECTED);
    assertThat(injected.startTime()).isNotNull();
    assertThat(injected.actions())
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.name()).isEqualTo("l7LbHttpFault");
              assertThat(action.phase()).isEqualTo(Phase.INJECTED);
            });
    assertThat(injected.details())
        .containsEntry("templateDuration", "600s")
        .containsKeys("effectiveAction", "affectedResources");
    assertThat(provider.proceed(created.id()).state())
        .as("proceed is idempotent")
        .isEqualTo("INJECTED");

    assertThat(provider.stop(created.id()).phase()).isIn(Phase.ENDING, Phase.ENDED);
    ExperimentSnapshot ended = awaitPhase(created.id(), Phase.ENDED);
    assertThat(ended.state()).isEqualTo("COMPLETED");
    assertThat(ended.reason()).startsWith("CANCELLED");
    assertThat(ended.endTime()).isNotNull();
    assertThat(provider.stop(created.id()).phase())
        .as("stopping an ended experiment")
        .isEqualTo(Phase.ENDED);
    assertThat(faultTesting.experiments()).hasSize(1);
  }

  @Test
  void aDryRunIsTheServicesValidationAndCreatesNoExperiment() {
    ExperimentSnapshot created =
        provider.start(provider.resolveTemplate("lb-abort"), request("Tests.dryRun", true));

    ExperimentSnapshot ended = awaitPhase(created.id(), Phase.ENDED);

    assertThat(created.resourceName()).contains("/validations/");
    assertThat(ended.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(ended.details().get("validationResources"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .isNotEmpty();
    assertThat(ended.addressedResources().orElseThrow())
        .anySatisfy(resource -> assertThat(resource).endsWith("forwardingRules/checkout"));
    assertThat(faultTesting.experiments()).as("nothing prepared or injected").isEmpty();
    assertThat(provider.stop(created.id()).phase()).isEqualTo(Phase.ENDED);
  }

  @Test
  void aDryRunOnAResourceThatCannotTakeTheActionFailsWithTheServicesMessage() {
    faultTesting.rejectResource(
        GcpTestSupport.FORWARDING_RULE, "Forwarding rule not found in the project");
    ExperimentSnapshot created =
        provider.start(provider.resolveTemplate("lb-abort"), request("Tests.dryRunFails", true));

    ExperimentSnapshot ended = awaitPhase(created.id(), Phase.ENDED);

    assertThat(ended.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(ended.error()).contains("Forwarding rule not found in the project");
  }

  @Test
  void anExperimentGivenUpBeforeItsStartIsNeverStartedAndEndsForTheLifecycle() {
    ExperimentSnapshot created =
        provider.start(provider.resolveTemplate("lb-abort"), request("Tests.givenUp", false));
    awaitPhase(created.id(), Phase.PREPARED);

    ExperimentSnapshot stopped = provider.stop(created.id());

    assertThat(stopped.phase()).isEqualTo(Phase.ENDED);
    assertThat(stopped.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(stopped.reason()).contains("never started");
    assertThat(provider.proceed(created.id()).phase()).isEqualTo(Phase.ENDED);
    assertThat(faultTesting.experiments())
        .singleElement()
        .satisfies(e -> assertThat(e.state()).isEqualTo("PREPARED"));
  }

  @Test
  void aRetriedStartFindsTheSameExperiment() {
    ResolvedTemplate resolved = provider.resolveTemplate("lb-abort");
    StartRequest request = request("Tests.retried", false);

    ExperimentSnapshot first = provider.start(resolved, request);
    ExperimentSnapshot second = provider.start(resolved, request);

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(faultTesting.experiments()).hasSize(1);
  }

  @Test
  void createRetriedAfterALostAnswerMakesOneExperiment() {
    // The first create is answered too late for the client, which retries; whichever lands first
    // creates, the other finds ALREADY_EXISTS.
    faultTesting.injectApiFault(
        new ApiFault("experiments.create", ApiFault.Kind.LATENCY, 1.0, Duration.ofMillis(600), 1));
    GcpSettings settings =
        GcpSettings.resolve(configuration(Map.of()), Optional.empty(), ADC_NOT_EXPECTED);
    FaultTestingClient impatient =
        FaultTestingClient.builder()
            .endpoint(settings.endpoint())
            .retryPolicy(GcpTestSupport.FAST_RETRIES)
            .timeouts(Duration.ofSeconds(5), Duration.ofMillis(200))
            .build();

    try (GcpFaultProvider retrying =
        new GcpFaultProvider(
            settings,
            ProviderContexts.of(configuration(Map.of())).safety(),
            "test-owner",
            impatient)) {
      ExperimentSnapshot started =
          retrying.start(retrying.resolveTemplate("lb-abort"), request("Tests.slow", false));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> faultTesting.requestCount("experiments.create") >= 2);
      assertThat(started.id()).startsWith("fx-tests-slow-");
    }
    await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertThat(faultTesting.experiments()).hasSize(1);
  }

  @Test
  void throttledPollsAreRetried() {
    ExperimentSnapshot created =
        provider.start(provider.resolveTemplate("lb-abort"), request("Tests.throttled", false));
    faultTesting.injectApiFault(ApiFault.times("experiments.get", ApiFault.Kind.THROTTLE, 2));

    assertThat(provider.describe(created.id()).id()).isEqualTo(created.id());
    provider.stop(created.id());
  }

  @Test
  void exclusionWindowRefusesTheStart() {
    ExperimentSnapshot created =
        provider.start(provider.resolveTemplate("lb-abort"), request("Tests.window", false));
    awaitPhase(created.id(), Phase.PREPARED);
    String window = ExclusionWindows.activate(emulator.endpoint(), GcpTestSupport.PARENT, "freeze");

    // the window became active after the check before create: :start is refused, and the
    // provider says which window and until when rather than just the code
    assertThatThrownBy(() -> provider.proceed(created.id()))
        .isInstanceOfSatisfying(
            ExperimentNotAllowedException.class,
            e -> {
              assertThat(e.abortsTest()).isTrue();
              assertThat(e.getMessage()).contains(window, "is active until", ":stop");
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      CloudApiException.class,
                      refused -> assertThat(refused.errorCode()).isEqualTo("FAILED_PRECONDITION"));
            });
    assertThat(window).endsWith("/exclusionWindows/freeze");
    provider.stop(created.id());
  }

  @Test
  void activeExclusionWindowIsFoundBeforeAnythingIsCreated() {
    String window = ExclusionWindows.activate(emulator.endpoint(), GcpTestSupport.PARENT, "freeze");
    ResolvedTemplate template = provider.resolveTemplate("lb-abort");

    assertThatThrownBy(() -> provider.verifyAllowedNow(template, request("Tests.window", false)))
        .isInstanceOfSatisfying(
            ExperimentNotAllowedException.class,
            e -> {
              assertThat(e.abortsTest()).isTrue();
              assertThat(e.getMessage())
                  .contains(window, "is active until", "Run the test again after");
            });
    assertThat(faultTesting.requestCount("experiments.create")).isZero();
  }

  @Test
  void anInactiveOrEndedExclusionWindowBlocksNothing() {
    String window = ExclusionWindows.activate(emulator.endpoint(), GcpTestSupport.PARENT, "freeze");
    try (FaultTestingClient client = GcpTestSupport.client(emulator)) {
      client.stopExclusionWindow(window);
      client.createExclusionWindow(
          GcpTestSupport.PARENT, "later", new ExclusionWindow.New(null, "60s"));
    }

    provider.verifyAllowedNow(provider.resolveTemplate("lb-abort"), request("Tests.ok", false));
    // a dry run starts nothing, so no window is looked for
    provider.verifyAllowedNow(provider.resolveTemplate("lb-abort"), request("Tests.dry", true));

    assertThat(faultTesting.requestCount("exclusionWindows.list")).isEqualTo(1);
  }

  @Test
  void affectedResourceFailureShowsInTheSnapshot() {
    ExperimentSnapshot created =
        provider.start(provider.resolveTemplate("lb-abort"), request("Tests.failing", false));
    awaitPhase(created.id(), Phase.PREPARED);
    provider.proceed(created.id());
    awaitPhase(created.id(), Phase.INJECTED);

    faultTesting.failAffectedResource(
        created.resourceName(), "Permission compute.forwardingRules.update denied");
    ExperimentSnapshot ended = awaitPhase(created.id(), Phase.ENDED);

    assertThat(ended.error())
        .contains("forwardingRules/checkout", "Permission compute.forwardingRules.update denied");
    assertThat(ended.reason())
        .startsWith("CANCELLED")
        .contains("Permission compute.forwardingRules.update denied");
  }

  @Test
  void templateDurationEndingIsCompleted() {
    faultTesting.timings(GcpTestSupport.FAST.withMaxInjection(Duration.ofMillis(200)));
    ExperimentSnapshot created =
        provider.start(provider.resolveTemplate("lb-abort"), request("Tests.short", false));
    awaitPhase(created.id(), Phase.PREPARED);
    provider.proceed(created.id());

    ExperimentSnapshot ended = awaitPhase(created.id(), Phase.ENDED);

    assertThat(ended.reason()).startsWith("COMPLETED");
    assertThat(provider.stop(created.id()).state()).isEqualTo("COMPLETED");
  }

  private ExperimentSnapshot awaitPhase(String id, Phase phase) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> provider.describe(id), snapshot -> snapshot.phase() == phase);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> affectedResources(ExperimentSnapshot snapshot) {
    return (List<Map<String, Object>>) snapshot.details().get("affectedResources");
  }

  private static StartRequest request(String displayName, boolean dryRun) {
    return new StartRequest(
        UUID.randomUUID().toString(),
        "run-1",
        "[engine:junit-jupiter]/[class:" + displayName + "]",
        displayName,
        Map.of(),
        dryRun);
  }

  private static Configuration configuration(Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>(extra);
    parameters.put(GcpSettings.ENDPOINT, emulator.endpoint().toString());
    parameters.put(GcpSettings.PROJECT, PROJECT);
    parameters.put(GcpSettings.LOCATION, LOCATION);
    return Configuration.of(parameters, Map.of());
  }

  private static GcpFaultProvider provider(Map<String, String> extra) {
    return GcpFaultProvider.create(
        ProviderContexts.of(configuration(extra)), ADC_NOT_EXPECTED, GcpTestSupport.FAST_RETRIES);
  }
}
