package io.github.faultexperiment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisExperiment;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The provider-neutral lifecycle driving the AWS backend, end to end over HTTP against the FIS
 * emulator: templates referenced by their {@code Name} tag, experiments stopped after the body, the
 * FIS report PDF fetched from the emulator's S3.
 */
class AwsLifecycleTests {
  private static FaultEmulator emulator;

  @TempDir Path reports;

  @BeforeAll
  static void startEmulator() {
    emulator = FaultEmulator.builder().start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void createTemplates() {
    emulator.reset();
    emulator
        .fis()
        .timings(
            new FisTimings(
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMinutes(5),
                Duration.ofMillis(100),
                Duration.ofMillis(50),
                Duration.ofMillis(50)));
    emulator.fis().createTemplate(Templates.lambdaDelayWithReport("primary"));
    emulator.fis().createTemplate(Templates.lambdaDelay("secondary"));
  }

  private EngineExecutionResults run(Class<?> fixture, Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, "aws");
    parameters.put(FaultExperimentProperties.AWS_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.AWS_REGION, "us-east-1");
    parameters.put(FaultExperimentProperties.AWS_ACCESS_KEY_ID, "test");
    parameters.put(FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, "test");
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.STOP_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    parameters.putAll(extra);
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .configurationParameters(parameters)
        .execute();
  }

  private static void assertAllStopped(int started) {
    List<FisExperiment> experiments = emulator.fis().experiments();
    assertThat(emulator.fis().activeExperiments()).isEmpty();
    assertThat(experiments)
        .hasSize(started)
        .allSatisfy(e -> assertThat(e.state()).isEqualTo("stopped"));
  }

  @Test
  void theBodyRunsUnderTheFaultAndTheExperimentIsStoppedAfter() {
    run(LifecycleTestCase.Succeeds.class, Map.of())
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    assertAllStopped(1);
    assertThat(emulator.fis().experiments().get(0).tags())
        .containsKeys(AwsFaultProvider.RUN_TAG, AwsFaultProvider.TEST_TAG);
  }

  @Test
  void aFailingBodyStillStopsTheExperiment() {
    run(LifecycleTestCase.FailingBody.class, Map.of())
        .testEvents()
        .assertStatistics(stats -> stats.failed(1));

    assertAllStopped(1);
  }

  @Test
  void repeatedAnnotationsRunTwoExperimentsAtOnce() {
    run(LifecycleTestCase.Repeated.class, Map.of())
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    assertAllStopped(2);
  }

  @Test
  void aDryRunSkipsEveryAction() {
    run(LifecycleTestCase.DryRun.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(emulator.fis().experiments())
        .singleElement()
        .satisfies(e -> assertThat(e.state()).isEqualTo("completed"));
  }

  @Test
  void theFisReportPdfIsWrittenWithTheReportsWhenAskedToWait() throws IOException {
    run(
            LifecycleTestCase.Succeeds.class,
            Map.of(FaultExperimentProperties.AWS_REPORT_TIMEOUT, "PT10S"))
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    try (Stream<Path> files = Files.walk(reports)) {
      List<Path> pdfs = files.filter(file -> file.toString().endsWith(".pdf")).toList();
      assertThat(pdfs).singleElement();
      assertThat(Files.readAllBytes(pdfs.get(0))).startsWith("%PDF".getBytes());
    }
  }
}
