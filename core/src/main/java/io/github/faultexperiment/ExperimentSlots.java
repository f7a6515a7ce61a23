package io.github.faultexperiment;

import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.SafetySettings;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who may have an experiment active right now, across the test threads of this JVM: one experiment
 * per template at a time (two tests hitting the same targets at once would measure each other's
 * faults), and at most {@link SafetySettings#maxActiveExperiments()} per provider scope (FIS's
 * quota is five). A slot is held from before the start until the end is confirmed, and may be
 * released by any thread (the stop may run on a {@code @Timeout} watcher or the shutdown hook),
 * hence fair semaphores rather than locks. Not public API.
 */
final class ExperimentSlots {
  private static final ConcurrentMap<String, Semaphore> TEMPLATES = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, Semaphore> SCOPES = new ConcurrentHashMap<>();

  private ExperimentSlots() {}

  /**
   * Waits for the template to be free and for a slot in the provider's scope.
   *
   * @param provider the service (its scope)
   * @param template the resolved template
   * @param max how many experiments may be active at once in the provider's scope
   * @param timeout at most this long in total
   * @return the slot; release it once the experiment has ended
   * @throws FaultExperimentException when the wait timed out or was interrupted
   */
  static Slot acquire(
      FaultProvider provider, ResolvedTemplate template, int max, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Semaphore templateLock =
        TEMPLATES.computeIfAbsent(
            provider.scope() + " " + template.id(), key -> new Semaphore(1, true));
    Semaphore scope =
        SCOPES.computeIfAbsent(provider.scope() + " max " + max, key -> new Semaphore(max, true));
    if (!tryAcquire(templateLock, deadline)) {
      throw waitedTooLong(
          template,
          timeout,
          "another test's experiment from the same template to end (experiments of one template"
              + " never overlap)");
    }
    if (!tryAcquire(scope, deadline)) {
      templateLock.release();
      throw waitedTooLong(
          template,
          timeout,
          "one of the "
              + max
              + " active-experiment slots of "
              + provider.scope()
              + " (set by "
              + FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS
              + ")");
    }
    return new Slot(templateLock, scope);
  }

  private static boolean tryAcquire(Semaphore semaphore, long deadline) {
    try {
      return semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultExperimentException(
          "Interrupted while waiting to start an experiment: nothing was started", e);
    }
  }

  private static FaultExperimentException waitedTooLong(
      ResolvedTemplate template, Duration timeout, String forWhat) {
    return new FaultExperimentException(
        "Experiment from template '"
            + template.reference()
            + "' was not started: waited "
            + timeout
            + " (the injection timeout) for "
            + forWhat
            + ". Run fewer chaos tests in parallel, or raise @FaultExperiment(injectionTimeout) or "
            + FaultExperimentProperties.INJECTION_TIMEOUT
            + ".");
  }

  /** A held template lock and scope slot; {@link #release()} is idempotent. */
  static final class Slot {
    private final Semaphore template;
    private final Semaphore scope;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(Semaphore template, Semaphore scope) {
      this.template = template;
      this.scope = scope;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        scope.release();
        template.release();
      }
    }
  }
}
