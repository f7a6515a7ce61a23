package io.github.faultexperiment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.CloudApiException.Reason;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.FisClientBuilder;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateRequest;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentSummary;
import software.amazon.awssdk.services.fis.model.ExperimentTemplateSummary;

/**
 * The emulator's FIS API as the official AWS SDK client sees it, through the provider's error
 * mapping ({@link FisCalls}): SigV4 signing, JSON shapes, pagination, modeled errors, idempotency
 * and the SDK's retries. Where the SDK and the emulator disagree, the emulator is wrong.
 */
class FisSdkTests {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static FaultEmulator emulator;
  private FisClient fis;

  @BeforeAll
  static void startEmulator() {
    emulator = FaultEmulator.builder().start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    emulator.reset();
    emulator.fis().timings(FisTimings.defaults().withActionDuration(Duration.ofMinutes(5)));
    fis = client("test", "test").build();
  }

  @AfterEach
  void disconnect() {
    fis.close();
  }

  /**
   * A client set up as the provider sets up its own in embedded mode (region, credentials, pinned
   * retries, nothing read from the shell's AWS settings), with these credentials.
   */
  private static FisClientBuilder client(String accessKeyId, String secret) {
    AwsSettings settings =
        AwsSettings.from(
            Configuration.of(Map.of(), Map.of()),
            Optional.of(new EmulatorEndpoint(emulator.endpoint(), accessKeyId, secret)));
    return settings.configure(
        FisClient.builder().httpClient(UrlConnectionHttpClient.create()),
        settings.endpointOverride());
  }

  /** The CLI JSON of a template, as the SDK request the provider's embedded mode makes of it. */
  static CreateExperimentTemplateRequest request(String cliJson) {
    try {
      return JSON.readValue(cliJson, CreateExperimentTemplateRequest.serializableBuilderClass())
          .build();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private String template(String name) {
    return call(() -> fis.createExperimentTemplate(request(Templates.lambdaDelay(name))))
        .experimentTemplate()
        .id();
  }

  private Experiment start(String templateId) {
    return start(fis, templateId, UUID.randomUUID().toString());
  }

  private static Experiment start(FisClient client, String templateId, String token) {
    return call(() ->
            client.startExperiment(
                start -> start.clientToken(token).experimentTemplateId(templateId)))
        .experiment();
  }

  private Experiment get(String id) {
    return call(() -> fis.getExperiment(get -> get.id(id))).experiment();
  }

  private static <T> T call(java.util.function.Supplier<T> call) {
    return new FisCalls("the emulator").call("FIS test call", call);
  }

  @Nested
  class Operations {
    @Test
    void createsAndReadsTemplates() {
      String id = template("checkout-latency");

      var template = call(() -> fis.getExperimentTemplate(get -> get.id(id))).experimentTemplate();

      assertThat(template.id()).startsWith("EXT");
      assertThat(template.tags()).containsEntry("Name", "checkout-latency");
      assertThat(template.actions().get("delay").actionId())
          .isEqualTo("aws:lambda:invocation-add-delay");
      assertThat(template.actions().get("delay").parameters())
          .containsEntry("startupDelayMilliseconds", "500");
      assertThat(template.targets().get("functions").resourceArns())
          .containsExactly("arn:aws:lambda:us-east-1:123456789012:function:checkout");
      assertThat(template.stopConditions())
          .singleElement()
          .satisfies(s -> s.source().equals("none"));
    }

    @Test
    void listsEveryTemplateAcrossPages() {
      List<String> ids = IntStream.range(0, 105).mapToObj(i -> template("t" + i)).toList();

      List<ExperimentTemplateSummary> all =
          fis
              .listExperimentTemplatesPaginator(list -> list.maxResults(20))
              .experimentTemplates()
              .stream()
              .toList();

      assertThat(all)
          .extracting(ExperimentTemplateSummary::id)
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThat(all).extracting(t -> t.tags().get("Name")).contains("t0", "t104");
    }

    @Test
    void startsGetsListsAndStopsAnExperiment() {
      String templateId = template("lifecycle");
      String other = template("other");

      Experiment started =
          call(() ->
                  fis.startExperiment(
                      start ->
                          start
                              .clientToken(UUID.randomUUID().toString())
                              .experimentTemplateId(templateId)
                              .tags(Map.of("team", "checkout"))))
              .experiment();
      start(other);

      assertThat(started.id()).startsWith("EXP");
      assertThat(started.experimentTemplateId()).isEqualTo(templateId);
      assertThat(started.state().statusAsString()).isIn("pending", "initiating");
      assertThat(started.tags()).containsEntry("team", "checkout");
      assertThat(started.actions()).containsOnlyKeys("delay");

      Experiment running =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> get(started.id()), e -> "running".equals(e.state().statusAsString()));
      assertThat(running.startTime()).isNotNull();
      assertThat(running.actions().get("delay").state().statusAsString()).isEqualTo("running");

      assertThat(
              fis.listExperimentsPaginator(list -> list.experimentTemplateId(templateId))
                  .experiments())
          .extracting(ExperimentSummary::id)
          .containsExactly(started.id());
      assertThat(fis.listExperimentsPaginator(list -> {}).experiments()).hasSize(2);

      Experiment stopping =
          call(() -> fis.stopExperiment(stop -> stop.id(started.id()))).experiment();
      assertThat(stopping.state().statusAsString()).isIn("stopping", "stopped");
      Experiment stopped =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> get(started.id()), e -> "stopped".equals(e.state().statusAsString()));
      assertThat(stopped.endTime()).isNotNull();
    }

    @Test
    void tagsAnExperimentByItsArn() {
      Experiment experiment = start(template("tagged"));

      call(
          () ->
              fis.tagResource(
                  tag ->
                      tag.resourceArn(experiment.arn())
                          .tags(Map.of("owner", "ci", "path/like", "a:b"))));

      assertThat(
              call(() -> fis.listTagsForResource(list -> list.resourceArn(experiment.arn())))
                  .tags())
          .containsEntry("owner", "ci")
          .containsEntry("path/like", "a:b");
    }

    @Test
    void theSameClientTokenStartsOneExperiment() {
      String templateId = template("idempotent");
      String token = UUID.randomUUID().toString();

      Experiment first = start(fis, templateId, token);
      Experiment again = start(fis, templateId, token);

      assertThat(again.id()).isEqualTo(first.id());
      assertThat(emulator.fis().experiments()).hasSize(1);
    }
  }

