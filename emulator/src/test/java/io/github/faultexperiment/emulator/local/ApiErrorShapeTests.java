package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.common.ActionEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

// Requests shaped as each SDK protocol sends them, over real HTTP; the SDK-level proof is in
// ApiErrorLocalTargetTests.
@DisplayName("API errors in each AWS protocol's own shape")
class ApiErrorShapeTests {
  private static final String ROLE = "arn:aws:iam::123456789012:role/orders-app";

  private final HttpClient http = HttpClient.newHttpClient();
  private final RecordingUpstream upstream = new RecordingUpstream();
  private final LocalTargets targets = new LocalTargets();
  private final LocalTarget api = targets.register(ROLE, upstream.uri());

  @AfterEach
  void close() {
    targets.close();
    upstream.close();
  }

  @Test
  void jsonProtocolThrottlingCarriesTheTypeInHeaderAndBody() throws Exception {
    fault("aws:fis:inject-api-throttle-error", "kinesis", "PutRecord");

    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(api.uri())
                .header("Authorization", authorization("kinesis"))
                .header("X-Amz-Target", "Kinesis_20131202.PutRecord")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.headers().firstValue("x-amzn-ErrorType")).contains("ThrottlingException");
    assertThat(answer.body()).startsWith("{\"__type\":\"ThrottlingException\"");
  }

  @Test
  void ec2ThrottlingIsRequestLimitExceededInEc2sXml() throws Exception {
    fault("aws:fis:inject-api-throttle-error", "ec2", "DescribeInstances");

    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(api.uri())
                .header("Authorization", authorization("ec2"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "Action=DescribeInstances&Version=2016-11-15")));

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body())
        .contains("<Response><Errors><Error><Code>RequestLimitExceeded</Code>");
  }

  @Test
  void otherOperationsOfTheServicePassToTheUpstream() throws Exception {
    fault("aws:fis:inject-api-internal-error", "ec2", "DescribeInstances");

    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(api.uri())
                .header("Authorization", authorization("ec2"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeVpcs")));

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(upstream.received()).hasSize(1);
  }

  @Test
  void s3SlowDownIsTheRestXmlErrorShape() throws Exception {
    fault("aws:fis:inject-api-throttle-error", "s3", null);

    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(api.uri() + "/bucket/key"))
                .header("Authorization", authorization("s3"))
                .GET());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).contains("<Error><Code>SlowDown</Code>");
  }

  @Test
  void aRestCallCountsForAnActionNamingOperationsSinceItsOperationIsNotOnTheWire()
      throws Exception {
    fault("aws:fis:inject-api-internal-error", "s3", "GetObject");

    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(api.uri() + "/bucket/key"))
                .header("Authorization", authorization("s3"))
                .GET());

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(answer.body()).contains("<Error><Code>InternalError</Code>");
    assertThat(upstream.received()).isEmpty();
  }

  private void fault(String actionId, String service, String operations) {
    Map<String, Object> parameters =
        operations == null
            ? Map.of("service", service, "percentage", "100")
            : Map.of("service", service, "operations", operations, "percentage", "100");
    targets.actionStarted(
        new ActionEvent("fis", "EXP1", "api", actionId, parameters, List.of(ROLE)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String authorization(String service) {
    return "AWS4-HMAC-SHA256 Credential=test/20261124/us-east-1/"
        + service
        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";
  }
}
