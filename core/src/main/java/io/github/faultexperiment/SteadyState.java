package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a method of the test class (or a superclass) as a steady-state check: plain Java that
 * returns normally when the system is healthy and throws — an {@link AssertionError} from AssertJ,
 * any exception — when it is not.
 *
 * <pre>{@code
 * @SteadyState
 * void checkoutAnswersQuickly() {
 *   assertThat(checkout.placeOrder().status()).isEqualTo(200);
 * }
 *
 * @Test
 * @FaultExperiment(template = "pricing-latency", recoveryTimeout = "PT20S")
 * void checkoutSurvivesSlowPricing() { … }
 * }</pre>
 *
 * <p>For each {@link FaultExperiment} test of the class (or the class, for a class-level
 * experiment) the extension
 *
 * <ol>
 *   <li>runs the checks before starting anything, retrying within {@value
 *       FaultExperimentProperties#STEADY_STATE_TIMEOUT} (default 10 s); if they never pass, no
 *       experiment is started and the test is <em>aborted</em> with the last failure: the system
 *       was not healthy, so nothing was tested;
 *   <li>optionally ({@link FaultExperiment#probeDuringFault()}) runs them on a background thread
 *       while the fault is injected and records each failure on the timeline;
 *   <li>after the experiment has ended, retries them until they pass, within {@link
 *       FaultExperiment#recoveryTimeout()} (default 30 s); if they never do the test fails with
 *       {@link RecoveryTimeoutException}. The time to recover is in the report and on the timeline.
 * </ol>
 *
 * <p>The method takes no parameters; its return value is ignored. An instance method runs on the
 * test instance — for a class-level experiment that needs {@code @TestInstance(PER_CLASS)}, else
 * make it {@code static}. By default every {@code @SteadyState} method applies; {@link
 * FaultExperiment#steadyState()} names a subset. Checks run in their declaration order
 * (superclasses first) and stop at the first failure.
 *
 * <p>The same checks guard every experiment a test of the class starts through {@link
 * FaultInjection} ({@code during} or {@code start}): before its start, optionally while injected,
 * and after its own end; the builder's {@code steadyState}, {@code recoveryTimeout}, {@code
 * probeDuringFault} and {@code probeInterval} play the attributes' part.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SteadyState {}
