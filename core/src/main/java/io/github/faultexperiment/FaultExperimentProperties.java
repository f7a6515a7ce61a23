package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import io.github.faultexperiment.spi.Configuration;
import org.apiguardian.api.API;

/**
 * Names of the JUnit configuration parameters the core extension reads, each with its default (set
 * them in {@code src/test/resources/junit-platform.properties}, as {@code -D} system properties, or
 * in Surefire's {@code configurationParameters}). Annotation attributes win over these; these win
 * over the clouds' environment conventions. Each provider module documents its own parameters
 * ({@code faultexperiment.aws.…}, {@code faultexperiment.gcp.…}).
 */
@API(status = STABLE, since = "0.1")
public final class FaultExperimentProperties {
  private FaultExperimentProperties() {}

  /**
   * Set to {@code false} to skip every chaos test with a reason. Default {@value #ENABLED_DEFAULT}.
   */
  public static final String ENABLED = "faultexperiment.enabled";

  /** Default of {@link #ENABLED}. */
  public static final String ENABLED_DEFAULT = "true";

  /**
   * {@code inherit} (default {@value #ENVIRONMENT_DEFAULT}) lets the extension and the clouds' SDKs
   * read the process environment ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL*}, AWS profiles and
   * credentials, Google ADC, {@code FAULT_TESTING_EMULATOR_HOST}); {@code ignore} reads none of it:
   * only configuration parameters count. Embedded mode ignores it for every value the emulator
   * supplies anyway.
   */
  public static final String ENVIRONMENT = Configuration.ENVIRONMENT;

  /** Default of {@link #ENVIRONMENT}. */
  public static final String ENVIRONMENT_DEFAULT = Configuration.ENVIRONMENT_DEFAULT;

  /**
   * The provider id ({@code aws}, {@code gcp}, …) when the annotation names none. Default: the only
   * provider module on the test classpath; with several, this must be set.
   */
  public static final String PROVIDER = "faultexperiment.provider";

  /**
   * ISO-8601 duration to wait until the fault is injected. Default {@value
   * #INJECTION_TIMEOUT_DEFAULT}.
   */
  public static final String INJECTION_TIMEOUT = "faultexperiment.injection-timeout";

  /** Default of {@link #INJECTION_TIMEOUT}. */
  public static final String INJECTION_TIMEOUT_DEFAULT = "PT5M";

  /**
   * ISO-8601 duration to wait, after a stop, until the experiment has ended. Default {@value
   * #STOP_TIMEOUT_DEFAULT}.
   */
  public static final String STOP_TIMEOUT = "faultexperiment.stop-timeout";

  /** Default of {@link #STOP_TIMEOUT}. */
  public static final String STOP_TIMEOUT_DEFAULT = "PT5M";

  /**
   * ISO-8601 duration within which the {@link SteadyState} checks must pass before an experiment is
   * started (retried until then); past it the test is aborted and nothing is started. Default
   * {@value #STEADY_STATE_TIMEOUT_DEFAULT}.
   */
  public static final String STEADY_STATE_TIMEOUT = "faultexperiment.steady-state-timeout";

  /** Default of {@link #STEADY_STATE_TIMEOUT}. */
  public static final String STEADY_STATE_TIMEOUT_DEFAULT = "PT10S";

  /**
   * ISO-8601 duration within which the {@link SteadyState} checks must pass again after the
   * experiment has ended. Default {@value #RECOVERY_TIMEOUT_DEFAULT}; {@link
   * FaultExperiment#recoveryTimeout()} wins.
   */
  public static final String RECOVERY_TIMEOUT = "faultexperiment.recovery-timeout";

  /** Default of {@link #RECOVERY_TIMEOUT}. */
  public static final String RECOVERY_TIMEOUT_DEFAULT = "PT30S";

  /**
   * ISO-8601 interval between steady-state probes while the fault is injected (see {@link
   * FaultExperiment#probeDuringFault()}). Default {@value #PROBE_INTERVAL_DEFAULT}.
   */
  public static final String PROBE_INTERVAL = "faultexperiment.probe-interval";

  /** Default of {@link #PROBE_INTERVAL}. */
  public static final String PROBE_INTERVAL_DEFAULT = "PT1S";

  /**
   * {@code embedded} starts the emulator in-process (needs {@code
   * io.github.faultexperiment:fault-experiment-emulator} on the test classpath), has each provider
   * create the templates under {@code src/test/resources/fault-experiments/<provider id>/} in it,
   * and points every provider at it. Default unset: the real clouds (or whatever the endpoints
   * say).
   */
  public static final String EMULATOR = "faultexperiment.emulator";

  /**
   * In embedded mode, what becomes of a test whose experiment holds a fault action the application
   * does not feel — it reaches no local target (none registered, no local effect, not felt locally)
   * or the application never used its local target while it was on: {@code fail} fails the test
   * (before its body when the action reaches nothing, after it when the target went unused), with
   * one line per action saying why and how to give it a local effect or acknowledge it; {@code
   * warn} runs the body and only records the actions in the report. Prefer acknowledging single
   * actions ({@link #ACKNOWLEDGE_UNFELT}). Default {@value #UNREACHED_FAULTS_DEFAULT}.
   */
  public static final String UNREACHED_FAULTS = "faultexperiment.emulator.unreached-faults";

  /** Default of {@link #UNREACHED_FAULTS}. */
  public static final String UNREACHED_FAULTS_DEFAULT = "fail";

