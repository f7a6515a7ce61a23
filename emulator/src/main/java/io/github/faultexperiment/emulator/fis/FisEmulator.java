package io.github.faultexperiment.emulator.fis;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.common.EmulatorSettings;
import io.github.faultexperiment.emulator.common.RequestCounters;
import io.github.faultexperiment.emulator.s3.ObjectStore;
import io.github.faultexperiment.emulator.s3.S3Objects;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The emulated AWS Fault Injection Service, the S3 endpoint that serves its report PDFs and STS
 * GetCallerIdentity — plus the test controls of all three.
 *
 * <p>Requests are SigV4-verified against the emulator's credentials and routed by the credential
 * scope's service ({@code fis}, {@code s3}, {@code sts}). Templates, experiments, the
 * active-experiment quota and the safety lever belong to the region of that scope; templates
 * created through this Java API without a region are in {@code us-east-1}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FisEmulator {
  /** The region of templates created through {@link #createTemplate(String)}. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The account the emulator answers for unless {@link #account(String)} changes it. */
  public static final String DEFAULT_ACCOUNT = "123456789012";

  private final Map<String, RegisteredResource> resources = new LinkedHashMap<>();
  private final FisRegions regions = new FisRegions();
  private final ObjectStore objects = new ObjectStore();
  private final ApiFaults faults = new ApiFaults();
  private final RequestCounters counters = new RequestCounters();
  private final ActionEvents events = new ActionEvents();
  private final ExperimentRunner runner;
  private final FisApi api;
  private final AwsDispatcher dispatcher;
  private final ControlApi controls;
  private volatile String account = DEFAULT_ACCOUNT;
  private volatile ReportOutcome reportOutcome = ReportOutcome.WRITTEN;

  /**
   * Creates the FIS emulator.
   *
   * @param settings emulator settings (credentials)
   * @param endpoint the emulator's base URL, known once the server is bound
   */
  public FisEmulator(EmulatorSettings settings, Supplier<URI> endpoint) {
    this.runner =
        new ExperimentRunner(
            this::registeredResources,
            new ExperimentReports(objects, this::reportOutcome)::write,
            events);
    this.api = new FisApi(regions, runner, FisCatalogue.standard(), this::account);
    this.dispatcher =
        new AwsDispatcher(
            new SigV4Verifier(settings.accessKeyId(), settings.secretAccessKey()),
            api,
            new S3Objects(objects),
            faults,
            counters,
            this::account,
            settings.accessKeyId());
    this.controls = new ControlApi(this);
  }

  /**
   * Answers one FIS, S3, STS or {@code /_emulator/fis/} request.
   *
   * @param exchange the request
   * @throws IOException when the response cannot be written
   */
  public void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getRawPath().startsWith(ControlApi.PREFIX)) {
      controls.handle(exchange);
    } else {
      dispatcher.handle(exchange);
    }
  }

  /** The transition timings in force. */
  public FisTimings timings() {
    return runner.timings();
  }

  /** Sets the transition timings for experiments from now on (and pending transitions' next). */
  public void timings(FisTimings timings) {
    runner.timings(Objects.requireNonNull(timings, "timings"));
  }

  /**
   * Sets the transition timings of one template's experiments from now on, in place of the global
   * {@link #timings(FisTimings)} (until {@link #reset()}): lets experiments that run at the same
   * time each have their own transitions.
   *
   * @param templateId the template's id, as {@link #createTemplate(String)} returned it
   * @param timings its experiments' timings
   */
  public void timings(String templateId, FisTimings timings) {
    runner.timings(
        Objects.requireNonNull(templateId, "templateId"),
        Objects.requireNonNull(timings, "timings"));
  }

  /**
   * Creates a template from the JSON that {@code aws fis create-experiment-template
   * --cli-input-json} takes ({@code clientToken} is optional here).
   *
   * @param createExperimentTemplateJson the CreateExperimentTemplate request
   * @return the new template's id ({@code EXT…})
   * @throws IllegalArgumentException when the JSON is not a valid template, naming the field
   */
  public String createTemplate(String createExperimentTemplateJson) {
    return createTemplate(DEFAULT_REGION, createExperimentTemplateJson);
  }

  /**
   * Creates a template in a region, as {@link #createTemplate(String)} does in {@code us-east-1}.
   *
   * @param region the region, e.g. {@code eu-west-1}: only requests signed for it see the template
   * @param createExperimentTemplateJson the CreateExperimentTemplate request
   * @return the new template's id
   * @throws IllegalArgumentException when the JSON is not a valid template, naming the field
   */
  public String createTemplate(String region, String createExperimentTemplateJson) {
    if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      throw new IllegalArgumentException(
          "region must look like us-east-1 or eu-west-1, was " + region);
    }
    try {
      ObjectNode request =
          Json.readObject(createExperimentTemplateJson.getBytes(StandardCharsets.UTF_8));
      if (!request.has("clientToken")) {
        request.put("clientToken", UUID.randomUUID().toString());
      }
      return api.createTemplate(region, request).id();
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Registers a resource that targets can resolve to by {@code resourceTags}. */
  public void registerResource(String arn, String resourceType, Map<String, String> tags) {
    registerResource(new RegisteredResource(arn, resourceType, tags, Map.of()));
  }

  /**
   * Registers a resource that targets can resolve to by {@code resourceTags} and {@code filters}.
   */
  public void registerResource(RegisteredResource resource) {
    synchronized (resources) {
      resources.put(key(resource), resource);
    }
  }

  /**
   * Registers a resource that a registered one implies (the subnet a local target sits in, the
   * volume attached to it), keeping what is already known of it: tags and attributes given before
   * win, and those of every resource implying it add up.
   */
  public void registerImpliedResource(RegisteredResource resource) {
    synchronized (resources) {
      resources.merge(
          key(resource),
          resource,
          (known, implied) -> {
            Map<String, String> tags = new LinkedHashMap<>(implied.tags());
            tags.putAll(known.tags());
            Map<String, String> attributes = new LinkedHashMap<>(implied.attributes());
            attributes.putAll(known.attributes());
            return new RegisteredResource(known.arn(), known.resourceType(), tags, attributes);
          });
    }
  }

  /** One ARN may be targeted as several types (an instance that is also a Spot Instance). */
  private static String key(RegisteredResource resource) {
    return resource.resourceType() + " " + resource.arn();
  }

  /** Injects a fault into the emulator's own AWS API (FIS, S3 and STS operations). */
  public void injectApiFault(ApiFault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes every injected API fault. */
  public void clearApiFaults() {
    faults.clear();
  }

  /**
   * Ends an experiment the way a CloudWatch-alarm stop condition would: {@code stopping} then
   * {@code stopped}, with a reason naming the alarm.
   *
   * @return false when the experiment was already ending or ended (it is left unchanged)
   * @throws IllegalArgumentException for an unknown experiment id
   */
  public boolean endExperiment(String experimentId, String alarmArn) {
    return runner.stop(
        experiment(experimentId),
        "Experiment stopped by stop condition " + alarmArn + " (alarm in ALARM state).");
  }

  /**
   * Makes an experiment fail at once with {@code state.error.code} and a reason.
   *
   * @return false when the experiment had already ended (it is left unchanged)
   * @throws IllegalArgumentException for an unknown experiment id
   */
  public boolean failExperiment(String experimentId, String code, String reason) {
    return runner.fail(experiment(experimentId), code, reason);
  }

  /** What happens to reports that fall due: {@link ReportOutcome#WRITTEN} unless changed. */
  public ReportOutcome reportOutcome() {
    return reportOutcome;
  }

  /**
   * Sets what happens to the reports that fall due from now on: written, failed, or completed
   * without their S3 object.
   */
  public void reportOutcome(ReportOutcome outcome) {
    reportOutcome = Objects.requireNonNull(outcome, "outcome");
  }

  /** Every experiment started since the last reset, in any region, in start order. */
  public List<FisExperiment> experiments() {
    List<FisExperiment> views = new ArrayList<>();
    regions.experiments().forEach(experiment -> views.add(experiment.toView()));
    return views;
  }

  /** The experiments that have not reached a final state. */
  public List<FisExperiment> activeExperiments() {
    return experiments().stream().filter(FisExperiment::active).toList();
  }

  /**
   * How many requests an operation received since the last reset, e.g. {@code GetExperiment},
   * {@code GetCallerIdentity}, {@code GetObject}.
   */
  public long requestCount(String operation) {
    return counters.count(operation);
  }

  /** The request counts of every operation that received any. */
  public Map<String, Long> requestCounts() {
    return counters.snapshot();
  }

  /** Sets every request count back to zero. */
  public void resetCounters() {
    counters.clear();
  }

  /** The AWS account id in ARNs and in STS GetCallerIdentity. */
  public String account() {
    return account;
  }

  /** Sets the AWS account id for resources created from now on and for GetCallerIdentity. */
  public void account(String accountId) {
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("account must be 12 digits, was " + accountId);
    }
    this.account = accountId;
  }

  /**
   * Tells the listener each time an action starts running and each time it leaves {@code running}.
   * Listeners survive {@link #reset()}.
   */
  public void addActionListener(ActionListener listener) {
    events.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops calling {@code listener}. */
  public void removeActionListener(ActionListener listener) {
    events.remove(listener);
  }

  /**
   * Forgets all templates, experiments, safety lever states, resources, report objects, API faults
   * and counters, and restores the default timings, account and report outcome. Pending transitions
   * are dropped; actions that are injecting end first, so that listeners switch their faults off.
   */
  public void reset() {
    runner.reset(regions.experiments());
    regions.clear();
    objects.clear();
    faults.clear();
    counters.clear();
    synchronized (resources) {
      resources.clear();
    }
    account = DEFAULT_ACCOUNT;
    reportOutcome = ReportOutcome.WRITTEN;
  }

  /** Ends the actions that are injecting (telling the listeners) and the scheduler. */
  public void close() {
    runner.close(regions.experiments());
  }

  private Experiment experiment(String id) {
    Experiment experiment = regions.findExperiment(id);
    if (experiment == null) {
      throw new IllegalArgumentException("No experiment with id " + id + " in the emulator");
    }
    return experiment;
  }

  private List<RegisteredResource> registeredResources() {
    synchronized (resources) {
      return new ArrayList<>(resources.values());
    }
  }
}
