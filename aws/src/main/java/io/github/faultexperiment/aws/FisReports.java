package io.github.faultexperiment.aws;

import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.ReportArtifact;
import io.github.faultexperiment.spi.ServiceReport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.IterativePollInterval;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentReport;
import software.amazon.awssdk.services.fis.model.ExperimentReportS3Report;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Fetches the PDF report FIS writes to S3 after an experiment whose template has an {@code
 * experimentReportConfiguration}.
 *
 * <p>The report is evidence, not the verdict: when it is not ready in time, FIS failed to write it,
 * or S3 refuses it, that is recorded in the returned {@link ServiceReport} and logged as a warning
 * naming what to change — it never fails the test, whose own report is written regardless.
 */
final class FisReports {
  private static final System.Logger LOG = System.getLogger(FisReports.class.getName());
  private static final Set<String> REPORT_ENDED = Set.of("completed", "failed", "cancelled");
  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration LONGEST_POLL = Duration.ofSeconds(10);
  private static final String TITLE = "FIS report";

  private final FisClient fis;
  private final FisCalls calls;
  private final AwsSettings settings;
  private final SdkHttpClient http;

  FisReports(FisClient fis, FisCalls calls, AwsSettings settings, SdkHttpClient http) {
    this.fis = fis;
    this.calls = calls;
    this.settings = settings;
    this.http = http;
  }

  /**
   * Waits up to {@link AwsProperties#REPORT_TIMEOUT} for the report, then downloads each of its
   * objects into {@code directory}. {@link ServiceReport#NONE} when FIS writes no report for this
   * experiment (no report configuration, a dry run, a cancelled experiment); {@code not requested}
   * with the location as last seen when the timeout is zero.
   */
  ServiceReport fetch(ExperimentSnapshot ended, Path directory) {
    Duration timeout = settings.reportTimeout();
    if (!ended.details().containsKey(FisSnapshots.REPORT_CONFIGURATION)
        || "skip-all".equals(ended.details().get(FisSnapshots.ACTIONS_MODE))
        || "cancelled".equals(ended.state())) {
      return ServiceReport.NONE;
    }
    if (timeout.isZero() || timeout.isNegative()) {
      return new ServiceReport(
          TITLE,
          "not requested: " + AwsProperties.REPORT_TIMEOUT + " is " + timeout,
          false,
          lastSeenLocations(ended),
          List.of());
    }
    AtomicReference<ExperimentReport> lastSeen = new AtomicReference<>();
    ExperimentReport report;
    try {
      report = awaitReport(ended.id(), timeout, lastSeen);
    } catch (ConditionTimeoutException slow) {
      ExperimentReport seen = lastSeen.get();
      String status = seen == null ? "not started" : seen.state().statusAsString();
      LOG.log(
          Level.WARNING,
          "The FIS experiment report of "
              + ended.id()
              + " was not ready after "
              + timeout
              + " (report status: "
              + status
              + "). Raise "
              + AwsProperties.REPORT_TIMEOUT
              + " to wait longer, or set it to PT0S to"
              + " record only the report's S3 location.",
          slow);
      return new ServiceReport(
          TITLE,
          "not ready after " + timeout + " (report status: " + status + ")",
          true,
          seen == null ? lastSeenLocations(ended) : arns(seen),
          List.of());
    } catch (FaultExperimentException unread) {
      LOG.log(
          Level.WARNING,
          "Could not read the FIS experiment report status of "
              + ended.id()
              + ": "
              + unread.getMessage()
              + " Look for the report in the template's experimentReportConfiguration S3 bucket.",
          unread);
      return new ServiceReport(
          TITLE, "not read: " + unread.getMessage(), true, lastSeenLocations(ended), List.of());
    }
    if (!"completed".equals(report.state().statusAsString())) {
      String why =
          report.state().statusAsString()
              + (report.state().reason() == null ? "" : ": " + report.state().reason());
      LOG.log(
          Level.WARNING,
          "FIS did not write the experiment report of "
              + ended.id()
              + ": its status is "
              + report.state().statusAsString()
              + (report.state().reason() == null ? "" : " (" + report.state().reason() + ")")
              + ". Check that reason, and that the experiment's role may s3:PutObject to the"
              + " template's report bucket.");
      return new ServiceReport(TITLE, why, true, arns(report), List.of());
    }
    return download(ended.id(), report, directory);
  }

  private ServiceReport download(String experimentId, ExperimentReport report, Path directory) {
    if (report.s3Reports().isEmpty()) {
      LOG.log(
          Level.WARNING,
          "FIS completed the experiment report of "
              + experimentId
              + " but named no S3 object to download.");
      return new ServiceReport(
          TITLE,
          "download failed: FIS named no S3 object of the completed report",
          true,
          List.of(),
          List.of());
    }
    List<ReportArtifact> artifacts = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (S3Client s3 = s3()) {
      for (ExperimentReportS3Report object : report.s3Reports()) {
        ObjectFetch fetched = getObject(s3, object, directory);
        if (fetched.artifact() != null) {
          artifacts.add(fetched.artifact());
        } else {
          failures.add(fetched.failure());
        }
      }
    }
    return failures.isEmpty()
        ? new ServiceReport(TITLE, "downloaded", false, arns(report), artifacts)
        : new ServiceReport(
            TITLE,
            "download failed: " + String.join("; ", failures),
            true,
            arns(report),
            artifacts);
  }

