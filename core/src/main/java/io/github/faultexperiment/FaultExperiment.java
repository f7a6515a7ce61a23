package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.STABLE;

import io.github.faultexperiment.report.TimelineEvent;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the annotated test's body while a fault-injection experiment is injected: on AWS Fault
 * Injection Service or Google Cloud Fault Injection Testing.
 *
 * <pre>{@code
 * @FaultExperiment(template = "checkout-az-outage")
 * void checkoutSurvivesLosingAnAvailabilityZone(ExperimentHandle experiment) {
 *   // runs only once the experiment's fault actions are running
 *   assertThat(checkout.placeOrder()).isSuccessful();
 * }
 * }</pre>
 *
 * <p>For each annotated test the extension
 *
 * <ol>
 *   <li>checks the account or project against the allow-list and resolves {@link #template()};
 *   <li>starts one experiment from it (tagged {@code faultexperiment:run} and {@code
 *       faultexperiment:test});
 *   <li>waits until the fault is injected — AWS: the experiment and its fault actions are {@code
 *       running} (or the actions named in {@link #awaitActions()}); GCP: {@code INJECTED} — and
 *       fails fast with the cloud's own reason if the experiment fails, is cancelled or ends first;
 *   <li>runs the test body (not {@code @BeforeEach}/{@code @AfterEach} methods);
 *   <li>stops the experiment, whatever the body did, and waits until it has ended;
 *   <li>writes a JSON report and an HTML timeline and attaches them to the test's results.
 * </ol>
 *
 * <p><b>On a class</b> one experiment spans all tests of the class: it is started before
 * {@code @BeforeAll} methods of later extensions run and stopped after all tests. <b>Repeated</b>
 * (several annotations, or a composed annotation), all experiments are started and injected before
 * the body and all are stopped after it. The annotation also works as a meta-annotation on your own
 * composed annotations. Every test it applies to carries the tag {@code chaos}.
 *
 * <p>In embedded mode ({@value FaultExperimentProperties#EMULATOR} = {@code embedded}) a test and
 * its {@code @BeforeEach} methods may declare a parameter of type {@code
 * io.github.faultexperiment.emulator.FaultEmulator}: the run's emulator, e.g. to register the local
 * targets its templates' faults act on before the experiment starts. A parameter of type {@code
 * Optional<FaultEmulator>} is the same emulator in embedded mode and empty in any other mode, for
 * tests that run both offline and against the real clouds. Such tests usually need only an {@link
 * Endpoints} parameter: the address of a dependency, a local target offline and the real endpoint
 * in the cloud.
 *
 * <p>Settings left empty here come from JUnit configuration parameters (see {@link
 * FaultExperimentProperties}), then the clouds' own conventions ({@code AWS_REGION}, {@code
 * AWS_ENDPOINT_URL_FIS}, {@code GOOGLE_CLOUD_PROJECT}, …), then defaults. Invalid attributes fail
 * the test before anything is started, naming the attribute and what would be valid.
 *
 * <p><b>Parallel execution.</b> Experiments whose templates share a target never run at once: the
 * annotation declares a {@code @ResourceLock} per target, so JUnit's scheduler keeps such tests
 * apart (see {@code docs/annotation.md}, "Parallel execution").
 *
 * <p>Limits: a test must not carry two experiments whose templates share a target (the second would
 * wait for the first); FIS allows at most five active experiments per account and region.
 */
@API(status = STABLE, since = "0.1")
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(FaultExperiments.class)
@ExtendWith(FaultExperimentExtension.class)
@Tag("chaos")
@ResourceLock(providers = OverlapLocks.class)
public @interface FaultExperiment {

  /**
   * The experiment template: AWS a template id ({@code EXT…}) or the value of its {@code Name} tag;
   * GCP the template id, or its full resource name {@code
   * projects/…/locations/…/experimentTemplates/…}. Required; a name matching zero or several
   * templates fails the test listing what was found.
   */
  String template();

  /**
   * The service: the id of a provider module on the test classpath, {@code aws} or {@code gcp}
   * (case-insensitive). Default empty: configuration parameter {@value
   * FaultExperimentProperties#PROVIDER}, else the only provider module on the test classpath; with
   * none, or several and no parameter, the test fails naming the modules to add or the ids found.
   */
  String provider() default "";

  /**
   * How long to wait until the fault is injected, as an ISO-8601 duration ({@code PT2M}); must be
   * positive. Default empty: configuration parameter {@value
   * FaultExperimentProperties#INJECTION_TIMEOUT}, else {@code PT5M}. On timeout the experiment is
   * stopped and the test fails with {@link InjectionTimeoutException}.
   */
  String injectionTimeout() default "";

  /**
   * How long to wait, after asking the service to stop, until the experiment has ended, as an
   * ISO-8601 duration; must be positive. Default empty: configuration parameter {@value
   * FaultExperimentProperties#STOP_TIMEOUT}, else {@code PT5M}.
   */
  String stopTimeout() default "";

  /**
   * Names of template actions that must be injected before the body runs (AWS: the keys of the
   * template's {@code actions}; GCP: the action kind). Default: at least one action injected.
   * Unknown names fail the test listing the template's actions.
   */
  String[] awaitActions() default {};

  /**
   * Extra tags on the experiment, each {@code key=value} (key not empty, at most 128 characters;
   * value at most 256). Keys starting with {@code faultexperiment:} are reserved. Default none.
   */
  String[] tags() default {};

  /**
   * Validate without injecting: AWS {@code actionsMode: skip-all}; GCP stops at {@code PREPARED}.
   * The body runs once the dry run has completed (AWS) or is prepared (GCP). Default {@code false}.
   * Cannot be combined with {@link #awaitActions()}.
   */
  boolean dryRun() default false;

  /**
   * Accept an experiment that ends by itself while the body runs (its duration ran out, a stop
   * condition fired). Default {@code false}: the test fails with {@link ExperimentFailedException}
   * saying what happened.
   */
  boolean allowEarlyEnd() default false;

  /**
   * Names of the {@link SteadyState} methods (of the test class and its superclasses) that define
   * this experiment's steady state. Default empty: every {@code @SteadyState} method of the class;
   * with none, the experiment runs without a steady-state check. Unknown names fail the test
   * listing the class's {@code @SteadyState} methods. See {@link SteadyState} for when the checks
   * run.
   */
  String[] steadyState() default {};

  /**
   * How long the steady state may take to hold again after the experiment has ended, as an ISO-8601
   * duration; must be positive. Default empty: configuration parameter {@value
   * FaultExperimentProperties#RECOVERY_TIMEOUT}, else {@code PT30S}. Past it the test fails with
   * {@link RecoveryTimeoutException}. Ignored without steady-state checks.
   */
  String recoveryTimeout() default "";

  /**
   * Also run the steady-state checks on a background thread while the fault is injected, every
   * {@link #probeInterval()}, recording each failure as a {@link TimelineEvent.Kind#DEVIATION} on
   * the timeline without failing the test. Default {@code false}. Needs steady-state checks.
   */
  boolean probeDuringFault() default false;

  /**
   * How often {@link #probeDuringFault()} runs the checks, as an ISO-8601 duration; must be
   * positive. Default empty: configuration parameter {@value
   * FaultExperimentProperties#PROBE_INTERVAL}, else {@code PT1S}.
   */
  String probeInterval() default "";

  /**
   * Names of this template's actions whose fault the application may not feel in embedded mode
   * (FIS: the action's name in the template; Fault Testing: its kind), e.g. {@code
   * acknowledgeUnfelt = "runbook"} for an SSM automation the emulator cannot interpret. Without it,
   * a fault action that reaches no local target, or whose local target the application never used
   * while the fault was on, fails the test. The report records an acknowledged action as "not felt,
   * acknowledged" and the run summary counts it. Configuration parameter {@value
   * FaultExperimentProperties#ACKNOWLEDGE_UNFELT} acknowledges per template as well. Default none;
   * ignored against the real clouds.
   */
  String[] acknowledgeUnfelt() default {};
}
