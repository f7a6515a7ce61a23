package io.github.faultexperiment.aws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.spi.ActiveExperiment;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.EmbeddedTemplate;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.SafetySettings;
import io.github.faultexperiment.spi.ServiceReport;
import io.github.faultexperiment.spi.StartRequest;
import io.github.faultexperiment.spi.TargetKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.ActionsMode;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateRequest;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentSummary;

/**
 * The AWS Fault Injection Service behind the provider-neutral lifecycle, on the official SDK's
 * {@link FisClient}. Made by {@link AwsProviderFactory}; see docs/aws.md for the settings.
 */
final class AwsFaultProvider implements FaultProvider {
  /** Tag naming the JVM run that started an experiment. */
  static final String RUN_TAG = "faultexperiment:run";

  /** Tag naming the JUnit test that started an experiment. */
  static final String TEST_TAG = "faultexperiment:test";

  /** Tag naming the host, process and run that owns an experiment. */
  static final String OWNER_TAG = "faultexperiment:owner";

  /** Tag holding the epoch second until which the owner vouches for the experiment. */
  static final String LEASE_TAG = "faultexperiment:lease-expires";

  private static final Set<String> ACTIVE_STATES = Set.of("pending", "initiating", "running");

  /** FIS's limit on a tag value. */
  static final int MAX_TAG_VALUE = 256;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final SdkHttpClient http;
  private final FisClient fis;
  private final FisCalls calls;
  private final AccountAllowList allowList;
  private final TemplateResolver templates;
  private final FisReports reports;
  private final SafetyLeverCheck safetyLever;
  private final FisBlastRadius blastRadius;
  private final AwsSettings settings;
  private final SafetySettings safety;
  private final String owner;
  // ARNs of the experiments this provider started, by id, for renewing their leases.
  private final Map<String, String> arns = new ConcurrentHashMap<>();
  // The lease tag each start was sent with, by clientToken: a start repeated with the same token
  // (after no answer, or to be sure) must be the same request, or FIS takes the token's reuse with
  // other tags for a conflict. One short string per experiment started.
  private final Map<String, String> leaseByToken = new ConcurrentHashMap<>();

  private AwsFaultProvider(
      AwsSettings settings, SafetySettings safety, String owner, SdkHttpClient http) {
    this.http = http;
    this.settings = settings;
    this.safety = safety;
    this.owner = owner;
    // The standard retry strategy, pinned whatever the shell says: the lifecycle's waits assume it.
    this.fis =
        settings
            .configure(FisClient.builder().httpClient(http), settings.endpointOverride())
            .build();
    this.calls = new FisCalls(settings.region() + " at " + settings.endpoint());
    this.allowList = new AccountAllowList(settings, http);
    this.templates = new TemplateResolver(fis, calls);
    this.reports = new FisReports(fis, calls, settings, http);
    this.blastRadius = new FisBlastRadius(fis, calls);
    this.safetyLever =
        new SafetyLeverCheck(fis, calls, settings.region(), settings.safetyLeverFails());
  }

  /**
   * Creates the provider; validates its configuration (endpoint, region, credentials settings,
   * allow-list) first and throws naming the setting that is wrong.
   *
   * @param context the run's configuration and safety settings
   * @return a provider ready to use
   */
  static AwsFaultProvider create(ProviderContext context) {
    AwsSettings settings = AwsSettings.from(context.configuration(), context.emulator());
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(READ_TIMEOUT)
            .build();
    return new AwsFaultProvider(settings, context.safety(), context.owner(), http);
  }

  @Override
  public void verifyAccess() {
    allowList.verify();
  }

  @Override
  public ResolvedTemplate resolveTemplate(String reference) {
    return templates.resolve(reference);
  }

  /**
   * The region's safety lever ({@link SafetyLeverCheck}), also for a dry run: FIS cancels a {@code
   * skip-all} experiment the lever blocks as well.
   */
  @Override
  public void verifyAllowedNow(ResolvedTemplate template, StartRequest request) {
    safetyLever.verify();
  }

  @Override
  public Optional<Set<TargetKey>> targetKeys(ResolvedTemplate template) {
    return FisTargets.of(template.details().get("targets"));
  }

