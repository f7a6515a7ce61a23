package io.github.faultexperiment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.Provider;
import io.github.faultexperiment.emulator.ApiFault;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisTimings;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class FisClientTests {
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

  private static FisClient.Builder client(String accessKeyId, String secret) {
    return FisClient.builder()
        .endpoint(emulator.endpoint())
        .region("us-east-1")
        .credentials(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)));
  }

  private String template(String name) {
    return fis.createExperimentTemplate(Templates.lambdaDelay(name)).id();
  }

  private Experiment start(String templateId) {
    return fis.startExperiment(
        new StartExperimentRequest(UUID.randomUUID().toString(), templateId, null, Map.of()));
  }

  @Nested
  class Operations {
    @Test
    void createsAndReadsTemplates() {
      ExperimentTemplate created =
          fis.createExperimentTemplate(Templates.lambdaDelay("checkout-latency"));

      ExperimentTemplate read = fis.getExperimentTemplate(created.id());

      assertThat(read.id()).startsWith("EXT").isEqualTo(created.id());
      assertThat(read.arn())
          .startsWith("arn:aws:fis:")
          .endsWith(":experiment-template/" + read.id());
      assertThat(read.name()).isEqualTo("checkout-latency");
      assertThat(read.description()).isEqualTo("adds latency to checkout");
      assertThat(read.actions()).containsOnlyKeys("delay");
      assertThat(read.creationTime()).isNotNull();
    }

    @Test
    void listsEveryTemplateAcrossPages() {
      List<String> ids = IntStream.range(0, 105).mapToObj(i -> template("t" + i)).toList();

      Page<ExperimentTemplateSummary> first = fis.listExperimentTemplates(null);
      List<ExperimentTemplateSummary> all = fis.listAllExperimentTemplates();

      assertThat(first.items()).hasSizeLessThanOrEqualTo(100);
      assertThat(first.nextToken()).isNotNull();
      assertThat(all)
          .extracting(ExperimentTemplateSummary::id)
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThat(all).extracting(ExperimentTemplateSummary::name).contains("t0", "t104");
    }

    @Test
    void startsGetsListsAndStopsAnExperiment() {
      String templateId = template("lifecycle");
      String other = template("other");

      Experiment started =
          fis.startExperiment(
              new StartExperimentRequest(
                  UUID.randomUUID().toString(), templateId, null, Map.of("team", "checkout")));
      start(other);

      assertThat(started.id()).startsWith("EXP");
      assertThat(started.experimentTemplateId()).isEqualTo(templateId);
      assertThat(started.state().status()).isIn("pending", "initiating");
      assertThat(started.tags()).containsEntry("team", "checkout");
      assertThat(started.actions()).containsOnlyKeys("delay");

      Experiment running =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> fis.getExperiment(started.id()), e -> "running".equals(e.state().status()));
      assertThat(running.startTime()).isNotNull();
      assertThat(running.actions().get("delay").actionId())
          .isEqualTo("aws:lambda:invocation-add-delay");

      assertThat(fis.listExperiments(templateId, null).items())
          .extracting(ExperimentSummary::id)
          .containsExactly(started.id());
      assertThat(fis.listExperiments(null, null).items()).hasSize(2);

      Experiment stopping = fis.stopExperiment(started.id());
      assertThat(stopping.state().status()).isIn("stopping", "stopped");
      Experiment stopped =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> fis.getExperiment(started.id()), e -> "stopped".equals(e.state().status()));
      assertThat(stopped.endTime()).isNotNull();
    }

    @Test
    void tagsAnExperimentByItsArn() {
      Experiment experiment = start(template("tagged"));

      fis.tagResource(experiment.arn(), Map.of("owner", "ci", "path/like", "a:b"));

      assertThat(fis.listTagsForResource(experiment.arn()))
          .containsEntry("owner", "ci")
          .containsEntry("path/like", "a:b");
    }

    @Test
    void theSameClientTokenStartsOneExperiment() {
      String templateId = template("idempotent");
      StartExperimentRequest request =
          new StartExperimentRequest(UUID.randomUUID().toString(), templateId, null, Map.of());

      Experiment first = fis.startExperiment(request);
      Experiment again = fis.startExperiment(request);

      assertThat(again.id()).isEqualTo(first.id());
      assertThat(emulator.fis().experiments()).hasSize(1);
    }

    @Test
    void toStringNamesTheEndpointButNoCredentials() {
      try (FisClient secretive = client("AKIDSECRETIVE", "very-secret").build()) {
        assertThat(secretive.toString())
            .contains(emulator.endpoint().toString())
            .doesNotContain("AKIDSECRETIVE")
            .doesNotContain("very-secret");
      }
    }
  }

  @Nested
  class Errors {
    @Test
    void anUnknownExperimentIsNotFound() {
      CloudApiException error =
          catchThrowableOfType(
              CloudApiException.class, () -> fis.getExperiment("EXPdoesnotexist1"));

      assertThat(error.provider()).isEqualTo(Provider.AWS);
      assertThat(error.statusCode()).isEqualTo(404);
      assertThat(error.errorCode()).isEqualTo("ResourceNotFoundException");
      assertThat(error.requestId()).isNotBlank();
      assertThat(error.getMessage())
          .contains("GetExperiment")
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
                  fis.createExperimentTemplate(
                      "{\"description\": \"no actions\", \"roleArn\": \"arn:aws:iam::123456789012:role/fis\"}"));

      assertThat(error.statusCode()).isEqualTo(400);
      assertThat(error.errorCode()).isEqualTo("ValidationException");
      assertThat(error.getMessage()).isNotBlank();
    }

    @Test
    void aWrongSecretIsABadSignature() {
      try (FisClient wrong = client("test", "not-the-secret").build()) {
        CloudApiException error =
            catchThrowableOfType(CloudApiException.class, wrong::listAllExperimentTemplates);

        assertThat(error.statusCode()).isEqualTo(403);
        assertThat(error.errorCode()).isEqualTo("InvalidSignatureException");
      }
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
      try (FisClient stranger = client("AKIDUNKNOWN", "test").build()) {
        CloudApiException error =
            catchThrowableOfType(CloudApiException.class, stranger::listAllExperimentTemplates);

        assertThat(error.statusCode()).isEqualTo(403);
        assertThat(error.errorCode()).isEqualTo("UnrecognizedClientException");
      }
    }

    @Test
    void theSameClientTokenForAnotherTemplateIsAConflict() {
      String token = UUID.randomUUID().toString();
      fis.startExperiment(new StartExperimentRequest(token, template("a"), null, Map.of()));

      CloudApiException error =
          catchThrowableOfType(
              CloudApiException.class,
              () ->
                  fis.startExperiment(
                      new StartExperimentRequest(token, template("b"), null, Map.of())));

      assertThat(error.statusCode()).isEqualTo(409);
      assertThat(error.errorCode()).isEqualTo("ConflictException");
    }

    @Test
    void aSixthActiveExperimentExceedsTheQuota() {
      String templateId = template("busy");
      IntStream.range(0, 5).forEach(i -> start(templateId));

      CloudApiException error =
          catchThrowableOfType(CloudApiException.class, () -> start(templateId));

      assertThat(error.statusCode()).isEqualTo(402);
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
      try (FisClient lost = client("test", "test").endpoint(nowhere).build()) {
        CloudApiException error =
            catchThrowableOfType(CloudApiException.class, () -> lost.getExperiment("EXP1"));

        assertThat(error.statusCode()).isZero();
        assertThat(error.errorCode()).isNull();
        assertThat(error.getMessage()).contains(nowhere.toString()).contains("unreachable");
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

      assertThat(fis.getExperimentTemplate(templateId).id()).isEqualTo(templateId);
      assertThat(emulator.fis().requestCount("GetExperimentTemplate")).isEqualTo(3);
    }

    @Test
    void serverErrorsAreRetried() {
      Experiment experiment = start(template("flaky"));
      emulator.fis().injectApiFault(ApiFault.times("GetExperiment", ApiFault.Kind.SERVER_ERROR, 1));
      emulator.fis().injectApiFault(ApiFault.times("GetExperiment", ApiFault.Kind.UNAVAILABLE, 1));

      assertThat(fis.getExperiment(experiment.id()).id()).isEqualTo(experiment.id());
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
          client("test", "test").readTimeout(Duration.ofMillis(500)).build()) {
        Experiment experiment =
            impatient.startExperiment(
                new StartExperimentRequest(
                    UUID.randomUUID().toString(), templateId, null, Map.of()));

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

      assertThatThrownBy(() -> fis.getExperiment("EXPanything"))
          .isInstanceOfSatisfying(
              CloudApiException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("InternalServerException");
                assertThat(e.getMessage()).endsWith("(gave up after 3 attempts)");
              });
      assertThat(emulator.fis().requestCount("GetExperiment")).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
      assertThatThrownBy(() -> fis.getExperiment("EXPmissing"))
          .isInstanceOfSatisfying(
              CloudApiException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
      assertThat(emulator.fis().requestCount("GetExperiment")).isEqualTo(1);
    }
  }
}
