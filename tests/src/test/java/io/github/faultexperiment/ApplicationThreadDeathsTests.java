package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Under a fault, the application's threads die with uncaught exceptions. Awaitility, by default,
 * fails any wait during which any thread of the JVM dies that way; the extension's waits must not
 * (injection, end, steady-state retries, the FIS report). Isolated, with Awaitility's default left
 * as it ships, so that only the extension's own settings keep these waits whole, and no other
 * class's wait meets the dying threads.
 */
@Isolated("its application threads die with uncaught exceptions, which other classes' waits see")
class ApplicationThreadDeathsTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final Emulated emulated = Emulated.withTemplates("primary");

  @BeforeAll
  static void awaitilityAsItShips() {
    Awaitility.catchUncaughtExceptionsByDefault();
  }

  @AfterAll
  static void awaitilityAsItWas() {
    Awaitility.reset();
  }

  @Test
  void theWaitsForInjectionAndEndOnFis() {
    assertSurvives(Cloud.AWS);
  }

  @Test
  void theWaitsForInjectionAndEndOnFaultTesting() {
    assertSurvives(Cloud.GCP);
  }

  @Test
  void theWaitForTheFisReport() throws IOException {
    emulated.emulator().fis().reset();
    emulated
        .emulator()
        .fis()
        .timings(
            new FisTimings(
                Duration.ofMillis(20),
                Duration.ofMillis(50),
                Duration.ofMinutes(5),
                Duration.ofMillis(50),
                Duration.ofMillis(300),
                Duration.ofMillis(300)));
    emulated.emulator().fis().createTemplate(AwsReportDownloadTests.TEMPLATE_WITH_REPORT);

    emulated
        .run(
            Cloud.AWS,
            LifecycleTestCase.DyingApplicationThreads.class,
            Map.of(AwsProperties.REPORT_TIMEOUT, "PT10S"))
        .allEvents()
        .assertStatistics(s -> s.failed(0).succeeded(3));

    Path reports =
        emulated.reportsOf(
            LifecycleTestCase.DyingApplicationThreads.class, "bodyRunsUnderTheFault");
    JsonNode report = JSON.readTree(reports.resolve("primary.json").toFile());
    assertThat(report.path("serviceReport").path("status").asText()).isEqualTo("downloaded");
    assertThat(onlyFile(reports, ".pdf")).isNotEmptyFile();
  }

  private static void assertSurvives(Cloud provider) {
    emulated
        .run(provider, LifecycleTestCase.DyingApplicationThreads.class)
        .allEvents()
        .assertStatistics(s -> s.failed(0).succeeded(3));
    emulated.assertNothingLeftRunning();
  }

  private static Path onlyFile(Path directory, String ending) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      List<Path> found = files.filter(file -> file.toString().endsWith(ending)).toList();
      assertThat(found).as("files ending in %s under %s", ending, directory).hasSize(1);
      return found.get(0);
    }
  }
}
