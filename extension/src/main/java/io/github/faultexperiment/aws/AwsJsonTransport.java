package io.github.faultexperiment.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * Sends one REST-JSON call to an AWS endpoint: signs it with SigV4, sends it, retries it as the
 * SDK's retry strategy decides, and turns an error answer into a {@link CloudApiException}.
 */
final class AwsJsonTransport {
  private static final Set<String> THROTTLING_CODES =
      Set.of(
          "ThrottlingException",
          "Throttling",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "SlowDown");

  private final URI endpoint;
  private final String region;
  private final String signingName;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final RetryStrategy retryStrategy;
  private final ObjectMapper json;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  AwsJsonTransport(
      URI endpoint,
      String region,
      String signingName,
      AwsCredentialsProvider credentials,
      SdkHttpClient http,
      RetryStrategy retryStrategy,
      ObjectMapper json) {
    this.endpoint = endpoint;
    this.region = region;
    this.signingName = signingName;
    this.credentials = credentials;
    this.http = http;
    this.retryStrategy = retryStrategy;
    this.json = json;
  }

  /**
   * The standard SDK retry strategy told which of our failures are worth retrying: no answer at
   * all, throttling, and server errors. Everything else (validation, not found, signature) fails at
   * once.
   */
  static RetryStrategy defaultRetryStrategy() {
    return DefaultRetryStrategy.standardStrategyBuilder()
        .retryOnException(AwsJsonTransport::isRetryable)
        .treatAsThrottling(AwsJsonTransport::isThrottling)
        .build();
  }

  static boolean isRetryable(Throwable failure) {
    return failure instanceof CloudApiException e
        && (e.statusCode() == 0 || e.statusCode() >= 500 || isThrottling(e));
  }

  static boolean isThrottling(Throwable failure) {
    return failure instanceof CloudApiException e
        && (e.statusCode() == 429
            || (e.errorCode() != null && THROTTLING_CODES.contains(e.errorCode())));
  }