  private ExperimentReport awaitReport(
      String experimentId, Duration timeout, AtomicReference<ExperimentReport> lastSeen) {
    Experiment experiment =
        await("the FIS experiment report of " + experimentId)
            // the application's threads die of their own faults meanwhile: not the report's
            .dontCatchUncaughtExceptions()
            .atMost(timeout)
            .pollDelay(Duration.ZERO)
            .pollInterval(
                IterativePollInterval.iterative(
                    previous -> min(previous.multipliedBy(3).dividedBy(2), LONGEST_POLL),
                    FIRST_POLL))
            .until(
                () ->
                    calls
                        .call(
                            "FIS GetExperiment",
                            () -> fis.getExperiment(get -> get.id(experimentId)))
                        .experiment(),
                current -> {
                  ExperimentReport report = current.experimentReport();
                  lastSeen.set(report);
                  String status = report == null ? null : report.state().statusAsString();
                  return status != null && REPORT_ENDED.contains(status);
                });
    return experiment.experimentReport();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static List<String> arns(ExperimentReport report) {
    return report.s3Reports().stream().map(ExperimentReportS3Report::arn).toList();
  }

  private static List<String> lastSeenLocations(ExperimentSnapshot ended) {
    return ended.details().get(FisSnapshots.S3_REPORTS) instanceof List<?> arns
        ? arns.stream().map(String::valueOf).toList()
        : List.of();
  }

  private S3Client s3() {
    S3ClientBuilder builder =
        settings.configure(
            S3Client.builder().httpClient(http).forcePathStyle(true),
            settings.s3EndpointOverride());
    return builder.build();
  }

  private String s3Endpoint() {
    return settings
        .s3EndpointOverride()
        .map(Object::toString)
        .orElse("the SDK's S3 endpoint of " + settings.region());
  }

  /**
   * One S3 object of the report: the file written, or (logged as a warning naming the endpoint,
   * bucket and key) why not.
   */
  private ObjectFetch getObject(S3Client s3, ExperimentReportS3Report object, Path directory) {
    String resource;
    try {
      resource = Arn.fromString(object.arn()).resourceAsString();
    } catch (IllegalArgumentException notAnArn) {
      return notS3Object(object, notAnArn);
    }
    int slash = resource.indexOf('/');
    if (slash <= 0 || slash == resource.length() - 1) {
      return notS3Object(object, null);
    }
    String bucket = resource.substring(0, slash);
    String key = resource.substring(slash + 1);
    String getObject =
        "S3 GetObject of the FIS report "
            + object.arn()
            + " from "
            + s3Endpoint()
            + " (bucket "
            + bucket
            + ", key "
            + key
            + ") failed: ";
    byte[] content;
    try {
      content = s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
    } catch (AwsServiceException refused) {
      String failure =
          refused.awsErrorDetails().errorCode()
              + " (HTTP "
              + refused.statusCode()
              + ", request id "
              + refused.requestId()
              + "): "
              + refused.awsErrorDetails().errorMessage();
      LOG.log(
          Level.WARNING,
          getObject
              + failure
              + ". Check "
              + AwsProperties.S3_ENDPOINT
              + " (or AWS_ENDPOINT_URL_S3) and that the credentials may s3:GetObject there.",
          refused);
      return ObjectFetch.failed(failure);
    } catch (SdkException unreachable) {
      LOG.log(
          Level.WARNING,
          getObject
              + unreachable.getMessage()
              + " Check "
              + AwsProperties.S3_ENDPOINT
              + " (or AWS_ENDPOINT_URL_S3).",
          unreachable);
      return ObjectFetch.failed(unreachable.getMessage());
    }
    Path file = directory.resolve(key.substring(key.lastIndexOf('/') + 1));
    try {
      Files.createDirectories(directory);
      Files.write(file, content);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not write the FIS report " + object.arn() + " to " + file, e);
      return ObjectFetch.failed("could not write " + file + ": " + e);
    }
    return new ObjectFetch(
        new ReportArtifact(
            file,
            "FIS experiment report " + object.arn(),
            "pdf".equalsIgnoreCase(object.reportType()) || key.endsWith(".pdf")
                ? "application/pdf"
                : "application/octet-stream"),
        null);
  }

  private static ObjectFetch notS3Object(ExperimentReportS3Report object, Exception cause) {
    String failure =
        "the FIS report location "
            + object.arn()
            + " is not an S3 object ARN (arn:aws:s3:::bucket/key)";
    LOG.log(Level.WARNING, "Could not download: " + failure + ".", cause);
    return ObjectFetch.failed(failure);
  }

  /**
   * What became of one S3 object of the report.
   *
   * @param artifact the file written, or {@code null} when it could not be fetched
   * @param failure why it could not be fetched, or {@code null}
   */
  private record ObjectFetch(ReportArtifact artifact, String failure) {
    static ObjectFetch failed(String failure) {
      return new ObjectFetch(null, failure);
    }
  }
}
