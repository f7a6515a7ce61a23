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
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.gcp.FaultTestingEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTestingClientTests {
  private static FaultEmulator emulator;
  private static FaultTestingEmulator faultTesting;
  private FaultTestingClient client;
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
    client = GcpTestSupport.client(emulator);
  }

  @AfterEach
  void tearDown() {
    client.close();
    emulator.reset();
  }

  @Test
  void getsAndPagesThroughTemplates() {
    faultTesting.createTemplate(PROJECT, LOCATION, "lb-abort-2", LB_ABORT);
    faultTesting.createTemplate(PROJECT, LOCATION, "lb-abort-3", LB_ABORT);

    ExperimentTemplate got = client.getTemplate(template);
    Page<ExperimentTemplate> first = client.listTemplates(PARENT, new ListRequest(null, 2, null));
    Page<ExperimentTemplate> second =
        client.listTemplates(PARENT, new ListRequest(null, 2, null).next(first));

    assertThat(got.name()).isEqualTo(template);
    assertThat(got.displayName()).isEqualTo("LB abort");
    assertThat(got.duration()).isEqualTo("600s");
    assertThat(got.action()).containsOnlyKeys("l7LbHttpFault");
    assertThat(got.createTime()).isNotNull();
    assertThat(first.items()).hasSize(2);
    assertThat(first.hasNext()).isTrue();
    assertThat(second.items()).hasSize(1);
    assertThat(second.hasNext()).isFalse();
    assertThat(
            List.of(
                first.items().get(0).name(),
                first.items().get(1).name(),
                second.items().get(0).name()))
        .containsExactlyInAnyOrder(
            template,
            PARENT + "/experimentTemplates/lb-abort-2",
            PARENT + "/experimentTemplates/lb-abort-3");
  }

  @Test
  void runsAnExperimentThroughItsWholeLife() {
    Experiment created =
        client.createExperiment(
            PARENT,
            "fx-client-life",
            new NewExperiment(template, "ClientTests.life", "a run", null));

    assertThat(created.name()).isEqualTo(PARENT + "/experiments/fx-client-life");
    assertThat(created.id()).isEqualTo("fx-client-life");
    assertThat(created.state()).isEqualTo(State.PREPARING);
    assertThat(created.displayName()).isEqualTo("ClientTests.life");
    assertThat(created.description()).isEqualTo("a run");
    assertThat(created.experimentTemplate()).isEqualTo(template);
    assertThat(created.templateDuration()).isEqualTo("600s");
    assertThat(created.effectiveAction()).containsOnlyKeys("l7LbHttpFault");

    awaitState(created.name(), State.PREPARED);
    assertThat(client.startExperiment(created.name()).state())
        .isIn(State.INJECTING, State.INJECTED);
    Experiment injected = awaitState(created.name(), State.INJECTED);
    assertThat(injected.startTime()).isNotNull();

    assertThat(client.stopExperiment(created.name()).state())
        .isIn(State.REVERTING, State.COMPLETED);
    Experiment completed = awaitState(created.name(), State.COMPLETED);
    assertThat(completed.endReason()).isEqualTo("CANCELLED");
    assertThat(completed.endNotes()).isNotBlank();
    assertThat(completed.stopTime()).isNotNull();

    client.deleteExperiment(created.name());
    assertThatThrownBy(() -> client.getExperiment(created.name()))
        .isInstanceOfSatisfying(
            CloudApiException.class, e -> assertThat(e.errorCode()).isEqualTo("NOT_FOUND"));
  }

  @Test
  void startsOnCreateWhenAsked() {
    Experiment created =
        client.createExperiment(PARENT, null, new NewExperiment(template, null, null, true));

    assertThat(created.startOnCreateEnabled()).isTrue();
    assertThat(awaitState(created.name(), State.INJECTED).startTime()).isNotNull();
  }

  @Test
  void listsExperimentsByFilterAndPage() {
    for (String id : List.of("fx-list-a", "fx-list-b", "fx-list-c")) {
      client.createExperiment(PARENT, id, new NewExperiment(template, null, null, null));
    }
    awaitState(PARENT + "/experiments/fx-list-a", State.PREPARED);
    awaitState(PARENT + "/experiments/fx-list-b", State.PREPARED);
    awaitState(PARENT + "/experiments/fx-list-c", State.PREPARED);
    client.startExperiment(PARENT + "/experiments/fx-list-b");
    awaitState(PARENT + "/experiments/fx-list-b", State.INJECTED);

    Page<Experiment> injected =
        client.listExperiments(PARENT, new ListRequest("state=\"INJECTED\"", 0, null));
    Page<Experiment> first = client.listExperiments(PARENT, new ListRequest(null, 2, null));
    Page<Experiment> second =
        client.listExperiments(PARENT, new ListRequest(null, 2, null).next(first));

    assertThat(injected.items()).extracting(Experiment::id).containsExactly("fx-list-b");
    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(1);
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void stopsAllRunningAndDeletesOnlyCompletedExperiments() {
    Experiment first =
        client.createExperiment(PARENT, "fx-all-1", new NewExperiment(template, null, null, true));
    Experiment second =
        client.createExperiment(PARENT, "fx-all-2", new NewExperiment(template, null, null, null));
    awaitState(first.name(), State.INJECTED);
    awaitState(second.name(), State.PREPARED);

    StopAllResult stopped = client.stopAllExperiments(PARENT);

    assertThat(stopped.stoppedExperimentsCount()).as("only the running one").isEqualTo(1);
    assertThat(stopped.errors()).isEmpty();
    assertThat(awaitState(first.name(), State.COMPLETED).endReason()).isEqualTo("CANCELLED");

    assertThatThrownBy(() -> client.deleteExperiment(second.name()))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo("FAILED_PRECONDITION"));
    client.deleteExperiment(first.name());
    assertThat(faultTesting.experiments())
        .extracting(r -> r.experimentId())
        .containsExactly("fx-all-2");
  }

  @Test
  void validatesAnActionWithoutPreparingAnExperiment() {
    Validation created =
        client.createValidation(
            PARENT,
            "fx-validate-1",
            new Validation.New(
                "dry run", "validates the abort", client.getTemplate(template).action()));

    assertThat(created.state()).isEqualTo(State.PREPARING);
    Validation completed =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> client.getValidation(created.name()), v -> v.state() == State.COMPLETED);
    Page<AffectedResource> resources =
        client.listValidationResources(completed.name(), new ListRequest(null, 10, null));

    assertThat(completed.stopTime()).isNotNull();
    assertThat(resources.items())
        .extracting(AffectedResource::affectedResourceUri)
        .anySatisfy(uri -> assertThat(uri).endsWith("forwardingRules/checkout"));
    assertThat(resources.items()).allSatisfy(r -> assertThat(r.failed()).isFalse());
    assertThat(faultTesting.experiments()).isEmpty();
  }

  @Test
  void listsAffectedResources() {
    Experiment created =
        client.createExperiment(
            PARENT, "fx-affected", new NewExperiment(template, null, null, null));
    awaitState(created.name(), State.PREPARED);

    Page<AffectedResource> resources =
        client.listAffectedResources(created.name(), ListRequest.firstPage());

    assertThat(resources.items())
        .extracting(AffectedResource::affectedResourceUri)
        .anySatisfy(uri -> assertThat(uri).contains("forwardingRules/checkout"))
        .anySatisfy(uri -> assertThat(uri).contains("backendServices/pricing"));
    assertThat(resources.items()).allSatisfy(r -> assertThat(r.failed()).isFalse());
  }

  // --- errors

  @Test
  void notFoundIsMapped() {
    assertThatThrownBy(() -> client.getExperiment(PARENT + "/experiments/fx-missing"))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.provider()).isEqualTo("gcp");
              assertThat(e.errorCode()).isEqualTo("NOT_FOUND");
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.getMessage())
                  .contains("experiments.get", "fx-missing", "HTTP 404 NOT_FOUND");
            });
  }

  @Test
  void invalidArgumentIsMapped() {
    assertThatThrownBy(
            () ->
                client.createExperiment(
                    PARENT, "Not_Valid!", new NewExperiment(template, null, null, null)))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("experimentId");
            });
  }

  @Test
  void duplicateIdIsAlreadyExists() {
    NewExperiment body = new NewExperiment(template, null, null, null);
    client.createExperiment(PARENT, "fx-twice", body);

    assertThatThrownBy(() -> client.createExperiment(PARENT, "fx-twice", body))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("ALREADY_EXISTS");
              assertThat(e.statusCode()).isEqualTo(409);
            });
  }

  @Test
  void permissionDeniedSaysWhatToDo() {
    faultTesting.denyProject(
        PROJECT,
        "Project emulator-project is not on the allow-list for the Fault Injection Testing Preview.");

    assertThatThrownBy(() -> client.getTemplate(template))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("PERMISSION_DENIED");
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.getMessage())
                  .contains("not on the allow-list for the Fault Injection Testing Preview")
                  .contains("roles/faulttesting.operator on project emulator-project")
                  .contains("Preview allow-list");
            });
  }

  @Test
  void missingBearerTokenIsUnauthenticatedAndAGoodOneIsSent() {
    faultTesting.requireBearerToken("secret-token");
    GoogleCredentials credentials = GoogleCredentials.create(new AccessToken("secret-token", null));

    assertThatThrownBy(() -> client.getTemplate(template))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("UNAUTHENTICATED");
              assertThat(e.statusCode()).isEqualTo(401);
              assertThat(e.getMessage()).contains("gcloud auth application-default login");
            });
    try (FaultTestingClient authenticated =
        FaultTestingClient.builder()
            .endpoint(emulator.endpoint())
            .credentials(credentials)
            .build()) {
      assertThat(authenticated.getTemplate(template).name()).isEqualTo(template);
      assertThat(authenticated.toString()).doesNotContain("secret-token");
    }
  }

  // --- retries

  @Test
  void retriesThrottlingAndUnavailableWithoutCreatingTwice() {
    faultTesting.injectApiFault(ApiFault.times("experiments.create", ApiFault.Kind.THROTTLE, 1));
    faultTesting.injectApiFault(ApiFault.times("experiments.create", ApiFault.Kind.UNAVAILABLE, 1));

    Experiment created =
        client.createExperiment(
            PARENT, "fx-retried", new NewExperiment(template, null, null, null));

    assertThat(created.id()).isEqualTo("fx-retried");
    assertThat(faultTesting.requestCount("experiments.create")).isEqualTo(3);
    assertThat(faultTesting.experiments()).hasSize(1);
  }

  @Test
  void retriesDroppedConnections() {
    faultTesting.injectApiFault(
        ApiFault.times("experiments.create", ApiFault.Kind.CONNECTION_RESET, 2));

    Experiment created =
        client.createExperiment(PARENT, "fx-reset", new NewExperiment(template, null, null, null));

    assertThat(created.id()).isEqualTo("fx-reset");
    assertThat(faultTesting.experiments()).hasSize(1);
  }

  @Test
  void givesUpAfterTheBoundedRetries() {
    faultTesting.injectApiFault(ApiFault.always("experiments.get", ApiFault.Kind.THROTTLE));

    assertThatThrownBy(() -> client.getExperiment(PARENT + "/experiments/fx-any"))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("RESOURCE_EXHAUSTED");
              assertThat(e.statusCode()).isEqualTo(429);
              // a rate limit (ErrorInfo RATE_LIMIT_EXCEEDED), not a reached quota
              assertThat(e.reason()).isEqualTo(CloudApiException.Reason.THROTTLED);
              assertThat(e.getMessage()).contains("after retries");
            });
    assertThat(faultTesting.requestCount("experiments.get"))
        .isEqualTo(1 + GcpTestSupport.FAST_RETRIES.maxRetries());
  }

  @Test
  void connectionRefusedNamesTheEndpoint() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
    try (FaultTestingClient refused =
        FaultTestingClient.builder().endpoint(nowhere).retryPolicy(RetryPolicy.NONE).build()) {
      assertThatThrownBy(() -> refused.getTemplate(template))
          .isInstanceOfSatisfying(
              CloudApiException.class,
              e -> {
                assertThat(e.statusCode()).isZero();
                assertThat(e.errorCode()).isNull();
                assertThat(e.getMessage())
                    .contains("http://127.0.0.1:" + closedPort + "/", "could not connect");
              });
    }
  }

  @Test
  void exclusionWindowsRoundTrip() {
    ExclusionWindow created =
        client.createExclusionWindow(
            PARENT, "black-friday", new ExclusionWindow.New("peak sales", "7200s"));
    assertThat(created.name()).isEqualTo(PARENT + "/exclusionWindows/black-friday");
    assertThat(created.startTime()).isNull();
    assertThat(created.activeAt(java.time.Instant.now())).isFalse();

    // PATCH goes out as POST with X-HTTP-Method-Override: HttpURLConnection has no PATCH
    ExclusionWindow patched =
        client.patchExclusionWindow(
            created.name(), "description", new ExclusionWindow.New("peak sales, EU", null));
    assertThat(patched.description()).isEqualTo("peak sales, EU");
    assertThat(patched.duration()).isEqualTo("7200s");

    ExclusionWindow started = client.startExclusionWindow(created.name());
    assertThat(started.activeAt(java.time.Instant.now())).isTrue();
    assertThat(Duration.between(started.startTime(), started.endTime()))
        .isEqualTo(Duration.ofHours(2));
    assertThat(client.listExclusionWindows(PARENT, ListRequest.firstPage()).items())
        .extracting(ExclusionWindow::name)
        .containsExactly(created.name());
    assertThat(client.getExclusionWindow(created.name()).endTime()).isEqualTo(started.endTime());

    ExclusionWindow stopped = client.stopExclusionWindow(created.name());
    assertThat(stopped.activeAt(java.time.Instant.now().plusMillis(1))).isFalse();
    client.deleteExclusionWindow(created.name());
    assertThat(client.listExclusionWindows(PARENT, ListRequest.firstPage()).items()).isEmpty();
  }

  @Test
  void readsTheEmptyAnswersGoogleWritesWithoutTheirEmptyFields() {
    // stopAll with nothing running answers {} and an empty list answers {} (no "experiments",
    // no "unreachable"): the protobuf JSON mapping leaves empty fields out
    StopAllResult nothing = client.stopAllExperiments(PARENT);
    Page<Experiment> none = client.listExperiments(PARENT, ListRequest.firstPage());

    assertThat(nothing.stoppedExperimentsCount()).isZero();
    assertThat(nothing.errors()).isEmpty();
    assertThat(none.items()).isEmpty();
    assertThat(none.unreachable()).isEmpty();
    assertThat(none.nextPageToken()).isNull();
  }

  @Test
  void listAnswersKeepTheUnreachableLocations() {
    faultTesting.createTemplate(PROJECT, "europe-west4", "lb-abort-eu", LB_ABORT);
    faultTesting.makeLocationUnreachable(PROJECT, "europe-west4");
    String everywhere = "projects/" + PROJECT + "/locations/-";

    Page<ExperimentTemplate> templates = client.listTemplates(everywhere, ListRequest.firstPage());
    Page<ExclusionWindow> windows = Page.all(page -> client.listExclusionWindows(everywhere, page));

    String unreachable = "projects/" + PROJECT + "/locations/europe-west4";
    assertThat(templates.unreachable()).containsExactly(unreachable);
    assertThat(templates.unreachableNote()).contains(unreachable, "missing");
    assertThat(windows.unreachable()).containsExactly(unreachable);
    assertThat(client.listTemplates(PARENT, ListRequest.firstPage()).unreachable()).isEmpty();
  }

  @Test
  void theTemplateListSendsNoFilter() {
    // experimentTemplates.list takes no filter; the emulator refuses a query field the method
    // lacks, as Google's front end does, so a filter sent would fail this call
    Page<ExperimentTemplate> page =
        client.listTemplates(PARENT, new ListRequest("displayName=\"LB abort\"", 0, null));

    assertThat(page.items()).extracting(ExperimentTemplate::name).containsExactly(template);
  }

  private Experiment awaitState(String name, State state) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> client.getExperiment(name), experiment -> experiment.state() == state);
  }
}
