package io.github.faultexperiment;

import io.github.faultexperiment.report.TimelineEvent.Kind;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.TestAbortedException;

/**
 * The steady-state discipline around one or more experiments: verify the checks before anything
 * starts (abort the test if they never pass), optionally probe them while the fault is injected,
 * and await their passing again after the experiments have ended. Every step is recorded on each
 * experiment's timeline. Usable by anything that drives {@link ExperimentLifecycle}s. Not public
 * API.
 */
final class SteadyStateGuard {
  /** How often the checks are retried before the start and while awaiting recovery. */
  static final Duration RETRY_INTERVAL = Duration.ofMillis(100);

  private static final System.Logger LOG = System.getLogger(SteadyStateGuard.class.getName());

  private final List<SteadyStateCheck> checks;
  private final SteadyStateSettings settings;
  private final String names;

  private SteadyStateGuard(List<SteadyStateCheck> checks, SteadyStateSettings settings) {
    this.checks = List.copyOf(checks);
    this.settings = settings;
    this.names = this.checks.stream().map(SteadyStateCheck::name).collect(Collectors.joining(", "));
  }

  /**
   * The guard of a test class's {@code @SteadyState} checks that the settings select, if any.
   *
   * @param testClass the class declaring (or inheriting) the checks
   * @param instance the test instance, empty for a class-level experiment without {@code PER_CLASS}
   *     lifecycle
   * @param settings the resolved settings
   * @param origin where the settings were written, for messages
   * @return the guard, or empty when the class has no checks (experiments run unguarded)
   * @throws ExtensionConfigurationException when a named check is unknown, a check cannot be
   *     called, or probing is asked for without any check
   */
  public static Optional<SteadyStateGuard> of(
      Class<?> testClass,
      Optional<Object> instance,
      SteadyStateSettings settings,
      SteadyStateOrigin origin) {
    List<SteadyStateCheck> checks =
        SteadyStateMethods.of(testClass, instance, settings.checks(), origin);
    if (!checks.isEmpty()) {
      return Optional.of(new SteadyStateGuard(checks, settings));
    }
    if (settings.probeDuringFault()) {
      throw new ExtensionConfigurationException(
          origin.probeSetting()
              + " needs steady-state checks, but "
              + testClass.getName()
              + " has no @SteadyState methods: add one or remove probeDuringFault.");
    }
    return Optional.empty();
  }

  /** The settings this guard was made with. */
  public SteadyStateSettings settings() {
    return settings;
  }

  /**
   * Retries the checks until they pass, within the verify timeout; call before any experiment is
   * started.
   *
   * @param experiments the experiments about to start, whose timelines record the outcome
   * @throws TestAbortedException when the checks never passed: nothing may be started
   */
  public void verifyBefore(List<ExperimentLifecycle> experiments) {
    Attempts attempts = retry("steady state before the experiment", settings.verifyTimeout());
    if (attempts.passed()) {
      record(experiments, Kind.STEADY_STATE_VERIFIED, "passed", attempts.describe());
      return;
    }
    record(experiments, Kind.NOT_IN_STEADY_STATE, "failed", String.valueOf(attempts.lastFailure()));
    throw new TestAbortedException(
        "System not in its steady state ("
            + names
            + ") within "
            + settings.verifyTimeout()
            + " ("
            + attempts.count()
            + " checks), so no experiment was started and nothing was tested. Last failure: "
            + attempts.lastFailure(),
        attempts.lastFailure());
  }

  /**
   * Starts probing the checks on a background thread, if the settings ask for it; each failure is
   * recorded as a {@link Kind#DEVIATION}. Close the result before stopping the experiments.
   *
   * @param experiments the injected experiments, whose timelines record deviations
   * @return the running probe (does nothing when probing is off)
   */
  public AutoCloseable probeDuringFault(List<ExperimentLifecycle> experiments) {
    if (!settings.probeDuringFault()) {
      return () -> {};
    }
    return new Probe(experiments);
  }

