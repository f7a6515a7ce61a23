package io.github.faultexperiment;

/**
 * Names of the JUnit configuration parameters the extension reads (set them in {@code
 * src/test/resources/junit-platform.properties}, as {@code -D} system properties, or in Surefire's
 * {@code configurationParameters}). Annotation attributes win over these; these win over the
 * clouds' environment conventions.
 */
public final class FaultExperimentProperties {
  private FaultExperimentProperties() {}

  /** Set to {@code false} to skip every chaos test with a reason. Default {@code true}. */
  public static final String ENABLED = "faultexperiment.enabled";

  /**
   * The service when the annotation names none: {@code aws} or {@code gcp}. Default {@code aws}.
   */
  public static final String PROVIDER = "faultexperiment.provider";

  /** ISO-8601 duration to wait until the fault is injected. Default {@code PT5M}. */
  public static final String INJECTION_TIMEOUT = "faultexperiment.injection-timeout";

  /**
   * ISO-8601 duration to wait, after a stop, until the experiment has ended. Default {@code PT5M}.
   */
  public static final String STOP_TIMEOUT = "faultexperiment.stop-timeout";

  /**
   * ISO-8601 duration within which the {@link SteadyState} checks must pass before an experiment is
   * started (retried until then); past it the test is aborted and nothing is started. Default
   * {@code PT10S}.
   */
  public static final String STEADY_STATE_TIMEOUT = "faultexperiment.steady-state-timeout";

  /**
   * ISO-8601 duration within which the {@link SteadyState} checks must pass again after the
   * experiment has ended. Default {@code PT30S}; {@link FaultExperiment#recoveryTimeout()} wins.
   */
  public static final String RECOVERY_TIMEOUT = "faultexperiment.recovery-timeout";

  /**
   * ISO-8601 interval between steady-state probes while the fault is injected (see {@link
   * FaultExperiment#probeDuringFault()}). Default {@code PT1S}.
   */
  public static final String PROBE_INTERVAL = "faultexperiment.probe-interval";

  /**
   * {@code embedded} starts the emulator in-process (needs {@code
   * io.github.faultexperiment:fault-experiment-emulator} on the test classpath), loads the
   * templates under {@code src/test/resources/fault-experiments/aws/} and {@code …/gcp/}, and
   * points both providers at it. Default unset: the real clouds (or whatever the endpoints say).
   */
  public static final String EMULATOR = "faultexperiment.emulator";

  /** Directory the reports are written under. Default {@code target/fault-experiments}. */
  public static final String REPORT_DIR = "faultexperiment.report-dir";

  /**
   * ISO-8601 duration an experiment's lease lasts (AWS: tag {@code faultexperiment:lease-expires}),
   * renewed every third of it while the test runs; once it lapses a sweep may stop the experiment.
   * Default {@code PT2M}.
   */
  public static final String LEASE_DURATION = "faultexperiment.lease-duration";

  /**
   * ISO-8601 duration after its creation time beyond which a sweep stops a Fault Testing experiment
   * this extension created (GCP experiments carry no mutable labels to renew a lease in). Default:
   * the injection timeout plus {@code PT1H}.
   */
  public static final String MAX_EXPERIMENT_LIFETIME = "faultexperiment.max-experiment-lifetime";

  /**
   * Whether the first use of a provider in a run stops experiments left behind by earlier runs
   * whose lease lapsed (one list call). Default {@code true}.
   */
  public static final String SWEEP = "faultexperiment.sweep";

  /**
   * How many experiments this JVM keeps active at once per provider account/region or
   * project/location; more wait for a slot within the injection timeout. Default {@code 5} (FIS's
   * quota of active experiments).
   */
  public static final String MAX_ACTIVE_EXPERIMENTS = "faultexperiment.max-active-experiments";

  /**
   * FIS endpoint URL. Default: env {@code AWS_ENDPOINT_URL_FIS}, then {@code AWS_ENDPOINT_URL},
   * then {@code https://fis.{region}.amazonaws.com}.
   */
  public static final String AWS_ENDPOINT = "faultexperiment.aws.endpoint";

  /** AWS region. Default: the SDK's region chain ({@code AWS_REGION}, profile, …). */
  public static final String AWS_REGION = "faultexperiment.aws.region";

  /**
   * Comma-separated AWS account ids experiments may run in, checked with STS GetCallerIdentity
   * before anything starts. Default unset: any account.
   */
  public static final String AWS_ALLOWED_ACCOUNTS = "faultexperiment.aws.allowed-accounts";

  /**
   * ISO-8601 duration to wait for the FIS experiment report (PDF) after the experiment ended.
   * Default {@code PT0S}: don't wait, record its S3 location instead.
   */
  public static final String AWS_REPORT_TIMEOUT = "faultexperiment.aws.report-timeout";

  /**
   * S3 endpoint URL for downloading FIS reports. Default: env {@code AWS_ENDPOINT_URL_S3}, then
   * {@code AWS_ENDPOINT_URL}, then the SDK's default.
   */
  public static final String AWS_S3_ENDPOINT = "faultexperiment.aws.s3-endpoint";

  /**
   * Static AWS access key id, used only together with {@link #AWS_SECRET_ACCESS_KEY} (meant for
   * emulators). Default: the SDK's default credentials chain.
   */
  public static final String AWS_ACCESS_KEY_ID = "faultexperiment.aws.access-key-id";

  /** Static AWS secret access key; see {@link #AWS_ACCESS_KEY_ID}. */
  public static final String AWS_SECRET_ACCESS_KEY = "faultexperiment.aws.secret-access-key";

  /**
   * Google Cloud project. Default: env {@code GOOGLE_CLOUD_PROJECT}, then the Application Default
   * Credentials' project.
   */
  public static final String GCP_PROJECT = "faultexperiment.gcp.project";

  /** Google Cloud location of the templates and experiments, e.g. {@code us-central1}. */
  public static final String GCP_LOCATION = "faultexperiment.gcp.location";

  /**
   * Fault Testing endpoint URL; a plain {@code http://} URL means an emulator (no credentials).
   * Default: env {@code FAULT_TESTING_EMULATOR_HOST} ({@code host:port}), then {@code
   * https://faulttesting.googleapis.com/}.
   */
  public static final String GCP_ENDPOINT = "faultexperiment.gcp.endpoint";

  /** Comma-separated Google Cloud projects experiments may run in. Default unset: any project. */
  public static final String GCP_ALLOWED_PROJECTS = "faultexperiment.gcp.allowed-projects";
}