  /**
   * Calls the API, retrying retryable failures.
   *
   * @param operation the operation's name, for messages and retry scopes
   * @param method the HTTP method
   * @param encodedPath the path, each label already percent-encoded
   * @param query query parameters (unencoded)
   * @param body the JSON body, or {@code null}
   * @return the parsed JSON answer ({@code {}} when the answer is empty)
   */
  JsonNode call(
      String operation,
      SdkHttpMethod method,
      String encodedPath,
      Map<String, String> query,
      Object body) {
    byte[] payload = body == null ? null : toJson(body);
    AcquireInitialTokenResponse initial =
        retryStrategy.acquireInitialToken(AcquireInitialTokenRequest.create(signingName));
    RetryToken token = initial.token();
    pause(initial.delay(), operation);
    for (int attempts = 1; ; attempts++) {
      try {
        JsonNode answer = attempt(operation, method, encodedPath, query, payload);
        retryStrategy.recordSuccess(RecordSuccessRequest.create(token));
        return answer;
      } catch (CloudApiException failure) {
        try {
          var refreshed =
              retryStrategy.refreshRetryToken(
                  RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
          token = refreshed.token();
          pause(refreshed.delay(), operation);
        } catch (TokenAcquisitionFailedException notRetried) {
          throw attempts == 1 ? failure : gaveUp(failure, attempts);
        }
      }
    }
  }

  private static CloudApiException gaveUp(CloudApiException last, int attempts) {
    return new CloudApiException(
        last.provider(),
        last.errorCode(),
        last.statusCode(),
        last.requestId(),
        last.getMessage() + " (gave up after " + attempts + " attempts)",
        last.getCause());
  }

  private JsonNode attempt(
      String operation,
      SdkHttpMethod method,
      String encodedPath,
      Map<String, String> query,
      byte[] payload) {
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(method)
            .uri(endpoint)
            .encodedPath(basePath() + encodedPath)
            .putHeader("Accept", "application/json")
            .putHeader("User-Agent", "fault-experiment-junit");
    query.forEach(request::putRawQueryParameter);
    if (payload != null) {
      request
          .putHeader("Content-Type", "application/json")
          .putHeader("Content-Length", Integer.toString(payload.length));
    }
    ContentStreamProvider content =
        payload == null ? null : ContentStreamProvider.fromByteArrayUnsafe(payload);
    SignedRequest signed =
        signer.sign(
            sign ->
                sign.identity(resolveCredentials())
                    .request(request.build())
                    .payload(content)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(signed.request());
    signed.payload().ifPresent(execute::contentStreamProvider);
    try {
      HttpExecuteResponse response = http.prepareRequest(execute.build()).call();
      int status = response.httpResponse().statusCode();
      byte[] answer = readBody(response);
      if (status / 100 == 2) {
        return answer.length == 0 ? json.createObjectNode() : parse(answer, operation, status);
      }
      throw error(operation, status, response, answer);
    } catch (IOException unreachable) {
      throw new CloudApiException(
          Provider.AWS,
          null,
          0,
          null,
          operation
              + " got no answer from "
              + endpoint
              + " ("
              + unreachable
              + "): the endpoint (or emulator) is unreachable. Check that it is running and that"
              + " faultexperiment.aws.endpoint / AWS_ENDPOINT_URL_FIS point at it.",
          unreachable);
    }
  }

  private String basePath() {
    String path = endpoint.getRawPath();
    return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
  }

  private AwsCredentials resolveCredentials() {
    try {
      return credentials.resolveCredentials();
    } catch (SdkClientException missing) {
      throw new FaultExperimentException(
          "No AWS credentials were found ("
              + missing.getMessage()
              + "). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or another source"
              + " of the SDK's default credentials chain; for an emulator set"
              + " faultexperiment.aws.access-key-id and faultexperiment.aws.secret-access-key.",
          missing);
    }
  }

  private CloudApiException error(
      String operation, int status, HttpExecuteResponse response, byte[] answer) {
    JsonNode body = parseQuietly(answer);
    String code =
        response
            .httpResponse()
            .firstMatchingHeader("x-amzn-ErrorType")
            .map(type -> type.split(":", 2)[0])
            .orElseGet(() -> codeFromBody(body));
    String requestId =
        response
            .httpResponse()
            .firstMatchingHeader("x-amzn-RequestId")
            .or(() -> response.httpResponse().firstMatchingHeader("x-amz-request-id"))
            .orElse(null);
    String message = text(body, "message", "Message");
    if (message == null) {
      message = new String(answer, StandardCharsets.UTF_8).strip();
    }
    return new CloudApiException(
        Provider.AWS,
        code,
        status,
        requestId,
        operation
            + " failed with "
            + (code == null ? "an error" : code)
            + " (HTTP "
            + status
            + (requestId == null ? "" : ", request id " + requestId)
            + "): "
            + message,
        null);
  }

  private static String codeFromBody(JsonNode body) {
    String type = text(body, "__type", "code");
    if (type == null) {
      return null;
    }
    int hash = type.lastIndexOf('#');
    return hash < 0 ? type : type.substring(hash + 1);
  }

  private static String text(JsonNode body, String... names) {
    for (String name : names) {
      JsonNode value = body.get(name);
      if (value != null && value.isTextual()) {
        return value.asText();
      }
    }
    return null;
  }

  private JsonNode parse(byte[] answer, String operation, int status) {
    try {
      return json.readTree(answer);
    } catch (IOException e) {
      throw new CloudApiException(
          Provider.AWS,
          null,
          status,
          null,
          operation + " answered HTTP " + status + " with a body that is not JSON: " + e,
          e);
    }
  }

  private JsonNode parseQuietly(byte[] answer) {
    try {
      JsonNode node = json.readTree(answer);
      return node == null ? json.createObjectNode() : node;
    } catch (IOException notJson) {
      // Proxies and load balancers answer errors in HTML; the status still says enough.
      return json.createObjectNode();
    }
  }

  private static byte[] readBody(HttpExecuteResponse response) throws IOException {
    if (response.responseBody().isEmpty()) {
      return new byte[0];
    }
    try (InputStream body = response.responseBody().get()) {
      return body.readAllBytes();
    }
  }

  private byte[] toJson(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause(Duration delay, String operation) {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultExperimentException(
          "Interrupted while waiting to retry " + operation + " on AWS FIS", e);
    }
  }

  @Override
  public String toString() {
    return "AwsJsonTransport[endpoint=" + endpoint + ", region=" + region + "]";
  }

  /** Query parameters without the ones whose value is absent. */
  static Map<String, String> query(String... namesAndValues) {
    LinkedHashMap<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        query.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return query;
  }
}
