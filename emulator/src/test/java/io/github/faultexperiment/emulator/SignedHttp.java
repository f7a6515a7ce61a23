package io.github.faultexperiment.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A tiny test client for the emulated AWS APIs: signs requests with the SDK's SigV4 signer and
 * sends them with JDK HTTP. Public only so that every test package can share it.
 */
public final class SignedHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final URI endpoint;
  private final AwsCredentialsIdentity credentials;
  private final String service;
  private final String region;

  private SignedHttp(
      URI endpoint, String accessKeyId, String secret, String service, String region) {
    this.endpoint = endpoint;
    this.credentials = AwsCredentialsIdentity.create(accessKeyId, secret);
    this.service = service;
    this.region = region;
  }

  /** FIS in {@code us-east-1} with the emulator's default credentials {@code test}/{@code test}. */
  public static SignedHttp fis(URI endpoint) {
    return new SignedHttp(endpoint, "test", "test", "fis", "us-east-1");
  }

  /** The same client signing with other credentials. */
  public SignedHttp withCredentials(String accessKeyId, String secret) {
    return new SignedHttp(endpoint, accessKeyId, secret, service, region);
  }

  /** The same client signing for another service (e.g. {@code s3}, {@code sts}). */
  public SignedHttp withService(String newService) {
    return new SignedHttp(
        endpoint, credentials.accessKeyId(), credentials.secretAccessKey(), newService, region);
  }

  /** The same client signing for another region. */
  public SignedHttp withRegion(String newRegion) {
    return new SignedHttp(
        endpoint, credentials.accessKeyId(), credentials.secretAccessKey(), service, newRegion);
  }

  /**
   * An answer: status, headers and body.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the response body
   */
  public record Answer(int status, Map<String, List<String>> headers, String body) {
    /** The body as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    /** The FIS error code, from the header as SDKs read it. */
    public String errorType() {
      return header("x-amzn-ErrorType");
    }
  }

  /** A signed GET. */
  /** Starts an experiment of a FIS template with a fresh client token; its id. */
  public String startExperiment(String templateId) {
    return post(
            "/experiments",
            "{\"experimentTemplateId\": \"%s\", \"clientToken\": \"%s\"}"
                .formatted(templateId, UUID.randomUUID()))
        .json()
        .path("experiment")
        .path("id")
        .asText();
  }

  /** Waits until GetExperiment answers this status for the experiment. */
  public void awaitExperimentStatus(String experimentId, String status, Duration atMost) {
    Awaitility.await()
        .atMost(atMost)
        .until(
            () ->
                status.equals(
                    get("/experiments/" + experimentId)
                        .json()
                        .at("/experiment/state/status")
                        .asText()));
  }

  public Answer get(String encodedPathAndQuery) {
    return send("GET", encodedPathAndQuery, null);
  }

  /** A signed POST with a JSON (or, for STS, form) body. */
  public Answer post(String encodedPath, String body) {
    return send("POST", encodedPath, body);
  }

  /** A signed PATCH with a JSON body. */
  public Answer patch(String encodedPath, String body) {
    return send("PATCH", encodedPath, body);
  }

  /** A signed DELETE. */
  public Answer delete(String encodedPathAndQuery) {
    return send("DELETE", encodedPathAndQuery, null);
  }

  /** A signed request; {@code body} may be {@code null}. */
  public Answer send(String method, String encodedPathAndQuery, String body) {
    return sendSigned(sign(method, encodedPathAndQuery, body), body);
  }

  /** Sends a request with whatever headers the caller gives (e.g. none, or a forged signature). */
  public Answer sendRaw(
      String method, String encodedPathAndQuery, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve(encodedPathAndQuery))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return exchange(request.build());
  }

  /** Signs a request without sending it, for tests that tamper with the signed request. */
  public SdkHttpRequest sign(String method, String encodedPathAndQuery, String body) {
    URI uri = endpoint.resolve(encodedPathAndQuery);
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest.Builder unsigned =
        SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    if (body != null) {
      unsigned.putHeader(
          "Content-Type",
          service.equals("sts") ? "application/x-www-form-urlencoded" : "application/json");
    }
    return SIGNER
        .sign(
            request ->
                request
                    .identity(credentials)
                    .request(unsigned.build())
                    .payload(() -> new ByteArrayInputStream(payload))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !service.equals("s3"))
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !service.equals("s3")))
        .request();
  }

  /** Sends a request signed by {@link #sign}, with its headers as they are. */
  public Answer sendSigned(SdkHttpRequest signed, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(signed.getUri())
            .method(
                signed.method().name(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    signed
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> request.header(name, value));
              }
            });
    return exchange(request.build());
  }

  private static Answer exchange(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
