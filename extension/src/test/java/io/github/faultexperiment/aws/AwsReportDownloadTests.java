package io.github.faultexperiment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The FIS experiment report end to end: an annotated test whose template asks FIS for a report, run
 * with {@code faultexperiment.aws.report-timeout} set, gets the PDF the emulator wrote to its S3
 * downloaded next to its own reports. The rest of the AWS lifecycle is covered by {@code
 * io.github.faultexperiment.AwsLifecycleTests}.
 */
class AwsReportDownloadTests {
  private FaultEmulator emulator;

  @TempDir Path reports;

  @BeforeEach
  void startEmulator() {
    emulator = FaultEmulator.builder().start();
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
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void theFisReportPdfIsWrittenWithTheReportsWhenAskedToWait() throws IOException {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(LifecycleTestCase.Succeeds.class))
        .configurationParameters(
            Map.of(
                FaultExperimentProperties.PROVIDER, "aws",
                FaultExperimentProperties.AWS_ENDPOINT, emulator.endpoint().toString(),
                FaultExperimentProperties.AWS_REGION, "us-east-1",
                FaultExperimentProperties.AWS_ACCESS_KEY_ID, "test",
                FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, "test",
                FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S",
                FaultExperimentProperties.STOP_TIMEOUT, "PT10S",
                FaultExperimentProperties.AWS_REPORT_TIMEOUT, "PT10S",
                FaultExperimentProperties.REPORT_DIR, reports.toString()))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    assertThat(emulator.fis().activeExperiments()).isEmpty();
    try (Stream<Path> files = Files.walk(reports)) {
      List<Path> pdfs = files.filter(file -> file.toString().endsWith(".pdf")).toList();
      assertThat(pdfs).singleElement();
      assertThat(Files.readAllBytes(pdfs.get(0))).startsWith("%PDF".getBytes());
      try (Stream<Path> siblings = Files.list(pdfs.get(0).getParent())) {
        assertThat(siblings.map(Path::toString)).anyMatch(name -> name.endsWith(".json"));
      }
    }
  }
}
