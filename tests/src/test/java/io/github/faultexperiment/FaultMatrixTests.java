package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import io.github.faultexperiment.fixtures.SafetyTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The fault matrix: every cleanup path on both providers, against the emulator; each cell prints
 * {@code matrix <provider> <cell> left_running=<n>} and asserts 0. Process-level cells fork a JVM
 * that runs an annotated fixture against this JVM's emulator, so the emulator outlives the process.
 * The API-fault cells are {@link ApiFaultMatrixTests}: they need not run alone.
 */
// Alone in the JVM: ShutdownHook.runNow() stops every experiment this JVM started, other classes'
// too, ShutdownHook.live() counts them all, and the process cells fork JVMs that must not queue for
// the two cores behind other classes.
@Isolated
class FaultMatrixTests {
  @RegisterExtension
  static final Emulated emulated = Emulated.withTemplates("primary", "secondary");

  @AfterEach
  void noFaultsLeft() {
    SafetyTestCase.duringBody = () -> {};
    restoreApi();
    // A failed cell must not leave a live experiment (and its template's slot) to the next one.
    ShutdownHook.runNow();
  }

  private EngineExecutionResults run(Class<?> fixture, Cloud provider) {
    return run(fixture, provider, Map.of());
  }

  private EngineExecutionResults run(Class<?> fixture, Cloud provider, Map<String, String> extra) {
    return emulated.run(provider, fixture, extra);
  }

  private static int cell(Cloud provider, String cell) {
    return emulated.leftRunningAfter(provider, cell);
  }

