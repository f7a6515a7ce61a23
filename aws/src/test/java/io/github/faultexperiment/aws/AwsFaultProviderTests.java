package io.github.faultexperiment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.providertests.ProviderContexts;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.ServiceReport;
import io.github.faultexperiment.spi.StartRequest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsFaultProviderTests {
  private static FaultEmulator emulator;
  private FaultProvider aws;

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
    emulator.fis().timings(fast(Duration.ofMinutes(5)));
    aws = provider(Map.of());
  }

  private final java.util.List<FaultProvider> opened = new java.util.ArrayList<>();

  @AfterEach
  void disconnect() {
    aws.close();
    opened.forEach(FaultProvider::close);
  }

  private static FisTimings fast(Duration actionDuration) {
    return new FisTimings(
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        actionDuration,
        Duration.ofMillis(100),
        Duration.ofMillis(50),
        Duration.ofMillis(50));
  }

  private static FaultProvider provider(Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(AwsProperties.ENDPOINT, emulator.endpoint().toString());
    parameters.put(AwsProperties.REGION, "us-east-1");
    parameters.put(AwsProperties.ACCESS_KEY_ID, "test");
    parameters.put(AwsProperties.SECRET_ACCESS_KEY, "test");
    parameters.putAll(extra);
    return AwsFaultProvider.create(ProviderContexts.of(parameters));
  }

  private static StartRequest request(boolean dryRun) {
    return new StartRequest(
        UUID.randomUUID().toString(),
        "run-1",
        "[engine:junit-jupiter]/[class:shop.CheckoutTests]/[method:survives()]",
        "CheckoutTests.survives",
        Map.of("team", "checkout"),
        dryRun);
  }

  private ExperimentSnapshot awaitPhase(String experimentId, Phase phase) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> aws.describe(experimentId), snapshot -> snapshot.phase() == phase);
  }

  @Test
  void isFoundByItsIdThroughTheServiceLoader() {
    assertThat(
            java.util.ServiceLoader.load(io.github.faultexperiment.spi.FaultProviderFactory.class))
        .extracting(io.github.faultexperiment.spi.FaultProviderFactory::id)
        .contains("aws");
  }

  @Nested
  class TemplateReferences {
    @Test
    void anIdIsUsedAsIs() {
      String id = emulator.fis().createTemplate(Templates.lambdaDelay("checkout-latency"));

      ResolvedTemplate template = aws.resolveTemplate(id);

      assertThat(template.id()).isEqualTo(id);
      assertThat(template.reference()).isEqualTo(id);
      assertThat(template.name()).isEqualTo("checkout-latency");
      assertThat(template.description()).isEqualTo("adds latency to checkout");
      assertThat(template.details()).containsKeys("actions", "targets", "arn");
    }

    @Test
    void aUniqueNameResolvesThroughTheNameTag() {
      emulator.fis().createTemplate(Templates.lambdaDelay("other"));
      String id = emulator.fis().createTemplate(Templates.lambdaDelay("checkout-latency"));

      assertThat(aws.resolveTemplate("checkout-latency").id()).isEqualTo(id);
    }

    @Test
    void anUnknownNameListsTheTemplatesFound() {
      String named = emulator.fis().createTemplate(Templates.lambdaDelay("checkout-latency"));
      String unnamed = emulator.fis().createTemplate(Templates.unnamed());

      assertThatThrownBy(() -> aws.resolveTemplate("payments-outage"))
          .isInstanceOf(FaultExperimentException.class)
          .hasMessageContaining("'payments-outage'")
          .hasMessageContaining("checkout-latency (" + named + ")")
          .hasMessageContaining(unnamed + " (no Name tag)");
    }

    @Test
    void anAmbiguousNameListsTheCandidates() {
      String first = emulator.fis().createTemplate(Templates.lambdaDelay("twin"));
      String second = emulator.fis().createTemplate(Templates.lambdaDelay("twin"));

      assertThatThrownBy(() -> aws.resolveTemplate("twin"))
          .isInstanceOf(FaultExperimentException.class)
          .hasMessageContaining("2 FIS experiment templates")
          .hasMessageContaining(first)
          .hasMessageContaining(second)
          .hasMessageContaining("template id");
    }

    @Test
    void anUnknownIdListsTheTemplatesFound() {
      emulator.fis().createTemplate(Templates.lambdaDelay("checkout-latency"));

      assertThatThrownBy(() -> aws.resolveTemplate("EXTnosuchtemplate1"))
          .isInstanceOf(FaultExperimentException.class)
          .hasMessageContaining("EXTnosuchtemplate1")
          .hasMessageContaining("checkout-latency");
    }
  }

  @Nested
  class Running {
    @Test
    void aRunPassesThroughEveryPhaseAndStops() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("run")));
      List<String> states = new ArrayList<>();

      ExperimentSnapshot started = aws.start(template, request(false));
      states.add(started.state());
      assertThat(started.phase()).isEqualTo(Phase.STARTING);
      assertThat(started.templateId()).isEqualTo(template.id());
      assertThat(started.resourceName()).startsWith("arn:aws:fis:us-east-1:");

      ExperimentSnapshot injected =
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(10))
              .until(
                  () -> aws.describe(started.id()),
                  snapshot -> {
                    states.add(snapshot.state());
                    return snapshot.phase() == Phase.INJECTED
                        && snapshot.actions().get(0).phase() == Phase.INJECTED;
                  });
      assertThat(injected.state()).isEqualTo("running");
      assertThat(injected.actions())
          .singleElement()
          .satisfies(
              action -> {
                assertThat(action.name()).isEqualTo("delay");
                assertThat(action.actionId()).isEqualTo("aws:lambda:invocation-add-delay");
                assertThat(action.state()).isEqualTo("running");
                assertThat(action.startTime()).isNotNull();
              });
      assertThat(injected.details()).containsKey(FisSnapshots.TARGETS);

      ExperimentSnapshot stopping = aws.stop(started.id());
      states.add(stopping.state());
      assertThat(stopping.phase()).isIn(Phase.ENDING, Phase.ENDED);
      ExperimentSnapshot stopped = awaitPhase(started.id(), Phase.ENDED);
      states.add(stopped.state());

      assertThat(stopped.state()).isEqualTo("stopped");
      assertThat(stopped.endTime()).isNotNull();
      assertThat(states).startsWith("pending").contains("running", "stopping").endsWith("stopped");
    }

    @Test
    void theExperimentCarriesTheRunTestAndUserTags() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("tags")));

      ExperimentSnapshot started = aws.start(template, request(false));

      assertThat(emulator.fis().experiments())
          .singleElement()
          .satisfies(
              experiment ->
                  assertThat(experiment.tags())
                      .containsEntry("team", "checkout")
                      .containsEntry(AwsFaultProvider.RUN_TAG, "run-1")
                      .containsEntry(
                          AwsFaultProvider.TEST_TAG,
                          "[engine:junit-jupiter]/[class:shop.CheckoutTests]/[method:survives()]"));
      assertThat(started.id()).isEqualTo(emulator.fis().experiments().get(0).id());
    }

    @Test
    void aRetriedStartWithTheSameKeyIsTheSameExperiment() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("once")));
      StartRequest request = request(false);

      ExperimentSnapshot first = aws.start(template, request);
      // the lease tag counts in whole seconds: repeat the start in the next one, where a lease
      // computed afresh would make FIS see the token reused with other tags (409)
      long second = Instant.now().getEpochSecond();
      await().until(() -> Instant.now().getEpochSecond() > second);
      ExperimentSnapshot again = aws.start(template, request);

      assertThat(again.id()).isEqualTo(first.id());
      assertThat(emulator.fis().experiments()).hasSize(1);
    }

    @Test
    void aDryRunSkipsEveryAction() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("preview")));

      ExperimentSnapshot started = aws.start(template, request(true));
      ExperimentSnapshot ended = awaitPhase(started.id(), Phase.ENDED);

      assertThat(ended.details()).containsEntry(FisSnapshots.ACTIONS_MODE, "skip-all");
      assertThat(ended.state()).isEqualTo("completed");
      assertThat(ended.actions())
          .allSatisfy(
              action -> {
                assertThat(action.state()).isEqualTo("skipped");
                assertThat(action.phase()).isEqualTo(Phase.ENDED);
              });
    }

    @Test
    void stoppingAnEndedExperimentIsNotAnError() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("twice")));
      ExperimentSnapshot started = aws.start(template, request(false));
      aws.stop(started.id());
      awaitPhase(started.id(), Phase.ENDED);

      ExperimentSnapshot again = aws.stop(started.id());

      assertThat(again.phase()).isEqualTo(Phase.ENDED);
      assertThat(again.state()).isEqualTo("stopped");
    }

    @Test
    void aFailedExperimentCarriesFisReasonAndError() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("doomed")));
      ExperimentSnapshot started = aws.start(template, request(false));

      emulator.fis().failExperiment(started.id(), "AccessDenied", "Role cannot invoke Lambda.");
      ExperimentSnapshot failed = awaitPhase(started.id(), Phase.ENDED);

      assertThat(failed.state()).isEqualTo("failed");
      assertThat(failed.reason()).contains("Role cannot invoke Lambda.");
      assertThat(failed.error()).contains("AccessDenied");
    }

    @Test
    void proceedOnlyDescribes() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("proceed")));
      ExperimentSnapshot started = aws.start(template, request(false));

      assertThat(aws.proceed(started.id()).id()).isEqualTo(started.id());
      assertThat(emulator.fis().requestCount("StopExperiment")).isZero();
    }
  }

  @Nested
  class AllowList {
    @Test
    void anAllowedAccountPasses() {
      try (FaultProvider allowed =
          provider(Map.of(AwsProperties.ALLOWED_ACCOUNTS, "111111111111, 123456789012"))) {
        allowed.verifyAccess();
      }
      assertThat(emulator.fis().requestCount("GetCallerIdentity")).isEqualTo(1);
    }

    @Test
    void anotherAccountIsRefusedByName() {
      try (FaultProvider refused =
          provider(Map.of(AwsProperties.ALLOWED_ACCOUNTS, "111111111111,222222222222"))) {
        assertThatThrownBy(refused::verifyAccess)
            .isInstanceOf(FaultExperimentException.class)
            .hasMessageContaining("123456789012")
            .hasMessageContaining("111111111111, 222222222222")
            .hasMessageContaining("faultexperiment.aws.allowed-accounts");
      }
    }

    @Test
    void withoutAListNothingIsAsked() {
      aws.verifyAccess();

      assertThat(emulator.fis().requestCount("GetCallerIdentity")).isZero();
    }
  }

  @Nested
  class Reports {
    @TempDir Path directory;

    /** The provider with {@code faultexperiment.aws.report-timeout}, closed after the test. */
    private FaultProvider reporting(String timeout) {
      FaultProvider reporting = provider(Map.of(AwsProperties.REPORT_TIMEOUT, timeout));
      opened.add(reporting);
      return reporting;
    }

    private ExperimentSnapshot completedWithReport() {
      emulator.fis().timings(fast(Duration.ofMillis(100)));
      ResolvedTemplate template =
          aws.resolveTemplate(
              emulator.fis().createTemplate(Templates.lambdaDelayWithReport("reported")));
      assertThat(template.details()).containsKey(FisSnapshots.REPORT_CONFIGURATION);
      ExperimentSnapshot started = aws.start(template, request(false));
      return awaitPhase(started.id(), Phase.ENDED);
    }

    @Test
    void theReportPdfIsDownloadedFromS3() throws Exception {
      ExperimentSnapshot ended = completedWithReport();

      ServiceReport report = reporting("PT10S").serviceReport(ended, directory);

      assertThat(report.status()).isEqualTo("downloaded");
      assertThat(report.unavailable()).isFalse();
      assertThat(report.locations()).singleElement().asString().startsWith("arn:aws:s3:::");
      assertThat(report.artifacts())
          .singleElement()
          .satisfies(
              artifact -> {
                assertThat(artifact.mediaType()).isEqualTo("application/pdf");
                assertThat(artifact.file()).startsWith(directory).isRegularFile();
                assertThat(new String(Files.readAllBytes(artifact.file()), 0, 5, "US-ASCII"))
                    .isEqualTo("%PDF-");
              });
      assertThat(emulator.fis().requestCount("GetObject")).isEqualTo(1);
    }

    @Test
    void withoutTimeoutNothingIsDownloadedButTheLocationIsInTheSnapshot() {
      ExperimentSnapshot ended = completedWithReport();

      ServiceReport report = aws.serviceReport(ended, directory);
      assertThat(report.status())
          .isEqualTo("not requested: faultexperiment.aws.report-timeout is PT0S");
      assertThat(report.unavailable()).isFalse();
      assertThat(report.artifacts()).isEmpty();
      ExperimentSnapshot later =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> aws.describe(ended.id()),
                  snapshot ->
                      "completed".equals(snapshot.details().get(FisSnapshots.REPORT_STATUS)));
      assertThat(later.details().get(FisSnapshots.S3_REPORTS))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
          .singleElement()
          .asString()
          .startsWith("arn:aws:s3:::fis-reports/");
      assertThat(emulator.fis().requestCount("GetObject")).isZero();
    }

    @Test
    void aReportStatusThatCannotBeReadIsRecordedNotThrown() {
      ExperimentSnapshot ended = completedWithReport();
      emulator.fis().injectApiFault(ApiFault.always("GetExperiment", ApiFault.Kind.SERVER_ERROR));

      ServiceReport report = reporting("PT10S").serviceReport(ended, directory);

      assertThat(report.status())
          .startsWith("not read: ")
          .contains("GetExperiment")
          .contains("InternalServerException");
      assertThat(report.unavailable()).isTrue();
      assertThat(report.artifacts()).isEmpty();
      assertThat(emulator.fis().requestCount("GetObject")).isZero();
    }

    @Test
    void anExperimentWithoutReportConfigurationHasNone() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("plain")));
      ExperimentSnapshot started = aws.start(template, request(false));
      aws.stop(started.id());
      ExperimentSnapshot ended = awaitPhase(started.id(), Phase.ENDED);

      assertThat(reporting("PT10S").serviceReport(ended, directory)).isEqualTo(ServiceReport.NONE);
    }
  }

  @Nested
  class Failures {
    @Test
    void anUnreachableEndpointIsNamed() throws Exception {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      String nowhere = "http://127.0.0.1:" + closedPort;
      try (FaultProvider lost = provider(Map.of(AwsProperties.ENDPOINT, nowhere))) {
        assertThatThrownBy(() -> lost.describe("EXPanything"))
            .isInstanceOfSatisfying(
                CloudApiException.class, e -> assertThat(e.statusCode()).isZero())
            .hasMessageContaining(nowhere)
            .hasMessageContaining("unreachable");
      }
    }

    @Test
    void aWrongSecretFailsTheAllowListCheck() {
      try (FaultProvider wrong =
          provider(
              Map.of(
                  AwsProperties.SECRET_ACCESS_KEY, "wrong",
                  AwsProperties.ALLOWED_ACCOUNTS, "123456789012"))) {
        assertThatThrownBy(wrong::verifyAccess)
            .isInstanceOfSatisfying(
                CloudApiException.class, e -> assertThat(e.statusCode()).isEqualTo(403))
            .hasMessageContaining("GetCallerIdentity");
      }
    }

    @Test
    void persistentThrottlingEndsAsThrottling() {
      ResolvedTemplate template =
          aws.resolveTemplate(emulator.fis().createTemplate(Templates.lambdaDelay("busy")));
      emulator.fis().injectApiFault(ApiFault.always("StartExperiment", ApiFault.Kind.THROTTLE));

      assertThatThrownBy(() -> aws.start(template, request(false)))
          .isInstanceOfSatisfying(
              CloudApiException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.errorCode()).isEqualTo("ThrottlingException");
              });
      assertThat(emulator.fis().experiments()).isEmpty();
    }

    @Test
    void missingCredentialsSayWhereToPutThem() {
      // The context's environment is empty, so this machine's own credentials are never found.
      Map<String, String> parameters = new HashMap<>();
      parameters.put(AwsProperties.ENDPOINT, emulator.endpoint().toString());
      parameters.put(AwsProperties.REGION, "us-east-1");

      try (FaultProvider anonymous = AwsFaultProvider.create(ProviderContexts.of(parameters))) {
        assertThatThrownBy(() -> anonymous.resolveTemplate("anything"))
            .isInstanceOf(FaultExperimentException.class)
            .hasMessageContaining("no AWS credentials")
            .hasMessageContaining("AWS_ACCESS_KEY_ID")
            .hasMessageContaining("faultexperiment.aws.access-key-id");
      }
    }
  }

  @Nested
  class TagValues {
    @Test
    void shortValuesAreKept() {
      assertThat(AwsFaultProvider.tagValue("[engine:junit-jupiter]/[method:m()]"))
          .isEqualTo("[engine:junit-jupiter]/[method:m()]");
    }

    @Test
    void longValuesAreShortenedToFisLimitAndStayDistinct() {
      String head = "[engine:junit-jupiter]/[class:shop.CheckoutTests]/" + "x".repeat(150);
      String tail = "/[test-template-invocation:#1]".repeat(4);
      String one = head + "a".repeat(100) + tail;
      String two = head + "b".repeat(100) + tail;

      String shortOne = AwsFaultProvider.tagValue(one);
      String shortTwo = AwsFaultProvider.tagValue(two);

      assertThat(shortOne).hasSizeLessThanOrEqualTo(256).startsWith("[engine:junit-jupiter]");
      assertThat(shortOne).endsWith("[test-template-invocation:#1]");
      assertThat(shortOne).isNotEqualTo(shortTwo);
    }
  }
}