  /**
   * In embedded mode, the fault actions the application may not feel, each acknowledged by name: a
   * comma-separated list of {@code TEMPLATE} (every action of experiments from that template, as
   * the annotation names it) or {@code TEMPLATE:ACTION} (one action, by its name in the template;
   * Fault Testing: its kind), e.g. {@code
   * faultexperiment.emulator.acknowledge-unfelt=orders-impairment:runbook,cpu-stress}. Such an
   * action does not fail the test; the report records it as "not felt, acknowledged" and the run
   * summary counts it. See also {@link FaultExperiment#acknowledgeUnfelt()}. Default none.
   */
  public static final String ACKNOWLEDGE_UNFELT = "faultexperiment.emulator.acknowledge-unfelt";

  /**
   * In embedded mode, whether the emulator may act on this machine for FIS's host-stress actions
   * ({@code AWSFIS-Run-CPU-Stress}, {@code -Memory-Stress}, {@code -IO-Stress}, {@code -Disk-Fill},
   * {@code -Kill-Process}, {@code aws:ecs:task-cpu-stress} and the like): CPU load in a child
   * process, memory held up to a cap, I/O and disk fill in {@link #HOST_EFFECTS_DIRECTORY} only,
   * each ended with the action, the experiment or the JVM. Default {@code false}: those actions
   * reach nothing and say so.
   */
  public static final String HOST_EFFECTS = "faultexperiment.emulator.host-effects";

  /**
   * The only directory I/O stress and disk fill write in when {@link #HOST_EFFECTS} is on (their
   * files are removed afterwards). Default unset: those two actions reach nothing.
   */
  public static final String HOST_EFFECTS_DIRECTORY =
      "faultexperiment.emulator.host-effects.directory";

  /** Directory the reports are written under. Default {@value #REPORT_DIR_DEFAULT}. */
  public static final String REPORT_DIR = "faultexperiment.report-dir";

  /** Default of {@link #REPORT_DIR}. */
  public static final String REPORT_DIR_DEFAULT = "target/fault-experiments";

  /**
   * {@code true} makes a run in which no experiment started and no test failed fail (no chaos test
   * executed: a tag filter that excluded them, {@code @FaultExperiment} on a class without tests;
   * or only aborted tests and dry runs); the run summary's {@code gate} says why. With several
   * forks, the last fork of the run to end decides. The second line of defence behind the Maven
   * goal {@code fault-experiment:verify}, which also sees a build that started no test JVM. Default
   * {@value #SUMMARY_REQUIRE_EXPERIMENTS_DEFAULT}.
   */
  public static final String SUMMARY_REQUIRE_EXPERIMENTS =
      "faultexperiment.summary.require-experiments";

  /** Default of {@link #SUMMARY_REQUIRE_EXPERIMENTS}. */
  public static final String SUMMARY_REQUIRE_EXPERIMENTS_DEFAULT = "false";

  /**
   * Names the run whose forks write one run summary together. The Maven goal {@code
   * fault-experiment:prepare} sets it once per build. Unset, the forks of one Surefire or Failsafe
   * execution share the Maven process's id and start time, and any other test JVM is a run of its
   * own; set it (e.g. to the CI build number) when a daemon (Gradle) forks the test JVMs. Parts of
   * the summary written under another run id are never merged.
   */
  public static final String SUMMARY_RUN_ID = "faultexperiment.summary.run-id";

  /**
   * ISO-8601 duration an experiment's lease lasts (AWS: tag {@code faultexperiment:lease-expires}),
   * renewed every third of it while the test runs; once it lapses a sweep may stop the experiment.
   * Default {@value #LEASE_DURATION_DEFAULT}.
   */
  public static final String LEASE_DURATION = "faultexperiment.lease-duration";

  /** Default of {@link #LEASE_DURATION}. */
  public static final String LEASE_DURATION_DEFAULT = "PT2M";

  /**
   * ISO-8601 duration after its creation time beyond which a sweep stops an experiment this
   * extension created on a service without renewable leases (Fault Testing experiments carry no
   * mutable labels). Default: the injection timeout plus {@value #MAX_EXPERIMENT_LIFETIME_MARGIN}.
   */
  public static final String MAX_EXPERIMENT_LIFETIME = "faultexperiment.max-experiment-lifetime";

  /** What {@link #MAX_EXPERIMENT_LIFETIME} adds to the injection timeout by default. */
  public static final String MAX_EXPERIMENT_LIFETIME_MARGIN = "PT1H";

  /**
   * Whether the first use of a provider in a run stops experiments left behind by earlier runs
   * whose lease lapsed (one list call). Default {@value #SWEEP_DEFAULT}.
   */
  public static final String SWEEP = "faultexperiment.sweep";

  /** Default of {@link #SWEEP}. */
  public static final String SWEEP_DEFAULT = "true";

  /**
   * How many experiments this JVM keeps active at once per provider account/region or
   * project/location; more wait for a slot within the injection timeout. Default {@value
   * #MAX_ACTIVE_EXPERIMENTS_DEFAULT} (FIS's quota of active experiments).
   */
  public static final String MAX_ACTIVE_EXPERIMENTS = "faultexperiment.max-active-experiments";

  /** Default of {@link #MAX_ACTIVE_EXPERIMENTS}. */
  public static final int MAX_ACTIVE_EXPERIMENTS_DEFAULT = 5;

  /**
   * Prefix of the configuration parameters that give the real endpoints of an application's
   * dependencies outside embedded mode, read by {@link Endpoints#of}: {@code
   * faultexperiment.endpoint.<name>} = an absolute URI with a host, e.g. {@code
   * faultexperiment.endpoint.orders=tcp://orders.cluster-abc.eu-west-1.rds.amazonaws.com:5432}. No
   * default: a dependency asked for outside embedded mode must be set.
   */
  public static final String ENDPOINT_PREFIX = "faultexperiment.endpoint.";
}
