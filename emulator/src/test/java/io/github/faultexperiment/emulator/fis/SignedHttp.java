package io.github.faultexperiment.emulator.fis;

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
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** A tiny test client: signs requests with the SDK's SigV4 signer and sends them with JDK HTTP. */
final class SignedHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final URI endpoint;
  private final AwsCredentialsIdentity credentials;
  private final String service;
  private final String region;

  SignedHttp(URI endpoint, String accessKeyId, String secret, String service, String region) {
    this.endpoint = endpoint;
    this.credentials = AwsCredentialsIdentity.create(accessKeyId, secret);
    this.service = service;
    this.region = region;
  }

  static SignedHttp fis(URI endpoint) {
    return new SignedHttp(endpoint, "test", "test", "fis", "us-east-1");
  }

  SignedHttp withCredentials(String accessKeyId, String secret) {
    return new SignedHttp(endpoint, accessKeyId, secret, service, region);
  }

  SignedHttp withService(String newService) {
    return new SignedHttp(
        endpoint, credentials.accessKeyId(), credentials.secretAccessKey(), newService, region);
  }

  SignedHttp withRegion(String newRegion) {
    return new SignedHttp(
        endpoint, credentials.accessKeyId(), credentials.secretAccessKey(), service, newRegion);
  }

  /** An answer: status, headers and body. */
  record Answer(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    /** The FIS error code, from the header as SDKs read it. */
    String errorType() {
      return header("x-amzn-ErrorType");
    }
  }

  Answer get(String encodedPathAndQuery) {
    return send("GET", encodedPathAndQuery, null);
  }

  Answer post(String encodedPath, String body) {
    return send("POST", encodedPath, body);
  }

  Answer patch(String encodedPath, String body) {
    return send("PATCH", encodedPath, body);
  }

  Answer delete(String encodedPathAndQuery) {
    return send("DELETE", encodedPathAndQuery, null);
  }

  Answer send(String method, String encodedPathAndQuery, String body) {
    return sendSigned(sign(method, encodedPathAndQuery, body), body);
  }

  /** Sends a request with whatever headers the caller gives (e.g. none, or a forged signature). */
  Answer sendRaw(
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

  SdkHttpRequest sign(String method, String encodedPathAndQuery, String body) {
    URI uri = endpoint.resolve(encodedPathAndQuery);
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest.Builder unsigned =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()))
            .encodedPath(uri.getRawPath());
    if (uri.getRawQuery() != null) {
      AwsRequest.parseQuery(uri.getRawQuery()).forEach(unsigned::putRawQueryParameter);
    }
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

  Answer sendSigned(SdkHttpRequest signed, String body) {
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
