package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * An experiment a test started itself with {@link FaultInjection#start(String)}: it decides when to
 * wait for the fault and when to end it.
 *
 * <pre>{@code
 * try (StartedExperiment experiment = chaos.start("pricing-latency")) {
 *   experiment.awaitInjected();
 *   // … observe the system under the fault …
 *   experiment.stop();
 *   // … measure recovery …
 * }
 * }</pre>
 *
 * <p>Whatever the test does, the experiment is stopped: on {@link #close()}, else when the test
 * ends (even if it failed), else by the JVM's shutdown hook. Safe to use from several threads.
 *
 * <p>Where the test class has {@link SteadyState} checks, they passed before the experiment was
 * started; with {@code probeDuringFault(true)} they are probed from {@link #awaitInjected()} until
 * the stop; and once the experiment has ended ({@link #stop()}, {@link #awaitEnded()}, or the
 * test's end for a forgotten experiment) they must pass again within the recovery timeout. Recovery
 * is awaited once per experiment.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface StartedExperiment extends ExperimentHandle, AutoCloseable {

  /**
   * Waits until the fault is injected (a dry run: until validated), within the injection timeout,
   * then starts probing the steady state if the builder asks for it. Returns at once when that was
   * already confirmed.
   *
   * @throws InjectionTimeoutException when the timeout passed first; the experiment was stopped
   * @throws ExperimentFailedException when the experiment failed, was cancelled or ended first
   * @throws FaultExperimentException when called after {@link #stop()}
   */
  void awaitInjected();

  /**
   * Stops the experiment and waits, within the stop timeout, until the service confirms it has
   * ended; then awaits the steady state's recovery. Calling it again does nothing.
   *
   * @throws ExperimentFailedException when the fault had ended by itself before the stop, after
   *     {@link #awaitInjected()} confirmed it (unless the builder's {@code allowEarlyEnd(true)});
   *     the experiment is ended all the same
   * @throws FaultExperimentException when the end was not confirmed within the stop timeout
   *     (recovery is then not awaited: the fault may still be live)
   * @throws RecoveryTimeoutException when the steady-state checks did not pass again within the
   *     recovery timeout
   */
  void stop();

  /**
   * Waits, without stopping it, until the experiment ends by itself (its template's duration ran
   * out), at most the stop timeout, then awaits the steady state's recovery; after {@link #stop()}
   * returns at once.
   *
   * @throws FaultExperimentException when it has not ended in time (it stays live until stopped)
   * @throws RecoveryTimeoutException when the steady-state checks did not pass again in time
   */
  void awaitEnded();

  /**
   * Waits, without stopping it, until the experiment ends by itself, at most {@code timeout}, then
   * awaits the steady state's recovery; after {@link #stop()} returns at once.
   *
   * @param timeout how long to wait, positive
   * @throws FaultExperimentException when it has not ended in time (it stays live until stopped)
   * @throws RecoveryTimeoutException when the steady-state checks did not pass again in time
   */
  void awaitEnded(Duration timeout);

  /** Whether the experiment may still be injected: started, and not confirmed ended. */
  boolean live();

  /** Stops the experiment unless that already happened; see {@link #stop()}. */
  @Override
  void close();
}
