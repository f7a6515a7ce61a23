package io.github.faultexperiment;

import java.time.Duration;

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
 */
public interface StartedExperiment extends ExperimentHandle, AutoCloseable {

  /**
   * Waits until the fault is injected (a dry run: until validated), within the injection timeout.
   * Returns at once when that was already confirmed.
   *
   * @throws InjectionTimeoutException when the timeout passed first; the experiment was stopped
   * @throws ExperimentFailedException when the experiment failed, was cancelled or ended first
   * @throws FaultExperimentException when called after {@link #stop()}
   */
  void awaitInjected();

  /**
   * Stops the experiment and waits, within the stop timeout, until the service confirms it has
   * ended. Calling it again does nothing.
   *
   * @throws ExperimentFailedException when the fault had ended by itself before the stop, after
   *     {@link #awaitInjected()} confirmed it (unless the builder's {@code allowEarlyEnd(true)});
   *     the experiment is ended all the same
   * @throws FaultExperimentException when the end was not confirmed within the stop timeout
   */
  void stop();

  /**
   * Waits, without stopping it, until the experiment ends by itself (its template's duration ran
   * out), at most the stop timeout; after {@link #stop()} returns at once.
   *
   * @throws FaultExperimentException when it has not ended in time (it stays live until stopped)
   */
  void awaitEnded();

  /**
   * Waits, without stopping it, until the experiment ends by itself, at most {@code timeout}; after
   * {@link #stop()} returns at once.
   *
   * @param timeout how long to wait, positive
   * @throws FaultExperimentException when it has not ended in time (it stays live until stopped)
   */
  void awaitEnded(Duration timeout);

  /** Whether the experiment may still be injected: started, and not confirmed ended. */
  boolean live();

  /** Stops the experiment unless that already happened; see {@link #stop()}. */
  @Override
  void close();
}