  private static Throwable onlyFailure(EngineExecutionResults results) {
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).hasSize(1);
    return failed
        .get(0)
        .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
        .getThrowable()
        .orElseThrow();
  }

  // --- cleanup paths inside the JVM ---

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void passes(Cloud provider) {
    run(LifecycleTestCase.Succeeds.class, provider)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
    assertThat(cell(provider, "pass")).isZero();
    assertThat(emulated.experiments(provider)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void assertionsFail(Cloud provider) {
    assertThat(onlyFailure(run(SafetyTestCase.Fails.class, provider)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("checkout did not survive");
    assertThat(cell(provider, "assertions-fail")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void bodyThrows(Cloud provider) {
    assertThat(onlyFailure(run(LifecycleTestCase.Throwing.class, provider)))
        .hasMessageContaining("boom from the body");
    assertThat(cell(provider, "exception")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void timeoutInterruptsAfterTheStop(Cloud provider) {
    assertThat(onlyFailure(run(LifecycleTestCase.TimesOut.class, provider)))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(cell(provider, "timeout")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void interruptFlagLeftSet(Cloud provider) {
    run(SafetyTestCase.LeavesInterruptFlag.class, provider)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
    assertThat(cell(provider, "interrupt-flag")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void interruptedWhileWaiting(Cloud provider) {
    assertThat(onlyFailure(run(SafetyTestCase.InterruptedWhileWaiting.class, provider)))
        .isInstanceOf(InterruptedException.class);
    assertThat(cell(provider, "interrupt")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void afterEachThrows(Cloud provider) {
    assertThat(onlyFailure(run(SafetyTestCase.AfterEachThrows.class, provider)))
        .hasMessageContaining("tear-down failed");
    assertThat(cell(provider, "aftereach-throws")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void reportWriterFails(Cloud provider) throws IOException {
    Path notADirectory = Files.writeString(emulated.reports().resolve("a-file"), "in the way");

    Throwable failure =
        onlyFailure(
            run(
                LifecycleTestCase.Succeeds.class,
                provider,
                Map.of(FaultExperimentProperties.REPORT_DIR, notADirectory.toString())));

    assertThat(failure).hasMessageContaining("a-file");
    assertThat(cell(provider, "report-writer-fails")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void stopFailureIsSuppressedAndTheHookStillStops(Cloud provider) {
    // AWS: StopExperiment answers 500 until further notice (the SDK's retries give up);
    // GCP: the credentials stop working (401, not retried) — either way after injection.
    SafetyTestCase.duringBody =
        switch (provider) {
          case AWS ->
              () ->
                  emulated.inject(
                      provider, ApiFault.always("StopExperiment", ApiFault.Kind.SERVER_ERROR));
          case GCP -> () -> emulated.emulator().faultTesting().requireBearerToken("revoked");
        };

    Throwable failure =
        onlyFailure(
            run(
                SafetyTestCase.BreaksThenFails.class,
                provider,
                Map.of(FaultExperimentProperties.STOP_TIMEOUT, "PT1S")));

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("did not survive");
    assertThat(failure.getSuppressed())
        .anySatisfy(stop -> assertThat(stop).isInstanceOf(CloudApiException.class));
    assertThat(emulated.leftRunning(provider)).isEqualTo(1);
    assertThat(ShutdownHook.live()).isEqualTo(1);

    restoreApi();
    ShutdownHook.runNow();

    assertThat(cell(provider, "stop-fails+hook")).isZero();
    assertThat(ShutdownHook.live()).isZero();
  }

  private static void restoreApi() {
    emulated.clearApiFaults();
    emulated.emulator().faultTesting().requireBearerToken(null);
  }

  // --- the JVM ends under the test ---

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void sigterm(Cloud provider) throws Exception {
    Process fork = fork(SafetyTestCase.Blocks.class, provider, Map.of(), "sigterm");
    awaitInjected(provider, fork, 1);

    fork.destroy();

    assertThat(fork.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(emulated.experiments(provider)).isEqualTo(1);
    assertThat(cell(provider, "sigterm")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void systemExit(Cloud provider) throws Exception {
    Process fork = fork(SafetyTestCase.ExitsTheJvm.class, provider, Map.of(), "exit");

    assertThat(fork.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(fork.exitValue()).isEqualTo(3);
    assertThat(emulated.experiments(provider)).isEqualTo(1);
    assertThat(cell(provider, "system-exit")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void sigkillThenSweep(Cloud provider) throws Exception {
    String foreign =
        switch (provider) {
          case AWS -> ForeignExperiments.startFis(emulated.emulator().endpoint(), "secondary");
          case GCP ->
              ForeignExperiments.startFaultTesting(
                  emulated.emulator().endpoint(), Emulated.PROJECT, Emulated.LOCATION, "secondary");
        };
    Map<String, String> shortLease =
        Map.of(
            FaultExperimentProperties.LEASE_DURATION, "PT1S",
            FaultExperimentProperties.MAX_EXPERIMENT_LIFETIME, "PT1S");
    Process fork = fork(SafetyTestCase.Blocks.class, provider, shortLease, "sigkill");
    awaitInjected(provider, fork, 2);

    fork.destroyForcibly();
    assertThat(fork.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(emulated.leftRunning(provider))
        .as("the killed JVM's and the foreign one")
        .isEqualTo(2);

    Thread.sleep(2_100); // the lease (1 s, in whole epoch seconds) lapses
    Path log = emulated.reports().resolve("sweep.log");
    Map<String, String> sweepSettings = emulated.parameters(provider);
    sweepSettings.putAll(shortLease);
    Process sweep =
        Forks.start(
            sweepSettings,
            log,
            SweepCommand.class.getName(),
            "--provider",
            provider.name().toLowerCase(Locale.ROOT));
    assertThat(sweep.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).contains("abandoned=1 not_stopped=0");
    assertThat(sweep.exitValue()).isZero();

    assertThat(emulated.leftRunning(provider)).as("only the foreign experiment").isEqualTo(1);
    assertThat(foreignStillRunning(provider, foreign)).isTrue();
    stopForeign(provider, foreign);
    assertThat(cell(provider, "sigkill+sweep")).isZero();
  }

  private Process fork(Class<?> fixture, Cloud provider, Map<String, String> extra, String name)
      throws IOException {
    Map<String, String> properties = emulated.parameters(provider);
    properties.putAll(extra);
    properties.put(FaultExperimentProperties.SWEEP, "false");
    return Forks.start(
        properties,
        emulated.reports().resolve(name + "-" + provider + ".log"),
        ForkedRun.class.getName(),
        fixture.getName());
  }

  private static void awaitInjected(Cloud provider, Process fork, int injected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> emulated.injected(provider) == injected || !fork.isAlive());
    assertThat(fork.isAlive()).as("the forked JVM runs the body").isTrue();
  }

  private static boolean foreignStillRunning(Cloud provider, String foreign) {
    return switch (provider) {
      case AWS ->
          emulated.emulator().fis().activeExperiments().stream()
              .anyMatch(e -> e.id().equals(foreign));
      case GCP ->
          emulated.emulator().faultTesting().activeExperiments().stream()
              .anyMatch(e -> e.name().equals(foreign));
    };
  }

  private static void stopForeign(Cloud provider, String foreign) {
    switch (provider) {
      case AWS -> emulated.emulator().fis().endExperiment(foreign, "arn:aws:cloudwatch:test");
      case GCP -> ForeignExperiments.stopFaultTesting(emulated.emulator().endpoint(), foreign);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> emulated.leftRunning(provider) == 0);
  }

  private static String stopOperation(Cloud provider) {
    return provider == Cloud.AWS ? "StopExperiment" : "experiments.stop";
  }
}
