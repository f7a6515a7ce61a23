package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS and S3 answers, read by the AWS SDK's own clients. */
class StsAndS3Tests extends EmulatorFixture {

  @Test
  void stsClientReadsTheCallerIdentity() {
    emulator.fis().account("210987654321");
    try (StsClient sts = sts("test", "test")) {
      GetCallerIdentityResponse identity = sts.getCallerIdentity();

      assertThat(identity.account()).isEqualTo("210987654321");
      assertThat(identity.arn()).isEqualTo("arn:aws:iam::210987654321:user/test");
      assertThat(identity.userId()).isNotBlank();
    }
    assertThat(emulator.fis().requestCount("GetCallerIdentity")).isEqualTo(1);
  }

  @Test
  void stsRefusesAWrongSecret() {
    try (StsClient sts = sts("test", "wrong")) {
      assertThatThrownBy(sts::getCallerIdentity)
          .isInstanceOfSatisfying(
              StsException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
              });
    }
  }

  @Test
  void reportGoesPendingRunningCompletedAndIsARealPdfOnS3() throws Exception {
    String id = start(emulator.fis().createTemplate(Templates.withReport("fis-reports")), "report");
    JsonNode running = awaitStatus(id, "running");
    assertThat(running.at("/experimentReport/state/status").asText()).isEqualTo("pending");

    awaitStatus(id, "completed");
    JsonNode reported =
        org.awaitility.Awaitility.await()
            .until(
                () -> fis.get("/experiments/" + id).json().get("experiment"),
                experiment ->
                    experiment.at("/experimentReport/state/status").asText().equals("completed"));
    JsonNode s3Report = reported.at("/experimentReport/s3Reports/0");
    assertThat(s3Report.get("reportType").asText()).isEqualTo("application/pdf");
    String arn = s3Report.get("arn").asText();
    assertThat(arn).isEqualTo("arn:aws:s3:::fis-reports/reports/" + id + "/" + id + "-report.pdf");

    String key = arn.substring("arn:aws:s3:::fis-reports/".length());
    try (S3Client s3 = s3("test", "test")) {
      byte[] pdf =
          s3.getObjectAsBytes(request -> request.bucket("fis-reports").key(key)).asByteArray();
      assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      try (PDDocument document = Loader.loadPDF(pdf)) {
        String text = new PDFTextStripper().getText(document);
        assertThat(text).contains(id).contains("completed").contains("wait (aws:fis:wait)");
      }
      assertThat(s3.headObject(request -> request.bucket("fis-reports").key(key)).contentLength())
          .isEqualTo(pdf.length);
      assertThatThrownBy(
              () -> s3.getObjectAsBytes(request -> request.bucket("fis-reports").key("missing")))
          .isInstanceOf(NoSuchKeyException.class);
    }
    try (S3Client s3 = s3("test", "wrong")) {
      assertThatThrownBy(
              () -> s3.getObjectAsBytes(request -> request.bucket("fis-reports").key(key)))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  @Test
  void stoppedExperimentsGetAReportToo() {
    String id =
        start(
            emulator.fis().createTemplate(Templates.withReport("b").replace("PT2M", "PT12H")),
            "stopreport");
    awaitStatus(id, "running");
    fis.delete("/experiments/" + id);
    awaitStatus(id, "stopped");

    JsonNode reported =
        org.awaitility.Awaitility.await()
            .until(
                () -> fis.get("/experiments/" + id).json().get("experiment"),
                experiment ->
                    experiment.at("/experimentReport/state/status").asText().equals("completed"));
    assertThat(reported.at("/experimentReport/s3Reports").size()).isEqualTo(1);
  }

  @Test
  void aFailedReportSaysWhyAndStoresNoObject() {
    emulator.fis().reportOutcome(ReportOutcome.FAILED);
    String id = start(emulator.fis().createTemplate(Templates.withReport("denied")), "failreport");

    JsonNode report = awaitReport(id, "failed");

    assertThat(report.at("/state/reason").asText())
        .startsWith("Report generation failed: Access Denied writing s3://denied/");
    assertThat(report.get("s3Reports")).isEmpty();
  }

  @Test
  void aReportCompletedWithoutItsObjectAnswersNoSuchKey() {
    emulator.fis().reportOutcome(ReportOutcome.NOT_STORED);
    String id = start(emulator.fis().createTemplate(Templates.withReport("gone")), "goneobject");

    JsonNode report = awaitReport(id, "completed");

    String arn = report.at("/s3Reports/0/arn").asText();
    assertThat(arn).isEqualTo("arn:aws:s3:::gone/reports/" + id + "/" + id + "-report.pdf");
    try (S3Client s3 = s3("test", "test")) {
      assertThatThrownBy(
              () ->
                  s3.getObjectAsBytes(
                      request ->
                          request.bucket("gone").key(arn.substring("arn:aws:s3:::gone/".length()))))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
              });
    }
    emulator.reset();
    assertThat(emulator.fis().reportOutcome()).isEqualTo(ReportOutcome.WRITTEN);
  }

  private static JsonNode awaitReport(String id, String status) {
    return org.awaitility.Awaitility.await()
        .until(
            () -> fis.get("/experiments/" + id).json().at("/experiment/experimentReport"),
            report -> report.at("/state/status").asText().equals(status));
  }

  private static StsClient sts(String key, String secret) {
    return StsClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static S3Client s3(String key, String secret) {
    return S3Client.builder()
        .endpointOverride(emulator.endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