  @Nested
  class Errors {
    @Test
    void anUnknownExperimentIsNotFound() {
      CloudApiException error =
          catchThrowableOfType(CloudApiException.class, () -> get("EXPdoesnotexist1"));

      assertThat(error.provider()).isEqualTo("aws");
      assertThat(error.reason()).isEqualTo(Reason.NOT_FOUND);
      assertThat(error.statusCode()).isEqualTo(404);
      assertThat(error.errorCode()).isEqualTo("ResourceNotFoundException");
      assertThat(error.requestId()).isNotBlank();
      assertThat(error.getMessage())
          .contains("ResourceNotFoundException")
          .contains("EXPdoesnotexist1");
      assertThat(emulator.fis().requestCount("GetExperiment")).isEqualTo(1);
    }

    @Test
    void anInvalidTemplateIsAValidationError() {
      CloudApiException error =
          catchThrowableOfType(
              CloudApiException.class,
              () ->
                  call(
                      () ->
                          fis.createExperimentTemplate(
                              create ->
                                  create
                                      .clientToken(UUID.randomUUID().toString())
                                      .description("no actions")
                                      .roleArn("arn:aws:iam::123456789012:role/fis")
                                      .stopConditions(
                                          software.amazon.awssdk.services.fis.model
                                              .CreateExperimentTemplateStopConditionInput.builder()
                                              .source("none")
                                              .build()))));

      assertThat(error.statusCode()).isEqualTo(400);
      assertThat(error.reason()).isEqualTo(Reason.INVALID_REQUEST);
      assertThat(error.errorCode()).isEqualTo("ValidationException");
      assertThat(error.getMessage()).isNotBlank();
    }

    @Test
    void aWrongSecretIsABadSignature() {
      try (FisClient wrong = client("test", "not-the-secret").build()) {
        CloudApiException error =
            catchThrowableOfType(
                CloudApiException.class,
                () -> call(() -> wrong.listExperimentTemplates(list -> {})));

        assertThat(error.statusCode()).isEqualTo(403);
        assertThat(error.reason()).isEqualTo(Reason.ACCESS_DENIED);
        assertThat(error.errorCode()).isEqualTo("InvalidSignatureException");
      }
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
      try (FisClient stranger = client("AKIDUNKNOWN", "test").build()) {
        CloudApiException error =
            catchThrowableOfType(
                CloudApiException.class,
                () -> call(() -> stranger.listExperimentTemplates(list -> {})));

        assertThat(error.statusCode()).isEqualTo(403);
        assertThat(error.errorCode()).isEqualTo("UnrecognizedClientException");
      }
    }

