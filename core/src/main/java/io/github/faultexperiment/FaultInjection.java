package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.faultexperiment.report.ReportPublisher;
import io.github.faultexperiment.report.TimelineEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;

/**
 * Faults in the middle of a test: the programmatic counterpart of {@link FaultExperiment}, for
 * tests with phases (measure a baseline, inject, observe under the fault, end it, measure
 * recovery). Register it with {@code @RegisterExtension} (on a static or an instance field):
 *
 * <pre>{@code
 * @RegisterExtension
 * static FaultInjection chaos =
 *     FaultInjection.builder().provider("aws").injectionTimeout(Duration.ofMinutes(2)).build();
 *
 * @Test
 * void checkoutRecovers() {
 *   Duration baseline = measure();
 *   chaos.mark("baseline measured");
 *   Duration degraded = chaos.during("pricing-latency", () -> measure()); // injected, then stopped
 *   Duration recovered = measure();
 *   …
 * }
 * }</pre>
 *
 * <p>or hold the experiment yourself with {@link #start(String)}. Experiments run in sequence or
 * overlap as the test calls them. The guarantees are the annotation's: every experiment is started
 * tagged with who started it, awaited until its fault is confirmed, stopped and confirmed ended
 * whatever happens — by your code, else when the test ends (it is tracked in the test's JUnit
 * Store), else by the JVM's shutdown hook, or before a {@code @Timeout} interrupts the test — and
 * its JSON report and HTML timeline are written under {@code
 * target/fault-experiments/<class>/<test>/started-<n>-<template>.*} and attached to the test.
 *
 * <p>The test class's {@link SteadyState} checks apply exactly as for the annotation (a class
 * without any runs its experiments unguarded): they must pass before each experiment starts, else
 * nothing is started and the test is aborted; with {@link Builder#probeDuringFault(boolean)} they
 * are probed while the fault is injected; and after each experiment's confirmed end ({@code
 * during}'s stop, {@link StartedExperiment#stop()}, or the test's end for a forgotten one) they
 * must pass again within the recovery timeout, else {@link RecoveryTimeoutException}.
 *
 * <p>Each setting comes from, in this order: the builder, the JUnit configuration parameter ({@link
 * FaultExperimentProperties}), the cloud's convention ({@code AWS_REGION}, {@code
 * AWS_ENDPOINT_URL_FIS}, {@code GOOGLE_CLOUD_PROJECT}, …), the default. The instance is immutable
 * and holds nothing about any test, so tests using it may run in parallel. Call it from the test's
 * own thread — the test method, its {@code @BeforeEach} or {@code @AfterEach} methods. With {@value
 * FaultExperimentProperties#ENABLED} = {@code false} a test is aborted (skipped) where it would
 * start an experiment. Unlike the annotation it cannot tag tests: add {@code @Tag("chaos")}
 * yourself where CI selects chaos tests by tag.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FaultInjection
    implements BeforeEachCallback, AfterEachCallback, PreInterruptCallback, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(FaultInjection.class);
  // A provider's own parameters: faultexperiment.<provider id>.<name>.
  private static final Pattern PROVIDER_PARAMETER =
      Pattern.compile("faultexperiment\\.[a-z][a-z0-9-]*\\.[a-z0-9.-]+");

  private final ProgrammaticOptions options;
  private final Map<String, String> parameters;

  /**
   * The test each thread is running, set around each test. A thread confines its own entry, so
   * parallel tests never see each other's; it is how {@link #start(String)}, called without a
   * context, finds the test's Store.
   */
  private final ThreadLocal<ExtensionContext> currentTest = new ThreadLocal<>();

  private FaultInjection(Builder builder) {
    this.options =
        new ProgrammaticOptions(
            builder.provider,
            builder.injectionTimeout,
            builder.stopTimeout,
            builder.tags,
            builder.dryRun,
            builder.allowEarlyEnd,
            List.copyOf(builder.steadyStateChecks),
            builder.recoveryTimeout,
            builder.probeDuringFault,
            builder.probeInterval,
            builder.acknowledgedUnfelt);
    this.parameters = Map.copyOf(builder.parameters);
  }

  /** A builder with nothing set: every setting from configuration parameters, then defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts an experiment from the template, waits until its fault is injected, runs the block,
   * stops the experiment and waits until it has ended.
   *
   * <p>Where the test class has {@link SteadyState} checks, they must pass before anything starts
   * (else the test is aborted and nothing is started), are probed while the block runs if the
   * builder asks, and must pass again within the recovery timeout once the experiment has ended.
   *
   * <p>If the block throws, the experiment is still stopped (and recovery awaited) and the block's
   * exception is rethrown as it is, with any failure to stop or recover added as suppressed. If the
   * experiment ends by itself while the block runs, the call fails with {@link
   * ExperimentFailedException} (unless the builder's {@code allowEarlyEnd(true)}).
   *
   * @param template AWS: template id ({@code EXT…}) or its {@code Name} tag; GCP: template id or
   *     full resource name
   * @param block what to run under the fault
   * @param <E> what the block may throw
   * @throws E what the block threw
   * @throws org.opentest4j.TestAbortedException when the steady state did not hold before the
   *     start: nothing was started
   * @throws RecoveryTimeoutException when the steady state did not come back after the end
   */
  public <E extends Throwable> void during(String template, Block<E> block) throws E {
    Objects.requireNonNull(block, "block");
    during(
        template,
        () -> {
          block.run();
          return null;
        });
  }

  /**
   * Like {@link #during(String, Block)}, returning the block's result once the experiment has
   * ended.
   *
   * @param template AWS: template id ({@code EXT…}) or its {@code Name} tag; GCP: template id or
   *     full resource name
   * @param block what to run under the fault
   * @param <T> the block's result
   * @param <E> what the block may throw
   * @return what the block returned
   * @throws E what the block threw
   * @throws org.opentest4j.TestAbortedException when the steady state did not hold before the
   *     start: nothing was started
   * @throws RecoveryTimeoutException when the steady state did not come back after the end
   */
  public <T, E extends Throwable> T during(String template, ResultBlock<T, E> block) throws E {
    Objects.requireNonNull(block, "block");
    ProgrammaticExperiment experiment = begin(template);
    T result;
    try {
      experiment.awaitInjected();
      experiment.blockStarted();
      try {
        result = block.get();
      } catch (Throwable failure) {
        experiment.blockEnded(failure);
        throw failure;
      }
      experiment.blockEnded(null);
    } catch (Throwable failure) {
      try {
        experiment.stop();
      } catch (RuntimeException | Error stopFailure) {
        failure.addSuppressed(stopFailure);
      }
      throw failure;
    }
    experiment.stop();
    return result;
  }

  /**
   * Starts an experiment from the template and returns at once; {@link
   * StartedExperiment#awaitInjected()} waits for its fault. Close it (try-with-resources) or {@link
   * StartedExperiment#stop()} it; what the test leaves live is stopped when the test ends. The test
   * class's {@link SteadyState} checks must pass before it starts; recovery is awaited when it is
   * stopped (see {@link StartedExperiment}).
   *
   * @param template AWS: template id ({@code EXT…}) or its {@code Name} tag; GCP: template id or
   *     full resource name
   * @return the started experiment
   * @throws CloudApiException when the service refused (nothing is left live)
   * @throws org.opentest4j.TestAbortedException when the steady state did not hold: nothing was
   *     started
   */
  public StartedExperiment start(String template) {
    return begin(template);
  }

  /**
   * Names the phase the test is entering (e.g. {@code "baseline measured"}); it appears, with its
   * time, on the timeline of every experiment of this test, those started later included.
   *
   * @param phase the name
   */
  public void mark(String phase) {
    if (phase == null || phase.isBlank()) {
      throw new IllegalArgumentException("mark('" + phase + "'): name the phase, e.g. 'baseline'.");
    }
    experiments(context("mark(\"" + phase + "\")")).markPhase(phase.strip());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    currentTest.set(context);
    Store store = context.getStore(NAMESPACE);
    // Several FaultInjection instances in one test share one tracker, so report names stay unique.
    if (store.get(ProgrammaticExperiments.class, ProgrammaticExperiments.class) == null) {
      RunResources resources = RunResources.of(context);
      store.put(
          ProgrammaticExperiments.class,
          new ProgrammaticExperiments(
              new TestIdentity(
                  context.getUniqueId(), FaultExperimentExtension.displayName(context)),
              FaultExperimentExtension.reportRoot(context)
                  .resolve(context.getRequiredTestClass().getName())
                  .resolve(FaultExperimentExtension.methodDirectory(context)),
              new ReportPublisher(context, System.out)));
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    currentTest.remove();
    experiments(context).finish(context.getExecutionException().orElse(null));
  }

  @Override
  public void beforeThreadInterrupt(
      PreInterruptContext preInterruptContext, ExtensionContext context) {
    // A @Timeout is about to interrupt the test thread: take the faults away first.
    Optional.ofNullable(
            context
                .getStore(NAMESPACE)
                .get(ProgrammaticExperiments.class, ProgrammaticExperiments.class))
        .ifPresent(ProgrammaticExperiments::stopNow);
  }

  /**
   * {@code FaultEmulator}, {@code Optional<FaultEmulator>} and {@link Endpoints} parameters, as for
   * annotated classes: the run's embedded emulator, to register local targets, and where the
   * application finds its dependencies. A class with {@code @FaultExperiment} gets them from the
   * annotation's extension instead (one resolver per parameter).
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return RunModeParameters.supports(parameter)
        && !context.getTestClass().map(ExperimentPresence::anywhereIn).orElse(false);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return RunModeParameters.resolve(parameter, context);
  }

  @Override
  public String toString() {
    // Parameter values may hold credentials: keys only.
    return "FaultInjection[provider="
        + options.provider()
        + ", injectionTimeout="
        + options.injectionTimeout()
        + ", stopTimeout="
        + options.stopTimeout()
        + ", tags="
        + options.tags()
        + ", dryRun="
        + options.dryRun()
        + ", allowEarlyEnd="
        + options.allowEarlyEnd()
        + ", steadyState="
        + options.steadyStateChecks()
        + ", recoveryTimeout="
        + options.recoveryTimeout()
        + ", probeDuringFault="
        + options.probeDuringFault()
        + ", probeInterval="
        + options.probeInterval()
        + ", parameters set="
        + new TreeSet<>(parameters.keySet())
        + "]";
  }

  private ProgrammaticExperiment begin(String template) {
    ExtensionContext context = context("start(\"" + template + "\")");
    RunResources resources = RunResources.of(context).withParameters(parameters, context);
    Assumptions.assumeTrue(
        resources.settings().enabled(),
        () -> "Chaos test skipped: " + FaultExperimentProperties.ENABLED + " = false");
    ExperimentSettings settings = resources.resolver().experiment(template, options);
    Optional<SteadyStateGuard> steadyState =
        SteadyStateGuard.of(
            context.getRequiredTestClass(),
            context.getTestInstance(),
            resources.resolver().steadyState(options),
            SteadyStateOrigin.BUILDER);
    return experiments(context)
        .start(
            settings,
            resources.providers().get(settings.provider()),
            resources.localTargets(),
            steadyState);
  }

  private ExtensionContext context(String call) {
    ExtensionContext context = currentTest.get();
    if (context == null) {
      throw new FaultExperimentException(
          "FaultInjection."
              + call
              + " was called outside a test, or from another thread than the test's: register"
              + " this FaultInjection with @RegisterExtension and call it from the test method or"
              + " its @BeforeEach/@AfterEach methods, on the test's own thread.");
    }
    return context;
  }

  private static ProgrammaticExperiments experiments(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .get(ProgrammaticExperiments.class, ProgrammaticExperiments.class);
  }

  /**
   * A block run under a fault, returning nothing.
   *
   * @param <E> what it may throw
   */
  @FunctionalInterface
  public interface Block<E extends Throwable> {
    /**
     * Runs the block.
     *
     * @throws E whatever the block throws
     */
    void run() throws E;
  }

  /**
   * A block run under a fault, returning a result (a measurement, a response).
   *
   * @param <T> the result
   * @param <E> what it may throw
   */
  @FunctionalInterface
  public interface ResultBlock<T, E extends Throwable> {
    /**
     * Runs the block.
     *
     * @return its result
     * @throws E whatever the block throws
     */
    T get() throws E;
  }

  /**
   * Builds a {@link FaultInjection}; every setting optional. Each value is checked when set and
   * fails with {@link IllegalArgumentException} naming the method and what would be valid.
   */
  public static final class Builder {
    private String provider;
    private Duration injectionTimeout;
    private Duration stopTimeout;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private boolean dryRun;
    private boolean allowEarlyEnd;
    private final Set<String> steadyStateChecks = new LinkedHashSet<>();
    private Duration recoveryTimeout;
    private boolean probeDuringFault;
    private Duration probeInterval;
    private final Map<String, List<String>> acknowledgedUnfelt = new LinkedHashMap<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The provider id, e.g. {@code aws} or {@code gcp}; its module must be on the test classpath.
     * Default: configuration parameter {@value FaultExperimentProperties#PROVIDER}, else the only
     * provider module on the classpath.
     *
     * @param provider a provider id
     * @return this builder
     */
    public Builder provider(String provider) {
      this.provider =
          nonBlank("provider", "provider id such as aws, gcp or chaos-mesh", provider).get(0);
      return this;
    }

    /**
     * How long to wait until the fault is injected; on timeout the experiment is stopped and {@link
     * InjectionTimeoutException} thrown. Default: {@value
     * FaultExperimentProperties#INJECTION_TIMEOUT}, else 5 minutes.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder injectionTimeout(Duration timeout) {
      this.injectionTimeout = positive("injectionTimeout", timeout);
      return this;
    }

    /**
     * How long to wait, after asking the service to stop, until the experiment has ended. Default:
     * {@value FaultExperimentProperties#STOP_TIMEOUT}, else 5 minutes.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = positive("stopTimeout", timeout);
      return this;
    }

    /**
     * Extra tags on every experiment, added to those given before. Keys 1 to 128 characters, values
     * at most 256; keys starting with {@code faultexperiment:} are reserved. Default none.
     *
     * @param tags key to value
     * @return this builder
     */
    public Builder tags(Map<String, String> tags) {
      tags.forEach(
          (key, value) -> {
            SettingsResolver.tagProblem(key, value)
                .ifPresent(
                    valid -> {
                      throw new IllegalArgumentException(
                          "FaultInjection.builder().tags(...) entry '"
                              + key
                              + "="
                              + value
                              + "' is not valid: use "
                              + valid
                              + ".");
                    });
            this.tags.put(key, value);
          });
      return this;
    }

    /**
     * Validate without injecting: AWS {@code actionsMode: skip-all} (injection is confirmed when
     * the dry run has completed); GCP stops at {@code PREPARED}. Default {@code false}.
     *
     * @param dryRun whether to inject nothing
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Accept an experiment that ends by itself while it is observed (during the block, or between
     * {@code awaitInjected()} and {@code stop()}). Default {@code false}: {@link
     * ExperimentFailedException}.
     *
     * @param allowEarlyEnd whether an early end is fine
     * @return this builder
     */
    public Builder allowEarlyEnd(boolean allowEarlyEnd) {
      this.allowEarlyEnd = allowEarlyEnd;
      return this;
    }

    /**
     * Names the test class's {@link SteadyState} methods that apply to the experiments this
     * instance starts, added to those named before. Default: every {@code @SteadyState} method of
     * the test class. A name that is no such method fails the test where it would start an
     * experiment, listing the class's checks; nothing is started.
     *
     * @param names method names
     * @return this builder
     */
    public Builder steadyState(String... names) {
      steadyStateChecks.addAll(
          nonBlank("steadyState", "names of the test class's @SteadyState methods", names));
      return this;
    }

    /**
     * How long the steady-state checks may take to pass again after an experiment has ended; if
     * they do not, {@link RecoveryTimeoutException}. Default: {@value
     * FaultExperimentProperties#RECOVERY_TIMEOUT}, else 30 seconds. Applies only where the test
     * class has {@link SteadyState} methods.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder recoveryTimeout(Duration timeout) {
      this.recoveryTimeout = positive("recoveryTimeout", timeout);
      return this;
    }

    /**
     * Also run the steady-state checks on a background thread while the fault is injected (from
     * {@code awaitInjected()} until the stop), every {@link #probeInterval(Duration)}, recording
     * each failure as a {@link TimelineEvent.Kind#DEVIATION} on the timeline without failing the
     * test. Default {@code false}. Needs {@link SteadyState} methods: without any, starting an
     * experiment fails.
     *
     * @param probeDuringFault whether to probe
     * @return this builder
     */
    public Builder probeDuringFault(boolean probeDuringFault) {
      this.probeDuringFault = probeDuringFault;
      return this;
    }

    /**
     * How often {@link #probeDuringFault(boolean)} runs the checks. Default: {@value
     * FaultExperimentProperties#PROBE_INTERVAL}, else 1 second.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder probeInterval(Duration interval) {
      this.probeInterval = positive("probeInterval", interval);
      return this;
    }

    /**
     * In embedded mode, acknowledges that the application does not feel these actions of
     * experiments started from {@code template} (FIS: the actions' names in the template; Fault
     * Testing: their kinds), added to those acknowledged before: they do not fail the test, the
     * report records them as "not felt, acknowledged" and the run summary counts them. As {@link
     * FaultExperiment#acknowledgeUnfelt()} does for the annotation; {@value
     * FaultExperimentProperties#ACKNOWLEDGE_UNFELT} applies as well. A name that is not an action
     * of the template fails the test, listing its actions.
     *
     * @param template the template reference, as passed to {@code start} or {@code during}
     * @param actions the actions' names
     * @return this builder
     */
    public Builder acknowledgeUnfelt(String template, String... actions) {
      if (template == null || template.isBlank()) {
        throw new IllegalArgumentException(
            "FaultInjection.builder().acknowledgeUnfelt('"
                + template
                + "', …) is not valid: name the template as start or during is given it.");
      }
      List<String> names =
          nonBlank(
              "acknowledgeUnfelt",
              "names of the template's actions (FIS: the action's name; Fault Testing: its kind)",
              actions);
      acknowledgedUnfelt.merge(
          template.strip(),
          names,
          (before, added) -> Stream.concat(before.stream(), added.stream()).distinct().toList());
      return this;
    }

    /**
     * Sets one of a provider's own parameters ({@code faultexperiment.<provider id>.…}: endpoints,
     * region, credentials, project, location, allow-lists, as each provider module's properties
     * class lists them) for this instance only, winning over the configuration parameter of that
     * name. For example, an emulator the test started itself: {@code
     * configurationParameter(AwsProperties.ENDPOINT, emulator.endpoint())}.
     *
     * @param key the parameter's name
     * @param value its value, as the configuration parameter would be written
     * @return this builder
     */
    public Builder configurationParameter(String key, Object value) {
      if (key == null || !PROVIDER_PARAMETER.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "FaultInjection.builder().configurationParameter('"
                + key
                + "', …) is not valid: use a provider's own parameter,"
                + " faultexperiment.<provider id>.<name> (e.g. faultexperiment.aws.region);"
                + " provider and timeouts have their own builder methods, and run-wide"
                + " parameters belong in junit-platform.properties.");
      }
      String text = value == null ? "" : value.toString().strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(
            "FaultInjection.builder().configurationParameter('"
                + key
                + "', '"
                + value
                + "') is not valid: give a non-blank value.");
      }
      parameters.put(key, text);
      return this;
    }

    /** The immutable extension. */
    public FaultInjection build() {
      return new FaultInjection(this);
    }

    private static Duration positive(String method, Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "FaultInjection.builder()."
                + method
                + "("
                + timeout
                + ") is not valid: use a positive duration, e.g. Duration.ofMinutes(2).");
      }
      return timeout;
    }

    private static List<String> nonBlank(String method, String what, String... values) {
      List<String> entries =
          Arrays.stream(values == null ? new String[0] : values)
              .map(value -> value == null ? "" : value.strip())
              .toList();
      if (entries.isEmpty() || entries.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException(
            "FaultInjection.builder()."
                + method
                + "("
                + Arrays.toString(values)
                + ") is not valid: give one or more non-blank "
                + what
                + ".");
      }
      return entries;
    }
  }
}
