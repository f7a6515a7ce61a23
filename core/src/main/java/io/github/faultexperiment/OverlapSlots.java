package io.github.faultexperiment;

import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.SafetySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.StampedLock;

/**
 * Who may have an experiment active right now, across the test threads of this JVM: experiments
 * whose targets overlap ({@link OverlapKeys}) never at once (two tests hitting the same resource
 * would measure each other's faults), and at most {@link SafetySettings#maxActiveExperiments()} per
 * provider scope (FIS's quota is five). Annotated tests rarely wait here: {@link OverlapLocks}
 * already told JUnit's scheduler. Programmatic experiments, and live templates whose targets were
 * unknown at discovery, do. A slot is held from before the start until the end is confirmed, and
 * may be released by any thread (the stop may run on a {@code @Timeout} watcher or the shutdown
 * hook), hence stamped locks and semaphores rather than owned locks. Target locks are taken in key
 * order, so two experiments never deadlock. Not public API.
 */
final class OverlapSlots {
  private static final ConcurrentMap<String, StampedLock> TARGETS = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, Semaphore> SCOPES = new ConcurrentHashMap<>();

  private OverlapSlots() {}

  /**
   * Waits for the template's targets to be free and for a slot in the provider's scope.
   *
   * @param provider the service (its scope; the template's targets)
   * @param template the resolved template
   * @param max how many experiments may be active at once in the provider's scope
   * @param timeout at most this long in total
   * @return the slot; release it once the experiment has ended
   * @throws FaultExperimentException when the wait timed out or was interrupted
   */
  static Slot acquire(
      FaultProvider provider, ResolvedTemplate template, int max, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Boolean> targets = new TreeMap<>(OverlapKeys.resolved(provider, template));
    List<Runnable> held = new ArrayList<>();
    for (Map.Entry<String, Boolean> target : targets.entrySet()) {
      String key = provider.scope() + " " + target.getKey();
      StampedLock lock = TARGETS.computeIfAbsent(key, k -> new StampedLock());
      long stamp = tryLock(lock, target.getValue(), deadline);
      if (stamp == 0) {
        held.forEach(Runnable::run);
        throw waitedTooLong(
            template,
            timeout,
            "another test's experiment on '"
                + target.getKey()
                + "' to end (experiments whose targets overlap never run together)");
      }
      held.add(() -> lock.unlock(stamp));
    }
    Semaphore scope =
        SCOPES.computeIfAbsent(provider.scope() + " max " + max, key -> new Semaphore(max, true));
    if (!tryAcquire(scope, deadline)) {
      held.forEach(Runnable::run);
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
    held.add(scope::release);
    return new Slot(held);
  }

  /** A stamp, or 0 when the deadline passed first. */
  private static long tryLock(StampedLock lock, boolean shared, long deadline) {
    long remaining = Math.max(0, deadline - System.nanoTime());
    try {
      return shared
          ? lock.tryReadLock(remaining, TimeUnit.NANOSECONDS)
          : lock.tryWriteLock(remaining, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  private static boolean tryAcquire(Semaphore semaphore, long deadline) {
    try {
      return semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  private static FaultExperimentException interrupted(InterruptedException e) {
    return new FaultExperimentException(
        "Interrupted while waiting to start an experiment: nothing was started", e);
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

  /** Held target locks and a scope slot; {@link #release()} is idempotent. */
  static final class Slot {
    private final List<Runnable> releases;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(List<Runnable> releases) {
      this.releases = List.copyOf(releases);
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        // the scope first (taken last), then the targets
        for (int i = releases.size() - 1; i >= 0; i--) {
          releases.get(i).run();
        }
      }
    }
  }
}