    @Test
    void theSameClientTokenForAnotherTemplateIsAConflict() {
      String token = UUID.randomUUID().toString();
      start(fis, template("a"), token);
      String other = template("b");

      CloudApiException error =
          catchThrowableOfType(CloudApiException.class, () -> start(fis, other, token));

      assertThat(error.statusCode()).isEqualTo(409);
      assertThat(error.reason()).isEqualTo(Reason.CONFLICT);
      assertThat(error.errorCode()).isEqualTo("ConflictException");
    }

    @Test
    void aSixthActiveExperimentExceedsTheQuota() {
      String templateId = template("busy");
      IntStream.range(0, 5).forEach(i -> start(templateId));

      CloudApiException error =
          catchThrowableOfType(CloudApiException.class, () -> start(templateId));

      assertThat(error.statusCode()).isEqualTo(402);
      assertThat(error.reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
      assertThat(error.errorCode()).isEqualTo("ServiceQuotaExceededException");
      assertThat(emulator.fis().requestCount("StartExperiment")).isEqualTo(6);
    }

    @Test
    void anEndpointNobodyListensOnIsUnreachable() throws Exception {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
      try (FisClient lost = client("test", "test").endpointOverride(nowhere).build()) {
        CloudApiException error =
            catchThrowableOfType(
                CloudApiException.class,
                () -> call(() -> lost.getExperiment(get -> get.id("EXP1"))));

        assertThat(error.statusCode()).isZero();
        assertThat(error.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(error.errorCode()).isNull();
        assertThat(error.getMessage()).contains("unreachable");
      }
    }
  }

  @Nested
  class Retries {
    @Test
    void throttlingIsRetried() {
      String templateId = template("throttled");
      emulator
          .fis()
          .injectApiFault(ApiFault.times("GetExperimentTemplate", ApiFault.Kind.THROTTLE, 2));

      assertThat(
              call(() -> fis.getExperimentTemplate(get -> get.id(templateId)))
                  .experimentTemplate()
                  .id())
          .isEqualTo(templateId);
      assertThat(emulator.fis().requestCount("GetExperimentTemplate")).isEqualTo(3);
    }

    @Test
    void serverErrorsAreRetried() {
      Experiment experiment = start(template("flaky"));
      emulator.fis().injectApiFault(ApiFault.times("GetExperiment", ApiFault.Kind.SERVER_ERROR, 1));
      emulator.fis().injectApiFault(ApiFault.times("GetExperiment", ApiFault.Kind.UNAVAILABLE, 1));

      assertThat(get(experiment.id()).id()).isEqualTo(experiment.id());
      assertThat(emulator.fis().requestCount("GetExperiment")).isEqualTo(3);
    }

    @Test
    void aResetConnectionIsRetriedWithoutStartingTwoExperiments() {
      String templateId = template("reset");
      emulator
          .fis()
          .injectApiFault(ApiFault.times("StartExperiment", ApiFault.Kind.CONNECTION_RESET, 2));

      Experiment experiment = start(templateId);

      assertThat(emulator.fis().experiments())
          .singleElement()
          .satisfies(only -> assertThat(only.id()).isEqualTo(experiment.id()));
    }

    @Test
    void anAnswerLostToATimeoutIsRetriedWithoutStartingTwoExperiments() {
      String templateId = template("slow");
      emulator
          .fis()
          .injectApiFault(
              new ApiFault(
                  "StartExperiment", ApiFault.Kind.LATENCY, 1.0, Duration.ofSeconds(2), 1));

      try (FisClient impatient =
          client("test", "test")
              .httpClient(
                  UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMillis(500)).build())
              .build()) {
        Experiment experiment = start(impatient, templateId, UUID.randomUUID().toString());

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> emulator.fis().requestCount("StartExperiment") >= 2);
        assertThat(emulator.fis().experiments())
            .extracting(e -> e.id())
            .containsOnly(experiment.id());
      }
    }

    @Test
    void aPersistentServerErrorFailsAfterTheSdkMaximumAttempts() {
      emulator.fis().injectApiFault(ApiFault.always("GetExperiment", ApiFault.Kind.SERVER_ERROR));

      CloudApiException error =
          catchThrowableOfType(CloudApiException.class, () -> get("EXPanything"));

      assertThat(error.statusCode()).isEqualTo(500);
      assertThat(error.reason()).isEqualTo(Reason.UNAVAILABLE);
      assertThat(error.errorCode()).isEqualTo("InternalServerException");
      assertThat(emulator.fis().requestCount("GetExperiment")).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
      CloudApiException error = catchThrowableOfType(CloudApiException.class, () -> get("EXPx"));

      assertThat(error.statusCode()).isEqualTo(404);
      assertThat(emulator.fis().requestCount("GetExperiment")).isEqualTo(1);
    }
  }
}