  @Override
  public ExperimentSnapshot start(ResolvedTemplate template, StartRequest request) {
    Map<String, String> tags = new LinkedHashMap<>(request.tags());
    tags.put(RUN_TAG, tagValue(request.runId()));
    tags.put(TEST_TAG, tagValue(request.testId()));
    tags.put(OWNER_TAG, tagValue(owner));
    tags.put(
        LEASE_TAG, leaseByToken.computeIfAbsent(request.idempotencyKey(), key -> leaseExpiry()));
    Experiment started;
    try {
      started =
          calls
              .call(
                  "FIS StartExperiment",
                  () ->
                      fis.startExperiment(
                          start ->
                              start
                                  .clientToken(request.idempotencyKey())
                                  .experimentTemplateId(template.id())
                                  .experimentOptions(
                                      options ->
                                          options.actionsMode(
                                              request.dryRun()
                                                  ? ActionsMode.SKIP_ALL
                                                  : ActionsMode.RUN_ALL))
                                  .tags(tags)))
              .experiment();
    } catch (CloudApiException failed) {
      // A 4xx is FIS's answer that nothing was started, so a later attempt may carry a fresh
      // lease; after no answer or a 5xx the start may have happened, and a repeat must match it.
      if (failed.statusCode() >= 400 && failed.statusCode() < 500) {
        leaseByToken.remove(request.idempotencyKey());
      }
      throw failed;
    }
    arns.put(started.id(), started.arn());
    return FisSnapshots.snapshot(started);
  }

  @Override
  public ExperimentSnapshot describe(String experimentId) {
    ExperimentSnapshot snapshot = FisSnapshots.snapshot(experiment(experimentId));
    if (snapshot.phase() == Phase.INJECTED) {
      // the targets are resolved once it runs: read them beside the test body, not after the end
      blastRadius.readWhileRunning(experimentId);
    }
    return snapshot;
  }

  /** FIS has no step between start and injection: this only describes the experiment. */
  @Override
  public ExperimentSnapshot proceed(String experimentId) {
    return describe(experimentId);
  }

  /**
   * Stops the experiment. One that is already stopping or has ended is not an error: the stop path
   * runs whatever happened, and the goal — nothing injected — already holds.
   */
  @Override
  public ExperimentSnapshot stop(String experimentId) {
    try {
      return FisSnapshots.snapshot(
          calls
              .call("FIS StopExperiment", () -> fis.stopExperiment(stop -> stop.id(experimentId)))
              .experiment());
    } catch (CloudApiException refused) {
      if (refused.reason() != CloudApiException.Reason.INVALID_REQUEST
          && refused.reason() != CloudApiException.Reason.CONFLICT) {
        throw refused;
      }
      ExperimentSnapshot now;
      try {
        now = describe(experimentId);
      } catch (RuntimeException describeFailed) {
        refused.addSuppressed(describeFailed);
        throw refused;
      }
      if (now.phase() == Phase.ENDED || now.phase() == Phase.ENDING) {
        return now;
      }
      throw refused;
    }
  }

  @Override
  public BlastRadius blastRadius(ExperimentSnapshot experiment) {
    return blastRadius.of(experiment);
  }

  @Override
  public String scope() {
    return "aws " + settings.endpoint() + " " + settings.region();
  }

  @Override
  public Optional<Duration> leaseRenewalInterval() {
    return Optional.of(safety.renewalInterval());
  }

  /** TagResource with a new {@code faultexperiment:lease-expires}. */
  @Override
  public void renewLease(String experimentId) {
    String arn = arns.get(experimentId);
    if (arn == null) {
      arn = experiment(experimentId).arn();
      arns.put(experimentId, arn);
    }
    String resource = arn;
    calls.call(
        "FIS TagResource",
        () ->
            fis.tagResource(
                tag -> tag.resourceArn(resource).tags(Map.of(LEASE_TAG, leaseExpiry()))));
  }

  @Override
  public List<String> abandonedExperiments() {
    long now = Instant.now().getEpochSecond();
    List<String> abandoned = new ArrayList<>();
    calls.call(
        "FIS ListExperiments",
        () -> {
          for (ExperimentSummary experiment :
              fis.listExperimentsPaginator(list -> {}).experiments()) {
            if (experiment.state() != null
                && ACTIVE_STATES.contains(experiment.state().statusAsString())
                && leaseLapsed(experiment.tags(), now)) {
              abandoned.add(experiment.id());
            }
          }
          return abandoned;
        });
    return abandoned;
  }

