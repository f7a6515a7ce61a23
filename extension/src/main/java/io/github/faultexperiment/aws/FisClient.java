package io.github.faultexperiment.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.faultexperiment.FaultExperimentException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * A small client for the AWS Fault Injection Service REST-JSON API (2020-12-01), built on AWS SDK
 * v2 core modules because the SDK's own FIS module is not available: SigV4 signing (service {@code
 * fis}), the SDK's HTTP client and retry strategy, Jackson for JSON.
 *
 * <p>Immutable and thread-safe. Every failure is a {@link
 * io.github.faultexperiment.CloudApiException} carrying FIS's error code, HTTP status and request
 * id (status {@code 0} when no answer came).
 */
final class FisClient implements AutoCloseable {
  private static final int MAX_PAGE = 100;

  private final URI endpoint;
  private final String region;
  private final SdkHttpClient http;
  private final boolean ownsHttp;
  private final AwsJsonTransport transport;
  private final ObjectMapper json = FisJson.mapper();

  private FisClient(Builder builder) {
    this.endpoint = Objects.requireNonNull(builder.endpoint, "endpoint");
    this.region = Objects.requireNonNull(builder.region, "region");
    this.ownsHttp = builder.http == null;
    this.http =
        ownsHttp
            ? UrlConnectionHttpClient.builder()
                .connectionTimeout(builder.connectTimeout)
                .socketTimeout(builder.readTimeout)
                .build()
            : builder.http;
    this.transport =
        new AwsJsonTransport(
            endpoint, region, "fis", builder.credentials, http, builder.retryStrategy, json);
  }

  /** A builder; endpoint and region are required. */
  static Builder builder() {
    return new Builder();
  }

  /** The endpoint this client calls. */
  URI endpoint() {
    return endpoint;
  }

  /** The region requests are signed for. */
  String region() {
    return region;
  }

  /** StartExperiment: {@code POST /experiments}. */
  Experiment startExperiment(StartExperimentRequest request) {
    return experiment(
        call("StartExperiment", SdkHttpMethod.POST, "/experiments", Map.of(), request));
  }

  /** GetExperiment: {@code GET /experiments/{id}}. */
  Experiment getExperiment(String experimentId) {
    return experiment(
        call(
            "GetExperiment",
            SdkHttpMethod.GET,
            "/experiments/" + label(experimentId),
            Map.of(),
            null));
  }

  /** StopExperiment: {@code DELETE /experiments/{id}}; FIS answers with the experiment stopping. */
  Experiment stopExperiment(String experimentId) {
    return experiment(
        call(
            "StopExperiment",
            SdkHttpMethod.DELETE,
            "/experiments/" + label(experimentId),
            Map.of(),
            null));
  }

  /**
   * ListExperiments: one page, newest first as FIS returns them.
   *
   * @param experimentTemplateId only experiments of this template, or {@code null} for all
   * @param nextToken the previous page's token, or {@code null} for the first page
   */
  Page<ExperimentSummary> listExperiments(String experimentTemplateId, String nextToken) {
    JsonNode answer =
        call(
            "ListExperiments",
            SdkHttpMethod.GET,
            "/experiments",
            AwsJsonTransport.query(
                "maxResults",
                Integer.toString(MAX_PAGE),
                "nextToken",
                nextToken,
                "experimentTemplateId",
                experimentTemplateId),
            null);
    return new Page<>(
        convert(answer.path("experiments"), new TypeReference<List<ExperimentSummary>>() {}),
        nextToken(answer));
  }

  /**
   * CreateExperimentTemplate, from the JSON {@code aws fis create-experiment-template
   * --cli-input-json} takes.
   */
  ExperimentTemplate createExperimentTemplate(String cliInputJson) {
    ObjectNode request;
    try {
      request = (ObjectNode) json.readTree(cliInputJson);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new FaultExperimentException(
          "The experiment template is not a JSON object as `aws fis create-experiment-template"
              + " --cli-input-json` takes: "
              + e.getMessage(),
          e);
    }
    if (!request.hasNonNull("clientToken")) {
      request.put("clientToken", UUID.randomUUID().toString());
    }
    return template(
        call(
            "CreateExperimentTemplate",
            SdkHttpMethod.POST,
            "/experimentTemplates",
            Map.of(),
            request));
  }

