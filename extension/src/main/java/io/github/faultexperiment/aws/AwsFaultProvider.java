package io.github.faultexperiment.aws;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.Provider;
import io.github.faultexperiment.internal.Configuration;
import io.github.faultexperiment.internal.ExperimentSnapshot;
import io.github.faultexperiment.internal.FaultProvider;
import io.github.faultexperiment.internal.Owner;
import io.github.faultexperiment.internal.Phase;
import io.github.faultexperiment.internal.ResolvedTemplate;
import io.github.faultexperiment.internal.SafetySettings;
import io.github.faultexperiment.internal.ServiceReport;
import io.github.faultexperiment.internal.SettingsResolver;
import io.github.faultexperiment.internal.StartRequest;
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

/**
 * The AWS Fault Injection Service behind the provider-neutral lifecycle. Created from configuration
 * by {@link #create(Configuration)}; see docs/aws.md for the settings.
 */
public final class AwsFaultProvider implements FaultProvider {
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

  private final SdkHttpClient http;
  private final FisClient fis;
  private final AccountAllowList allowList;
  private final TemplateResolver templates;
  private final FisReports reports;
  private final AwsSettings settings;
  private final SafetySettings safety;
  // ARNs of the experiments this provider started, by id, for renewing their leases.
  private final Map<String, String> arns = new ConcurrentHashMap<>();
  // The lease tag each start was sent with, by clientToken: a start repeated with the same token
  // (after no answer, or to be sure) must be the same request, or FIS takes the token's reuse with
  // other tags for a conflict. One short string per experiment started.
  private final Map<String, String> leaseByToken = new ConcurrentHashMap<>();

  private AwsFaultProvider(AwsSettings settings, SafetySettings safety, SdkHttpClient http) {
    this.http = http;
    this.settings = settings;
    this.safety = safety;
    this.fis =
        FisClient.builder()
            .endpoint(settings.endpoint())
            .region(settings.region())
            .credentials(settings.credentials())
            .httpClient(http)
            .build();
    this.allowList = new AccountAllowList(settings, http);
    this.templates = new TemplateResolver(fis);
    this.reports = new FisReports(fis, settings, http);
  }

  /**
   * Creates the provider; validates its configuration (endpoint, region, credentials settings,
   * allow-list) first and throws naming the setting that is wrong.
   *
   * @param configuration JUnit configuration parameters and environment
   * @return a provider ready to use
   */
  public static FaultProvider create(Configuration configuration) {
    AwsSettings settings = AwsSettings.from(configuration);
    SafetySettings safety = new SettingsResolver(configuration).safety();
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(READ_TIMEOUT)
            .build();
    return new AwsFaultProvider(settings, safety, http);
  }

  @Override
  public Provider provider() {
    return Provider.AWS;
  }

  @Override
  public void verifyAccess() {
    allowList.verify();
  }

  @Override
  public ResolvedTemplate resolveTemplate(String reference) {
    return templates.resolve(reference);
  }

  @Override
  public ExperimentSnapshot start(ResolvedTemplate template, StartRequest request) {
    Map<String, String> tags = new LinkedHashMap<>(request.tags());
    tags.put(RUN_TAG, tagValue(request.runId()));
    tags.put(TEST_TAG, tagValue(request.testId()));
    tags.put(OWNER_TAG, tagValue(Owner.CURRENT));
    tags.put(
        LEASE_TAG, leaseByToken.computeIfAbsent(request.idempotencyKey(), key -> leaseExpiry()));
    String actionsMode =
        request.dryRun()
            ? StartExperimentRequest.ExperimentOptions.SKIP_ALL
            : StartExperimentRequest.ExperimentOptions.RUN_ALL;
    Experiment started;
    try {
      started =
          fis.startExperiment(
              new StartExperimentRequest(
                  request.idempotencyKey(),
                  template.id(),
                  new StartExperimentRequest.ExperimentOptions(actionsMode),
                  tags));
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
    return FisSnapshots.snapshot(fis.getExperiment(experimentId));
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
      return FisSnapshots.snapshot(fis.stopExperiment(experimentId));
    } catch (CloudApiException refused) {
      if (refused.statusCode() != 400 && refused.statusCode() != 409) {
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
  public String scope() {
    return "aws " + settings.endpoint() + " " + settings.region();
  }

  @Override
  public SafetySettings safety() {
    return safety;
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
      arn = fis.getExperiment(experimentId).arn();
      arns.put(experimentId, arn);
    }
    fis.tagResource(arn, Map.of(LEASE_TAG, leaseExpiry()));
  }

  @Override
  public List<String> abandonedExperiments() {
    long now = Instant.now().getEpochSecond();
    List<String> abandoned = new ArrayList<>();
    String token = null;
    do {
      Page<ExperimentSummary> page = fis.listExperiments(null, token);
      for (ExperimentSummary experiment : page.items()) {
        if (ACTIVE_STATES.contains(experiment.state().status())
            && leaseLapsed(experiment.tags(), now)) {
          abandoned.add(experiment.id());
        }
      }
      token = page.nextToken();
    } while (token != null);
    return abandoned;
  }

  /** Ours (both lease tags), not this JVM's, and the lease is over. */
  private static boolean leaseLapsed(Map<String, String> tags, long nowEpochSecond) {
    String owner = tags.get(OWNER_TAG);
    String expires = tags.get(LEASE_TAG);
    if (owner == null || expires == null || owner.equals(tagValue(Owner.CURRENT))) {
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
  public ServiceReport serviceReport(ExperimentSnapshot ended, Path directory, Duration timeout) {
    return reports.fetch(ended, directory, timeout);
  }

  @Override
  public void close() {
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
