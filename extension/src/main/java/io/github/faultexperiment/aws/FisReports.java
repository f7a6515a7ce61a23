package io.github.faultexperiment.aws;

import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.Provider;
import io.github.faultexperiment.internal.ExperimentSnapshot;
import io.github.faultexperiment.internal.ReportArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Fetches the PDF report FIS writes to S3 after an experiment whose template has an {@code
 * experimentReportConfiguration}.
 */
final class FisReports {
  private static final Set<String> REPORT_ENDED = Set.of("completed", "failed", "cancelled");
  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration LONGEST_POLL = Duration.ofSeconds(10);

  private final FisClient fis;
  private final AwsSettings settings;
  private final SdkHttpClient http;

  FisReports(FisClient fis, AwsSettings settings, SdkHttpClient http) {
    this.fis = fis;
    this.settings = settings;
    this.http = http;
  }

  /**
   * Waits up to {@code timeout} for the report, then downloads each of its objects into {@code
   * directory}. None when the timeout is zero or FIS writes no report for this experiment (no
   * report configuration, a dry run, a cancelled experiment).
   */
  List<ReportArtifact> download(ExperimentSnapshot ended, Path directory, Duration timeout) {
    if (timeout.isZero()
        || timeout.isNegative()
        || !ended.details().containsKey(FisSnapshots.REPORT_CONFIGURATION)
        || StartExperimentRequest.ExperimentOptions.SKIP_ALL.equals(
            ended.details().get(FisSnapshots.ACTIONS_MODE))
        || "cancelled".equals(ended.state())) {
      return List.of();
    }
    Experiment.Report report = awaitReport(ended.id(), timeout);
    if (!"completed".equals(report.state().status())) {
      throw new FaultExperimentException(
          "FIS did not write the experiment report of "
              + ended.id()
              + ": its status is "
              + report.state().status()
              + (report.state().reason() == null ? "" : " (" + report.state().reason() + ")")
              + ".");
    }
    List<ReportArtifact> artifacts = new ArrayList<>();
    try (S3Client s3 = s3()) {
      for (Experiment.S3Report object : report.s3Reports()) {
        artifacts.add(fetch(s3, object, directory));
      }
    }
    return List.copyOf(artifacts);
  }

  private Experiment.Report awaitReport(String experimentId, Duration timeout) {
    AtomicReference<String> lastStatus = new AtomicReference<>("not started");
    try {
      Experiment experiment =
          await("the FIS experiment report of " + experimentId)
              .atMost(timeout)
              .pollDelay(Duration.ZERO)
              .pollInterval(
                  IterativePollInterval.iterative(
                      previous -> min(previous.multipliedBy(3).dividedBy(2), LONGEST_POLL),
                      FIRST_POLL))
              .until(
                  () -> fis.getExperiment(experimentId),
                  current -> {
                    Experiment.Report report = current.experimentReport();
                    String status = report == null ? null : report.state().status();
                    lastStatus.set(status == null ? "not started" : status);
                    return status != null && REPORT_ENDED.contains(status);
                  });
      return experiment.experimentReport();
    } catch (ConditionTimeoutException slow) {
      throw new FaultExperimentException(
          "The FIS experiment report of "
              + experimentId
              + " was not ready after "
              + timeout
              + " (report status: "
              + lastStatus.get()
              + "). Raise "
              + FaultExperimentProperties.AWS_REPORT_TIMEOUT
              + " to wait longer, or set it to PT0S to"
              + " record only the report's S3 location.",
          slow);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private S3Client s3() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(settings.credentials())
            .httpClient(http)
            .forcePathStyle(true);
    settings.s3EndpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static ReportArtifact fetch(S3Client s3, Experiment.S3Report object, Path directory) {
    String resource = Arn.fromString(object.arn()).resourceAsString();
    int slash = resource.indexOf('/');
    if (slash <= 0 || slash == resource.length() - 1) {
      throw new FaultExperimentException(
          "The FIS report location "
              + object.arn()
              + " is not an S3 object ARN (arn:aws:s3:::bucket/key).");
    }
    String bucket = resource.substring(0, slash);
    String key = resource.substring(slash + 1);
    byte[] content;
    try {
      content = s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
    } catch (AwsServiceException refused) {
      throw new CloudApiException(
          Provider.AWS,
          refused.awsErrorDetails().errorCode(),
          refused.statusCode(),
          refused.requestId(),
          "S3 GetObject of the FIS report " + object.arn() + " failed: " + refused.getMessage(),
          refused);
    } catch (SdkException unreachable) {
      throw new CloudApiException(
          Provider.AWS,
          null,
          0,
          null,
          "S3 GetObject of the FIS report " + object.arn() + " failed: " + unreachable.getMessage(),
          unreachable);
    }
    Path file = directory.resolve(key.substring(key.lastIndexOf('/') + 1));
    try {
      Files.createDirectories(directory);
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the FIS report to " + file, e);
    }
    return new ReportArtifact(
        file,
        "FIS experiment report " + object.arn(),
        "pdf".equalsIgnoreCase(object.reportType()) || key.endsWith(".pdf")
            ? "application/pdf"
            : "application/octet-stream");
  }
}