  @Override
  public List<ActiveExperiment> activeExperiments() {
    long now = Instant.now().getEpochSecond();
    List<ActiveExperiment> active = new ArrayList<>();
    List<ExperimentSummary> ours = new ArrayList<>();
    calls.call(
        "FIS ListExperiments",
        () -> {
          for (ExperimentSummary experiment :
              fis.listExperimentsPaginator(list -> {}).experiments()) {
            if (experiment.state() != null
                && ACTIVE_STATES.contains(experiment.state().statusAsString())
                && experiment.tags().containsKey(OWNER_TAG)
                && experiment.tags().containsKey(LEASE_TAG)) {
              ours.add(experiment);
            }
          }
          return ours;
        });
    for (ExperimentSummary experiment : ours) {
      active.add(
          new ActiveExperiment(
              experiment.id(),
              experiment.experimentTemplateId(),
              experiment.creationTime(),
              templates.targetsOf(experiment.experimentTemplateId()),
              expired(experiment.tags().get(LEASE_TAG), now)));
    }
    return active;
  }

  private static boolean expired(String leaseExpires, long nowEpochSecond) {
    try {
      return Long.parseLong(leaseExpires.strip()) < nowEpochSecond;
    } catch (NumberFormatException edited) {
      // Someone rewrote the tag by hand: treat the experiment as held.
      return false;
    }
  }

  /** Ours (both lease tags), not this JVM's, and the lease is over. */
  private boolean leaseLapsed(Map<String, String> tags, long nowEpochSecond) {
    String owner = tags.get(OWNER_TAG);
    String expires = tags.get(LEASE_TAG);
    if (owner == null || expires == null || owner.equals(tagValue(this.owner))) {
      return false;
    }
    try {
      return Long.parseLong(expires.strip()) < nowEpochSecond;
    } catch (NumberFormatException edited) {
      // Someone rewrote the tag by hand: the experiment is theirs to stop.
      return false;
    }
  }

  private String leaseExpiry() {
    return Long.toString(Instant.now().plus(safety.leaseDuration()).getEpochSecond());
  }

  @Override
  public ServiceReport serviceReport(ExperimentSnapshot ended, Path directory) {
    return reports.fetch(ended, directory);
  }

  /**
   * Creates each template with CreateExperimentTemplate, as {@code aws fis
   * create-experiment-template --cli-input-json} takes it; its {@code Name} tag defaults to the
   * file name.
   */
  @Override
  public void createEmbeddedTemplates(List<EmbeddedTemplate> files) {
    for (EmbeddedTemplate file : files) {
      CreateExperimentTemplateRequest request;
      try {
        ObjectNode json = (ObjectNode) JSON.readTree(file.json());
        ObjectNode tags = json.withObjectProperty("tags");
        if (!tags.has("Name")) {
          tags.put("Name", file.name());
        }
        request =
            JSON.treeToValue(json, CreateExperimentTemplateRequest.serializableBuilderClass())
                .build();
      } catch (IOException | ClassCastException e) {
        throw new FaultExperimentException(
            "Embedded mode could not read the FIS template "
                + file.location()
                + ": it must be a JSON object as `aws fis create-experiment-template"
                + " --cli-input-json` takes it ("
                + e.getMessage()
                + ")",
            e);
      }
      try {
        calls.call("FIS CreateExperimentTemplate", () -> fis.createExperimentTemplate(request));
      } catch (CloudApiException refused) {
        throw new FaultExperimentException(
            "Embedded mode could not create the FIS template "
                + file.location()
                + ": "
                + refused.getMessage(),
            refused);
      }
    }
  }

  private Experiment experiment(String experimentId) {
    return calls
        .call("FIS GetExperiment", () -> fis.getExperiment(get -> get.id(experimentId)))
        .experiment();
  }

  @Override
  public void close() {
    blastRadius.close();
    fis.close();
    http.close();
  }

  @Override
  public String toString() {
    return "AwsFaultProvider[" + fis + "]";
  }

  /**
   * A tag value within FIS's 256 characters. JUnit unique ids of nested, parameterised tests grow
   * longer; those keep their start and end around a hash of the whole, so the value stays unique
   * and readable.
   */
  static String tagValue(String value) {
    if (value.length() <= MAX_TAG_VALUE) {
      return value;
    }
    String hash = sha256(value).substring(0, 16);
    int keep = MAX_TAG_VALUE - hash.length() - 2;
    int head = keep / 2;
    int tail = keep - head;
    return value.substring(0, head) + "~" + hash + "~" + value.substring(value.length() - tail);
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
