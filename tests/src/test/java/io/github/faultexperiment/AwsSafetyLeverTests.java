package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.fis.FisExperiment;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.SafetyLeverStatusInput;

/**
 * The region's FIS safety lever, engaged through the emulator's FIS API with the official SDK
 * client, as an operator would: a test is aborted (or failed) before anything starts, and an
 * experiment FIS cancels says why.
 */
class AwsSafetyLeverTests {
  private static final String FREEZE = "release freeze until Monday";

  @RegisterExtension static final Emulated emulated = Emulated.withTemplates("primary");

  private FisClient fis;

  @BeforeEach
  void connect() {
    fis =
        FisClient.builder()
            .endpointOverride(emulated.emulator().endpoint())
            .region(Region.US_EAST_1)
            .httpClient(ApacheHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
  }

  @AfterEach
  void disconnect() {
    fis.close();
  }

  private void engage() {
    fis.updateSafetyLeverState(
        update ->
            update
                .id("default")
                .state(s -> s.status(SafetyLeverStatusInput.ENGAGED).reason(FREEZE)));
  }

  @Test
  void anEngagedLeverAbortsTheTestWithItsReasonAndStartsNothing() {
    engage();

    emulated
        .run(Cloud.AWS, LifecycleTestCase.Succeeds.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                abortedWithReason(
                    instanceOf(TestAbortedException.class),
                    message(
                        m ->
                            m.contains("safety lever of us-east-1")
                                && m.contains("engaged")
                                && m.contains(FREEZE)
                                && m.contains(AwsProperties.SAFETY_LEVER + "=fail")))));

    assertThat(emulated.emulator().fis().experiments()).isEmpty();
    assertThat(emulated.emulator().fis().requestCount("StartExperiment")).isZero();
  }

  @Test
  void failModeMakesAnEngagedLeverAFailure() {
    engage();

    emulated
        .run(
            Cloud.AWS, LifecycleTestCase.Succeeds.class, Map.of(AwsProperties.SAFETY_LEVER, "FAIL"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(ExperimentNotAllowedException.class),
                    message(m -> m.contains(FREEZE) && !m.contains(AwsProperties.SAFETY_LEVER)))));

    assertThat(emulated.emulator().fis().experiments()).isEmpty();
  }

  @Test
  void aDisengagedLeverLetsTheExperimentRun() {
    engage();
    fis.updateSafetyLeverState(
        update ->
            update
                .id("default")
                .state(s -> s.status(SafetyLeverStatusInput.DISENGAGED).reason("freeze over")));

    emulated
        .run(
            Cloud.AWS, LifecycleTestCase.Succeeds.class, Map.of(AwsProperties.SAFETY_LEVER, "fail"))
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    assertThat(emulated.emulator().fis().requestCount("GetSafetyLever")).isEqualTo(1);
  }

  @Test
  void anUnknownModeIsRefusedNamingTheValidOnes() {
    emulated
        .run(
            Cloud.AWS, LifecycleTestCase.Succeeds.class, Map.of(AwsProperties.SAFETY_LEVER, "skip"))
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        "Configuration parameter faultexperiment.aws.safety-lever = 'skip' is not"
                            + " valid: use one of abort, fail."))));

    assertThat(emulated.emulator().fis().requestCounts()).doesNotContainKey("StartExperiment");
  }

  /**
   * Engaging the lever stops an experiment under way: the test fails naming the lever's reason, and
   * the experiment ends stopped.
   */
  @Test
  void engagingTheLeverDuringTheBodyFailsTheTestWithItsReason() throws Exception {
    CompletableFuture<EngineExecutionResults> run =
        CompletableFuture.supplyAsync(
            () -> emulated.run(Cloud.AWS, LifecycleTestCase.EarlyEnd.class));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                emulated.emulator().fis().experiments().stream()
                    .anyMatch(e -> e.state().equals("running")));
    engage();

    run.get()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(ExperimentFailedException.class),
                    // stopped before or after the lifecycle confirmed the injection: either
                    // way the failure names the lever's reason
                    message(m -> m.matches(".*state stopp(ing|ed).*") && m.contains(FREEZE)))));
    assertThat(emulated.emulator().fis().experiments())
        .extracting(FisExperiment::state)
        .containsExactly("stopped");
  }

  /**
   * The lever engaged after it was read and before the start reached FIS (held back by the
   * emulator's latency fault): FIS cancels the experiment, and the failure and the report carry the
   * lever's reason.
   */
  @Test
  void anExperimentFisCancelsReportsWhy() throws Exception {
    emulated
        .emulator()
        .fis()
        .injectApiFault(
            new ApiFault(
                "StartExperiment", ApiFault.Kind.LATENCY, 1.0, Duration.ofMillis(1_500), 1));

    CompletableFuture<EngineExecutionResults> run =
        CompletableFuture.supplyAsync(
            () -> emulated.run(Cloud.AWS, LifecycleTestCase.Succeeds.class));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> emulated.emulator().fis().requestCount("StartExperiment") >= 1);
    engage();

    run.get()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(ExperimentFailedException.class),
                    message(m -> m.contains("state cancelled") && m.contains(FREEZE)))));
    assertThat(emulated.emulator().fis().experiments())
        .extracting(FisExperiment::state)
        .containsExactly("cancelled");
    Path report =
        emulated
            .reportsOf(LifecycleTestCase.Succeeds.class, "bodyRunsUnderTheFault")
            .resolve("primary.json");
    assertThat(Files.readString(report))
        .contains("\"finalState\" : \"cancelled\"", "\"reason\" : \"" + FREEZE + "\"");
  }
}