  /** GetExperimentTemplate: {@code GET /experimentTemplates/{id}}. */
  ExperimentTemplate getExperimentTemplate(String templateId) {
    return template(
        call(
            "GetExperimentTemplate",
            SdkHttpMethod.GET,
            "/experimentTemplates/" + label(templateId),
            Map.of(),
            null));
  }

  /** ListExperimentTemplates: one page. */
  Page<ExperimentTemplateSummary> listExperimentTemplates(String nextToken) {
    JsonNode answer =
        call(
            "ListExperimentTemplates",
            SdkHttpMethod.GET,
            "/experimentTemplates",
            AwsJsonTransport.query(
                "maxResults", Integer.toString(MAX_PAGE), "nextToken", nextToken),
            null);
    return new Page<>(
        convert(
            answer.path("experimentTemplates"),
            new TypeReference<List<ExperimentTemplateSummary>>() {}),
        nextToken(answer));
  }

  /** Every template, following {@code nextToken} to the last page. */
  List<ExperimentTemplateSummary> listAllExperimentTemplates() {
    List<ExperimentTemplateSummary> all = new ArrayList<>();
    String token = null;
    do {
      Page<ExperimentTemplateSummary> page = listExperimentTemplates(token);
      all.addAll(page.items());
      token = page.nextToken();
    } while (token != null);
    return List.copyOf(all);
  }

  /** TagResource: adds or replaces tags on an experiment or template ARN. */
  void tagResource(String resourceArn, Map<String, String> tags) {
    call(
        "TagResource",
        SdkHttpMethod.POST,
        "/tags/" + label(resourceArn),
        Map.of(),
        Map.of("tags", tags));
  }

  /** ListTagsForResource: the tags of an experiment or template ARN. */
  Map<String, String> listTagsForResource(String resourceArn) {
    JsonNode answer =
        call(
            "ListTagsForResource",
            SdkHttpMethod.GET,
            "/tags/" + label(resourceArn),
            Map.of(),
            null);
    Map<String, String> tags =
        convert(answer.path("tags"), new TypeReference<Map<String, String>>() {});
    return tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** Releases the HTTP client when this client created it. */
  @Override
  public void close() {
    if (ownsHttp) {
      http.close();
    }
  }

  @Override
  public String toString() {
    return "FisClient[endpoint=" + endpoint + ", region=" + region + "]";
  }

  private JsonNode call(
      String operation, SdkHttpMethod method, String path, Map<String, String> query, Object body) {
    return transport.call(operation, method, path, query, body);
  }

  /** One path label: ARNs keep their {@code :} and {@code /} inside the label, percent-encoded. */
  private static String label(String value) {
    if (value == null || value.isBlank()) {
      throw new FaultExperimentException("An empty FIS id or ARN was given where one is required");
    }
    return SdkHttpUtils.urlEncode(value);
  }

  private Experiment experiment(JsonNode answer) {
    return convert(answer.path("experiment"), new TypeReference<Experiment>() {});
  }

  private ExperimentTemplate template(JsonNode answer) {
    return convert(answer.path("experimentTemplate"), new TypeReference<ExperimentTemplate>() {});
  }

  private static String nextToken(JsonNode answer) {
    JsonNode token = answer.get("nextToken");
    return token == null || token.isNull() || token.asText().isEmpty() ? null : token.asText();
  }

  private <T> T convert(JsonNode node, TypeReference<T> type) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    return json.convertValue(node, type);
  }

  /** Builds a {@link FisClient}. */
  static final class Builder {
    private URI endpoint;
    private String region;
    private AwsCredentialsProvider credentials;
    private SdkHttpClient http;
    private RetryStrategy retryStrategy = AwsJsonTransport.defaultRetryStrategy();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The FIS endpoint, e.g. {@code https://fis.us-east-1.amazonaws.com} or an emulator. */
    Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** The region to sign for. */
    Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Where credentials come from; the SDK's default chain when not set. */
    Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    /** An HTTP client to share (the caller closes it); otherwise the client makes its own. */
    Builder httpClient(SdkHttpClient http) {
      this.http = http;
      return this;
    }

    /** How failures are retried; the SDK's standard strategy by default. */
    Builder retryStrategy(RetryStrategy retryStrategy) {
      this.retryStrategy = retryStrategy;
      return this;
    }

    /** How long to wait for a connection (own HTTP client only). */
    Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** How long to wait for an answer (own HTTP client only). */
    Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    /** The client. */
    FisClient build() {
      if (credentials == null) {
        credentials = DefaultCredentialsProvider.builder().build();
      }
      return new FisClient(this);
    }
  }
}