  /**
   * Retries the checks until they pass again, within the recovery timeout; call once every
   * experiment has ended.
   *
   * @param experiments the ended experiments, whose timelines record the outcome
   * @throws RecoveryTimeoutException when the checks never passed, with the last failure as cause
   */
  public void awaitRecovery(List<ExperimentLifecycle> experiments) {
    Attempts attempts = retry("steady state after the experiment", settings.recoveryTimeout());
    if (attempts.passed()) {
      record(experiments, Kind.RECOVERED, "passed", attempts.describe());
      return;
    }
    record(
        experiments,
        Kind.NOT_RECOVERED,
        "failed",
        "not back after " + attempts.describe() + ": " + attempts.lastFailure());
    throw new RecoveryTimeoutException(
        experiments.stream().map(String::valueOf).collect(Collectors.joining(", ")),
        names,
        settings.recoveryTimeout(),
        attempts.waited(),
        attempts.count(),
        attempts.lastFailure());
  }

  private Attempts retry(String description, Duration timeout) {
    AtomicInteger count = new AtomicInteger();
    AtomicReference<Throwable> last = new AtomicReference<>();
    long startNanos = System.nanoTime();
    boolean passed;
    try {
      Awaitility.await(description)
          // an application thread dying of the fault is what the checks judge, not the retry loop
          .dontCatchUncaughtExceptions()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(RETRY_INTERVAL)
          .atMost(timeout)
          .until(
              () -> {
                count.incrementAndGet();
                Throwable failure = runChecks();
                last.set(failure);
                return failure == null;
              });
      passed = true;
    } catch (ConditionTimeoutException e) {
      passed = false;
    }
    return new Attempts(
        passed, count.get(), Duration.ofNanos(System.nanoTime() - startNanos), last.get());
  }

  /** Runs every check in order; the first failure, or {@code null} when all passed. */
  private Throwable runChecks() {
    for (SteadyStateCheck check : checks) {
      try {
        check.check().execute();
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable failure) {
        return failure;
      }
    }
    return null;
  }

  private void record(
      List<ExperimentLifecycle> experiments, Kind kind, String state, String detail) {
    experiments.forEach(experiment -> experiment.record(kind, names, state, detail));
    LOG.log(
        kind == Kind.STEADY_STATE_VERIFIED || kind == Kind.RECOVERED ? Level.DEBUG : Level.WARNING,
        () -> "Steady state (" + names + ") " + kind + ": " + detail);
  }

  /**
   * The outcome of retrying the checks.
   *
   * @param passed whether they passed in the end
   * @param count how many times they ran
   * @param waited from the first run to the verdict
   * @param lastFailure the last failure, {@code null} when they passed
   */
  private record Attempts(boolean passed, int count, Duration waited, Throwable lastFailure) {
    String describe() {
      return waited.toMillis() + " ms (" + count + (count == 1 ? " check)" : " checks)");
    }
  }

  /** Runs the checks every probe interval on one daemon thread until closed. */
  private final class Probe implements AutoCloseable {
    private final List<ExperimentLifecycle> experiments;
    private final ScheduledExecutorService executor;
    private volatile boolean closed;

    Probe(List<ExperimentLifecycle> experiments) {
      this.experiments = List.copyOf(experiments);
      this.executor =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "steady-state-probe " + names);
                thread.setDaemon(true);
                return thread;
              });
      long interval = settings.probeInterval().toNanos();
      executor.scheduleWithFixedDelay(this::probeOnce, 0, interval, TimeUnit.NANOSECONDS);
    }

    private void probeOnce() {
      Throwable failure = runChecks();
      // A probe that was still running when the fault was taken away says nothing about it.
      if (failure != null && !closed) {
        record(experiments, Kind.DEVIATION, "failed", String.valueOf(failure));
      }
    }

    @Override
    public void close() {
      closed = true;
      executor.shutdown();
      try {
        if (!executor.awaitTermination(
            settings.probeInterval().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
