package io.github.faultexperiment.gcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.util.ExponentialBackOff;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.gcp.FaultTestingErrors.Call;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A small client of the Fault Testing REST API ({@code v1alpha}) on google-http-client: one method
 * per call, records for resources, Google's JSON errors as {@link
 * io.github.faultexperiment.CloudApiException}, and bounded jittered back-off on 429, 5xx and
 * dropped connections. Immutable and safe to share between threads.
 *
 * <p>Resource names are full names ({@code projects/{p}/locations/{l}/…}); parents are {@code
 * projects/{p}/locations/{l}}.
 */
final class FaultTestingClient implements AutoCloseable {
  /** The OAuth scope every Fault Testing call needs. */
  static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  private static final String JSON_TYPE = "application/json; charset=UTF-8";
  private static final byte[] EMPTY_BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private final URI endpoint;
  private final GoogleCredentials credentials;
  private final RetryPolicy retryPolicy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final HttpTransport transport;
  private final HttpRequestFactory requests;
  private final ObjectMapper json;

  private FaultTestingClient(Builder builder) {
    this.endpoint = builder.endpoint;
    this.credentials = builder.credentials;
    this.retryPolicy = builder.retryPolicy;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.transport = new NetHttpTransport();
    this.requests = transport.createRequestFactory(this::initialize);
    this.json =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(Include.NON_NULL, Include.NON_NULL))
            .build();
  }

  /** A builder; {@link Builder#endpoint(URI)} is required. */
  static Builder builder() {
    return new Builder();
  }

  /** The base URL calls go to, ending in {@code /}. */
  URI endpoint() {
    return endpoint;
  }

  // --- experiment templates

  /** Reads one template by its full name. */
  ExperimentTemplate getTemplate(String name) {
    return call("experimentTemplates.get", "GET", url(name), null, type(ExperimentTemplate.class));
  }

  /**
   * Lists one page of the templates under {@code parent}. The method takes no {@code filter} (only
   * {@code pageSize} and {@code pageToken}), so a filter in {@code page} is not sent.
   */
  Page<ExperimentTemplate> listTemplates(String parent, ListRequest page) {
    return list(
        "experimentTemplates.list",
        url(parent + "/experimentTemplates"),
        new ListRequest(null, page.pageSize(), page.pageToken()),
        "experimentTemplates",
        ExperimentTemplate.class);
  }

  /**
   * Creates a template.
   *
   * @param parent {@code projects/{p}/locations/{l}}
   * @param templateId the id to give it
   * @param templateJson the ExperimentTemplate as JSON
   */
  ExperimentTemplate createTemplate(String parent, String templateId, String templateJson) {
    GenericUrl url = url(parent + "/experimentTemplates");
    url.set("experimentTemplateId", templateId);
    return call(
        "experimentTemplates.create",
        "POST",
        url,
        templateJson.getBytes(StandardCharsets.UTF_8),
        type(ExperimentTemplate.class));
  }

  // --- experiments

  /**
   * Creates an experiment; it starts in {@code PREPARING}.
   *
   * @param parent {@code projects/{p}/locations/{l}}
   * @param experimentId the id to give it, or {@code null} to let the service choose; a second
   *     create with the same id fails with {@code ALREADY_EXISTS}
   * @param experiment what to create
   */
  Experiment createExperiment(String parent, String experimentId, NewExperiment experiment) {
    GenericUrl url = url(parent + "/experiments");
    if (experimentId != null) {
      url.set("experimentId", experimentId);
    }
    return call("experiments.create", "POST", url, body(experiment), type(Experiment.class));
  }

  /** Reads one experiment by its full name. */
  Experiment getExperiment(String name) {
    return call("experiments.get", "GET", url(name), null, type(Experiment.class));
  }

  /** Lists one page of the experiments under {@code parent}, newest first. */
  Page<Experiment> listExperiments(String parent, ListRequest page) {
    return list(
        "experiments.list", url(parent + "/experiments"), page, "experiments", Experiment.class);
  }

  /** Starts a {@code PREPARED} experiment; it moves on to {@code INJECTING}. */
  Experiment startExperiment(String name) {
    return call(
        "experiments.start", "POST", url(name + ":start"), EMPTY_BODY, type(Experiment.class));
  }

  /** Stops an experiment; it moves on to {@code REVERTING} and ends {@code CANCELLED}. */
  Experiment stopExperiment(String name) {
    return call(
        "experiments.stop", "POST", url(name + ":stop"), EMPTY_BODY, type(Experiment.class));
  }

  /** Stops every running experiment under {@code parent}. */
  StopAllResult stopAllExperiments(String parent) {
    return call(
        "experiments.stopAll",
        "POST",
        url(parent + "/experiments:stopAll"),
        EMPTY_BODY,
        type(StopAllResult.class));
  }

  // --- validations (the service's own dry run)

  /**
   * Validates an action; the validation starts in {@code PREPARING} and ends {@code COMPLETED}.
   *
   * @param parent {@code projects/{p}/locations/{l}}
   * @param validationId the id to give it; a retried create with the same id fails {@code
   *     ALREADY_EXISTS}
   * @param validation what to validate
   */
  Validation createValidation(String parent, String validationId, Validation.New validation) {
    GenericUrl url = url(parent + "/validations");
    url.set("validationId", validationId);
    return call("validations.create", "POST", url, body(validation), type(Validation.class));
  }

  /** Reads one validation by its full name. */
  Validation getValidation(String name) {
    return call("validations.get", "GET", url(name), null, type(Validation.class));
  }

  /** Lists one page of a validation's resources: what the action would act on, and how. */
  Page<AffectedResource> listValidationResources(String validationName, ListRequest page) {
    return list(
        "validations.validationResources.list",
        url(validationName + "/validationResources"),
        page,
        "validationResources",
        AffectedResource.class);
  }

  /**
   * Deletes a {@code COMPLETED} experiment with its affected resources ({@code force=true}, which
   * the reference says to always set; the service refuses to delete an experiment in any other
   * state).
   *
   * @param name the experiment's full name
   */
  void deleteExperiment(String name) {
    GenericUrl url = url(name);
    url.set("force", true);
    call("experiments.delete", "DELETE", url, null, type(JsonNode.class));
  }

  /** Lists one page of the resources an experiment affects. */
  Page<AffectedResource> listAffectedResources(String experimentName, ListRequest page) {
    return list(
        "experiments.affectedResources.list",
        url(experimentName + "/affectedResources"),
        page,
        "affectedResources",
        AffectedResource.class);
  }

  // --- exclusion windows

  /**
   * Creates an exclusion window; it is inactive until {@link #startExclusionWindow started}.
   *
   * @param parent {@code projects/{p}/locations/{l}}
   * @param windowId the id to give it (required by the service)
   * @param window its description and duration
   */
  ExclusionWindow createExclusionWindow(
      String parent, String windowId, ExclusionWindow.New window) {
    GenericUrl url = url(parent + "/exclusionWindows");
    url.set("exclusionWindowId", windowId);
    return call("exclusionWindows.create", "POST", url, body(window), type(ExclusionWindow.class));
  }

  /** Reads one exclusion window by its full name. */
  ExclusionWindow getExclusionWindow(String name) {
    return call("exclusionWindows.get", "GET", url(name), null, type(ExclusionWindow.class));
  }

  /**
   * Lists one page of the exclusion windows under {@code parent}; location {@code -} lists every
   * location of the project.
   */
  Page<ExclusionWindow> listExclusionWindows(String parent, ListRequest page) {
    return list(
        "exclusionWindows.list",
        url(parent + "/exclusionWindows"),
        new ListRequest(null, page.pageSize(), page.pageToken()),
        "exclusionWindows",
        ExclusionWindow.class);
  }

  /**
   * Updates an exclusion window.
   *
   * @param name its full name
   * @param updateMask the fields to update ({@code description}, {@code duration}), or {@code null}
   *     for every field
   * @param window the new values
   */
  ExclusionWindow patchExclusionWindow(String name, String updateMask, ExclusionWindow.New window) {
    GenericUrl url = url(name);
    if (updateMask != null) {
      url.set("updateMask", updateMask);
    }
    return call("exclusionWindows.patch", "PATCH", url, body(window), type(ExclusionWindow.class));
  }

  /** Deletes an exclusion window. */
  void deleteExclusionWindow(String name) {
    call("exclusionWindows.delete", "DELETE", url(name), null, type(JsonNode.class));
  }

  /** Starts an exclusion window: it blocks experiments from now for its duration. */
  ExclusionWindow startExclusionWindow(String name) {
    return call(
        "exclusionWindows.start",
        "POST",
        url(name + ":start"),
        EMPTY_BODY,
        type(ExclusionWindow.class));
  }

  /** Ends an active exclusion window now. */
  ExclusionWindow stopExclusionWindow(String name) {
    return call(
        "exclusionWindows.stop",
        "POST",
        url(name + ":stop"),
        EMPTY_BODY,
        type(ExclusionWindow.class));
  }

  /** Releases the HTTP transport; never throws. */
  @Override
  public void close() {
    try {
      transport.shutdown();
    } catch (IOException ignored) {
      // NetHttpTransport holds no pooled resources of its own; nothing is left to release.
    }
  }

  @Override
  public String toString() {
    return "FaultTestingClient[endpoint="
        + endpoint
        + ", credentials="
        + (credentials == null ? "none" : credentials.getClass().getSimpleName())
        + ", retryPolicy="
        + retryPolicy
        + "]";
  }

  // --- HTTP

  private <T> Page<T> list(
      String operation, GenericUrl url, ListRequest page, String field, Class<T> itemType) {
    if (page.filter() != null) {
      url.set("filter", page.filter());
    }
    if (page.pageSize() > 0) {
      url.set("pageSize", page.pageSize());
    }
    if (page.pageToken() != null) {
      url.set("pageToken", page.pageToken());
    }
    JsonNode answer = call(operation, "GET", url, null, type(JsonNode.class));
    JavaType listType = json.getTypeFactory().constructCollectionType(List.class, itemType);
    List<T> items = answer.has(field) ? json.convertValue(answer.get(field), listType) : List.of();
    List<String> unreachable =
        answer.has("unreachable")
            ? json.convertValue(
                answer.get("unreachable"),
                json.getTypeFactory().constructCollectionType(List.class, String.class))
            : List.of();
    return new Page<>(items, answer.path("nextPageToken").asText(null), unreachable);
  }

  private <T> T call(
      String operation, String method, GenericUrl url, byte[] body, JavaType responseType) {
    Call call = new Call(operation, method, url.build());
    HttpContent content = body == null ? null : new ByteArrayContent(JSON_TYPE, body);
    HttpResponse response;
    try {
      // The JDK's HttpURLConnection has no PATCH: Google's front ends take it as a POST with
      // X-HTTP-Method-Override, as Google's own Java clients send it.
      HttpRequest request =
          requests.buildRequest("PATCH".equals(method) ? "POST" : method, url, content);
      if ("PATCH".equals(method)) {
        request.getHeaders().set("X-HTTP-Method-Override", "PATCH");
      }
      response = request.execute();
    } catch (IOException e) {
      throw FaultTestingErrors.noAnswer(call, endpoint.toString(), e);
    }
    try {
      String answer = response.parseAsString();
      if (!response.isSuccessStatusCode()) {
        throw FaultTestingErrors.fromResponse(
            json,
            call,
            response.getStatusCode(),
            header -> response.getHeaders().getFirstHeaderStringValue(header),
            answer);
      }
      return json.readValue(answer.isBlank() ? "{}" : answer, responseType);
    } catch (IOException e) {
      throw FaultTestingErrors.noAnswer(call, endpoint.toString(), e);
    } finally {
      disconnect(response);
    }
  }

  private void initialize(HttpRequest request) throws IOException {
    request.setConnectTimeout((int) connectTimeout.toMillis());
    request.setReadTimeout((int) readTimeout.toMillis());
    request.setThrowExceptionOnExecuteError(false);
    request.setNumberOfRetries(retryPolicy.maxRetries());
    // One back-off per request, shared by both handlers, so the bound holds across error kinds.
    ExponentialBackOff backOff =
        new ExponentialBackOff.Builder()
            .setInitialIntervalMillis((int) retryPolicy.initialInterval().toMillis())
            .setMaxIntervalMillis((int) retryPolicy.maxInterval().toMillis())
            .setMaxElapsedTimeMillis((int) retryPolicy.maxElapsed().toMillis())
            .setMultiplier(2.0)
            .setRandomizationFactor(0.5)
            .build();
    HttpBackOffUnsuccessfulResponseHandler retryable =
        new HttpBackOffUnsuccessfulResponseHandler(backOff)
            .setBackOffRequired(
                response -> response.getStatusCode() == 429 || response.getStatusCode() >= 500);
    request.setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff));
    if (credentials == null) {
      request.setUnsuccessfulResponseHandler(retryable);
      return;
    }
    HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
    adapter.initialize(request);
    // The adapter refreshes the token on 401; everything else goes to the back-off.
    request.setUnsuccessfulResponseHandler(
        (req, response, supportsRetry) ->
            adapter.handleResponse(req, response, supportsRetry)
                || retryable.handleResponse(req, response, supportsRetry));
  }

  private GenericUrl url(String path) {
    return new GenericUrl(endpoint.resolve("v1alpha/" + path));
  }

  private byte[] body(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new FaultExperimentException("Could not write the Fault Testing request " + value, e);
    }
  }

  private JavaType type(Class<?> type) {
    return json.getTypeFactory().constructType(type);
  }

  private static void disconnect(HttpResponse response) {
    try {
      response.disconnect();
    } catch (IOException ignored) {
      // The answer has been read; a failure to release the connection changes nothing for it.
    }
  }

  /** Builds a {@link FaultTestingClient}. */
  static final class Builder {
    private URI endpoint;
    private GoogleCredentials credentials;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The base URL, e.g. {@code https://faulttesting.googleapis.com/} or an emulator's. */
    Builder endpoint(URI endpoint) {
      String url = endpoint.toString();
      this.endpoint = URI.create(url.endsWith("/") ? url : url + "/");
      return this;
    }

    /**
     * The credentials to send (scoped to {@link #SCOPE} here); {@code null} (the default) sends
     * none, as for an emulator.
     */
    Builder credentials(GoogleCredentials credentials) {
      this.credentials =
          credentials == null
              ? null
              : credentials.createScopedRequired()
                  ? credentials.createScoped(List.of(SCOPE))
                  : credentials;
      return this;
    }

    /** How to retry throttled, failed and dropped calls. */
    Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** How long to wait for a connection and for each answer. */
    Builder timeouts(Duration connectTimeout, Duration readTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
      return this;
    }

    /** The client. */
    FaultTestingClient build() {
      Objects.requireNonNull(endpoint, "endpoint");
      return new FaultTestingClient(this);
    }
  }
}
