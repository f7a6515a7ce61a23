package io.github.faultexperiment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * What a user's hand-written {@code @BeforeEach} talks to FIS with: plain SigV4-signed HTTP (the
 * SDK's signer, the JDK's HTTP client), no retries, no waiting of its own.
 */
final class SignedFis {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsBasicCredentials credentials = AwsBasicCredentials.create("test", "test");

  SignedFis(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** StartExperiment; returns the experiment id. */
  String start(String templateId) {
    String body =
        JSON.createObjectNode()
            .put("clientToken", UUID.randomUUID().toString())
            .put("experimentTemplateId", templateId)
            .toString();
    return call(SdkHttpMethod.POST, "/experiments", body).path("experiment").path("id").asText();
  }

  /** GetExperiment; returns {@code experiment.state.status}. */
  String status(String experimentId) {
    return call(SdkHttpMethod.GET, "/experiments/" + experimentId, null)
        .path("experiment")
        .path("state")
        .path("status")
        .asText();
  }

  /** StopExperiment. */
  void stop(String experimentId) {
    call(SdkHttpMethod.DELETE, "/experiments/" + experimentId, null);
  }

  /** A GetExperiment request signed once, for replaying it in the emulator's throughput test. */
  HttpRequest signedGet(String experimentId) {
    return signed(SdkHttpMethod.GET, "/experiments/" + experimentId, null);
  }

  private JsonNode call(SdkHttpMethod method, String path, String body) {
    try {
      HttpResponse<InputStream> response =
          http.send(signed(method, path, body), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        JsonNode answer = JSON.readTree(in);
        if (response.statusCode() / 100 != 2) {
          throw new IllegalStateException(
              method + " " + path + " → " + response.statusCode() + " " + answer);
        }
        return answer;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private HttpRequest signed(SdkHttpMethod method, String path, String body) {
    byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder().uri(endpoint).method(method).encodedPath(path);
    if (payload != null) {
      request.putHeader("Content-Type", "application/json");
    }
    SignedRequest signed =
        signer.sign(
            sign ->
                sign.identity(credentials)
                    .request(request.build())
                    .payload(
                        payload == null ? null : ContentStreamProvider.fromByteArrayUnsafe(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "fis")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    HttpRequest.Builder out =
        HttpRequest.newBuilder(signed.request().getUri())
            .method(
                method.name(),
                payload == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(payload));
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> out.header(name, value));
              }
            });
    return out.build();
  }
}
