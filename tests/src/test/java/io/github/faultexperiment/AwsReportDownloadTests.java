package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.emulator.fis.ReportOutcome;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The FIS experiment report end to end: an annotated test whose template asks FIS for a report, run
 * with {@code faultexperiment.aws.report-timeout} set, gets the PDF the emulator wrote to its S3
 * downloaded next to its own reports. A report that cannot be fetched — not ready in time, failed
 * at FIS, missing from S3 — does not fail the test: the test's own JSON and HTML reports are still
 * written and published, and say what happened. The rest of the AWS lifecycle is covered by {@link
 * AwsLifecycleTests}.
 */
class AwsReportDownloadTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One Lambda delay whose experiments write a FIS report to S3. */
  static final String TEMPLATE_WITH_REPORT =
      """
      {
        "description": "adds latency to checkout",
        "stopConditions": [{"source": "none"}],
        "targets": {
          "functions": {
            "resourceType": "aws:lambda:function",
            "resourceArns": ["arn:aws:lambda:us-east-1:123456789012:function:checkout"],
            "selectionMode": "ALL"
          }
        },
        "actions": {
          "delay": {
            "actionId": "aws:lambda:invocation-add-delay",
            "parameters": {"startupDelayMilliseconds": "500", "invocationPercentage": "100"},
            "targets": {"Functions": "functions"}
          }
        },
        "experimentReportConfiguration": {
          "outputs": {"s3Configuration": {"bucketName": "fis-reports", "prefix": "runs"}},
          "preExperimentDuration": "PT1M",
          "postExperimentDuration": "PT1M"
        },
        "roleArn": "arn:aws:iam::123456789012:role/fis",
        "tags": {"Name": "primary"}
      }
      """;

  private final Logger reportsLog = Logger.getLogger("io.github.faultexperiment.aws.FisReports");
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private FaultEmulator emulator;

  @TempDir Path reports;
  @TempDir Path published;

  @BeforeEach
  void startEmulator() {
    emulator = FaultEmulator.builder().start();
    emulator.fis().timings(timings(Duration.ofMillis(50)));
    emulator.fis().createTemplate(TEMPLATE_WITH_REPORT);
    reportsLog.addHandler(recorder);
  }

  @AfterEach
  void stopEmulator() {
    reportsLog.removeHandler(recorder);
    emulator.close();
  }

  @Test
  void theFisReportPdfIsWrittenWithTheReportsWhenAskedToWait() throws IOException {
    Events events = run("PT10S");

    events.assertStatistics(stats -> stats.succeeded(1));
    assertThat(emulator.fis().activeExperiments()).isEmpty();
    Path pdf = file(".pdf");
    assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());
    assertThat(pdf.resolveSibling("primary.json")).isRegularFile();
    JsonNode serviceReport = jsonReport().path("serviceReport");
    assertThat(serviceReport.path("status").asText()).isEqualTo("downloaded");
    assertThat(serviceReport.path("unavailable").asBoolean()).isFalse();
    assertThat(serviceReport.path("locations").get(0).asText())
        .startsWith("arn:aws:s3:::fis-reports/runs/")
        .endsWith(pdf.getFileName().toString());
    assertThat(jsonReport().path("artifacts").get(0).asText())
        .isEqualTo(pdf.getFileName().toString());
    assertThat(publishedFiles(events))
        .containsExactlyInAnyOrder("primary.json", "primary.html", pdf.getFileName().toString());
    assertThat(serviceReportEntry(events)).isEqualTo("downloaded");
    assertThat(warnings).isEmpty();
  }

  @Test
  void withoutTimeoutTheReportIsNotRequestedAndNothingIsDownloaded() throws IOException {
    emulator
        .fis()
        .timings(timings(Duration.ofMillis(50)).withReport(Duration.ofMinutes(5), Duration.ZERO));

    Events events = run("PT0S");

    events.assertStatistics(stats -> stats.succeeded(1));
    assertThat(jsonReport().path("serviceReport").path("status").asText())
        .isEqualTo("not requested: faultexperiment.aws.report-timeout is PT0S");
    assertThat(jsonReport().path("details").path("experimentReportStatus").asText())
        .isEqualTo("pending");
    assertThat(publishedFiles(events)).containsExactlyInAnyOrder("primary.json", "primary.html");
    assertThat(emulator.fis().requestCount("GetObject")).isZero();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aReportNotReadyInTimeIsRecordedAndTheTestPasses() throws IOException {
    emulator
        .fis()
        .timings(timings(Duration.ofMillis(50)).withReport(Duration.ofMinutes(5), Duration.ZERO));

    Events events = run("PT0.3S");

    events.assertStatistics(stats -> stats.succeeded(1).failed(0));
    assertThat(emulator.fis().activeExperiments()).isEmpty();
    JsonNode serviceReport = jsonReport().path("serviceReport");
    assertThat(serviceReport.path("status").asText())
        .isEqualTo("not ready after PT0.3S (report status: pending)");
    assertThat(serviceReport.path("unavailable").asBoolean()).isTrue();
    assertThat(jsonReport().path("outcome").asText()).isEqualTo("passed");
    assertThat(Files.readString(file("primary.html")))
        .contains("<th>FIS report</th><td class=\"failed\">not ready after PT0.3S");
    assertThat(publishedFiles(events)).containsExactlyInAnyOrder("primary.json", "primary.html");
    assertThat(serviceReportEntry(events)).startsWith("not ready after PT0.3S");
    assertThat(warnings)
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.getMessage())
                  .contains("was not ready after PT0.3S")
                  .contains("Raise faultexperiment.aws.report-timeout to wait longer");
              assertThat(warning.getThrown())
                  .isInstanceOf(org.awaitility.core.ConditionTimeoutException.class);
            });
  }

  @Test
  void aReportFisFailedToWriteIsRecordedWithItsReasonAndTheTestPasses() throws IOException {
    emulator.fis().reportOutcome(ReportOutcome.FAILED);

    Events events = run("PT10S");

    events.assertStatistics(stats -> stats.succeeded(1).failed(0));
    JsonNode serviceReport = jsonReport().path("serviceReport");
    assertThat(serviceReport.path("status").asText())
        .startsWith("failed: Report generation failed: Access Denied writing s3://fis-reports/");
    assertThat(serviceReport.path("unavailable").asBoolean()).isTrue();
    assertThat(Files.readString(file("primary.html"))).contains("<th>FIS report</th>");
    assertThat(publishedFiles(events)).containsExactlyInAnyOrder("primary.json", "primary.html");
    assertThat(serviceReportEntry(events)).startsWith("failed: Report generation failed");
    assertThat(warnings)
        .singleElement()
        .satisfies(
            warning ->
                assertThat(warning.getMessage())
                    .contains("FIS did not write the experiment report of EXP")
                    .contains("its status is failed (Report generation failed: Access Denied"));
  }

  @Test
  void aReportMissingFromS3IsRecordedWithTheS3ErrorAndTheTestPasses() throws IOException {
    emulator.fis().reportOutcome(ReportOutcome.NOT_STORED);

    Events events = run("PT10S");

    events.assertStatistics(stats -> stats.succeeded(1).failed(0));
    JsonNode serviceReport = jsonReport().path("serviceReport");
    assertThat(serviceReport.path("status").asText())
        .startsWith("download failed: NoSuchBucket (HTTP 404, request id ")
        .endsWith("The specified bucket does not exist: fis-reports");
    assertThat(serviceReport.path("unavailable").asBoolean()).isTrue();
    assertThat(serviceReport.path("locations").get(0).asText())
        .startsWith("arn:aws:s3:::fis-reports/runs/");
    assertThat(jsonReport().path("artifacts")).isEmpty();
    assertThat(Files.readString(file("primary.html")))
        .contains("<td class=\"failed\">download failed: NoSuchBucket");
    assertThat(publishedFiles(events)).containsExactlyInAnyOrder("primary.json", "primary.html");
    assertThat(serviceReportEntry(events)).startsWith("download failed: NoSuchBucket");
    assertThat(warnings)
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.getMessage())
                  .contains("S3 GetObject of the FIS report arn:aws:s3:::fis-reports/runs/")
                  .contains("from " + emulator.endpoint())
                  .contains("(bucket fis-reports, key runs/")
                  .contains("Check faultexperiment.aws.s3-endpoint (or AWS_ENDPOINT_URL_S3)");
              assertThat(warning.getThrown())
                  .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
            });
  }

  private Events run(String reportTimeout) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(LifecycleTestCase.Succeeds.class))
        .configurationParameters(
            Map.of(
                FaultExperimentProperties.PROVIDER, "aws",
                AwsProperties.ENDPOINT, emulator.endpoint().toString(),
                AwsProperties.REGION, "us-east-1",
                AwsProperties.ACCESS_KEY_ID, "test",
                AwsProperties.SECRET_ACCESS_KEY, "test",
                FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S",
                FaultExperimentProperties.STOP_TIMEOUT, "PT10S",
                AwsProperties.REPORT_TIMEOUT, reportTimeout,
                FaultExperimentProperties.REPORT_DIR, reports.toString(),
                FaultExperimentProperties.ENVIRONMENT, "ignore"))
        .outputDirectoryCreator(new PublishedFiles(published))
        .execute()
        .testEvents();
  }

  private static FisTimings timings(Duration report) {
    return new FisTimings(
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMinutes(5),
        Duration.ofMillis(100),
        report,
        report);
  }

  private JsonNode jsonReport() throws IOException {
    return JSON.readTree(file("primary.json").toFile());
  }

  /** The one file under the report directory whose name ends so. */
  private Path file(String ending) throws IOException {
    try (Stream<Path> files = Files.walk(reports)) {
      List<Path> found = files.filter(file -> file.toString().endsWith(ending)).toList();
      assertThat(found).as("files ending in %s under %s", ending, reports).hasSize(1);
      return found.get(0);
    }
  }

  private static List<String> publishedFiles(Events events) {
    return events.fileEntryPublished().stream()
        .map(event -> event.getRequiredPayload(FileEntry.class).getPath().getFileName().toString())
        .toList();
  }

  private static String serviceReportEntry(Events events) {
    return events.reportingEntryPublished().stream()
        .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .filter(entries -> entries.containsKey("faultexperiment.serviceReport"))
        .map(entries -> entries.get("faultexperiment.serviceReport"))
        .findFirst()
        .orElseThrow();
  }

  /** Where the test kit puts the files the extension publishes, one directory per test. */
  private record PublishedFiles(Path root) implements OutputDirectoryCreator {
    @Override
    public Path getRootDirectory() {
      return root;
    }

    @Override
    public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
      return Files.createDirectories(
          root.resolve(descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9._-]+", "_")));
    }
  }
}
