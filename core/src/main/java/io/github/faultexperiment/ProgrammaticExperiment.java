package io.github.faultexperiment;

import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The handle of an experiment a test started itself: the test's calls drive the same {@link
 * ExperimentGroup} (of one experiment) as the annotation, so start, wait, stop, reports and cleanup
 * are the annotation's, steady-state checks included: verified before the start, probed from {@link
 * #awaitInjected()} until the end, recovery awaited once after the confirmed end (by {@link
 * #stop()}, or by {@link #awaitEnded()} when the experiment ended by itself). Not public API.
 */
final class ProgrammaticExperiment implements StartedExperiment {
  private static final String BLOCK = "block under the fault";

  private final ExperimentLifecycle lifecycle;
  private final ExperimentGroup group;
  private volatile boolean injected;
  private volatile boolean endedAsAwaited;
  private volatile boolean stopped;

  ProgrammaticExperiment(ExperimentLifecycle lifecycle, ExperimentGroup group) {
    this.lifecycle = lifecycle;
    this.group = group;
  }

  /** Starts the experiment; on failure it is stopped, reported and the failure rethrown. */
  void start() {
    group.start();
  }

  /** Records on the timeline that the block run under the fault starts now. */
  public void blockStarted() {
    lifecycle.bodyStarted(BLOCK);
  }

  /**
   * Records on the timeline that the block run under the fault ended now, and how.
   *
   * @param failure what the block threw, or {@code null}
   */
  public void blockEnded(Throwable failure) {
    lifecycle.bodyEnded(BLOCK, failure);
    if (failure != null) {
      lifecycle.failedBecause(failure);
    }
  }

  ExperimentLifecycle lifecycle() {
    return lifecycle;
  }

  ExperimentGroup group() {
    return group;
  }

  @Override
  public void awaitInjected() {
    if (injected) {
      return;
    }
    if (stopped || endedAsAwaited) {
      throw new FaultExperimentException(
          this + " has already ended: call awaitInjected() before stop() or awaitEnded().");
    }
    group.awaitInjected();
    injected = true;
  }

  @Override
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    List<RuntimeException> failures = new ArrayList<>();
    if (injected && !endedAsAwaited) {
      try {
        lifecycle.verifyNotEndedEarly();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    try {
      group.stopAndAwaitRecovery();
    } catch (RuntimeException e) {
      lifecycle.failedBecause(e);
      failures.add(e);
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  @Override
  public void awaitEnded() {
    awaitEnded(lifecycle.settings().stopTimeout());
  }

  @Override
  public void awaitEnded(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "awaitEnded(" + timeout + ") is not valid: use a positive duration, e.g. PT30S.");
    }
    if (stopped) {
      return;
    }
    lifecycle.awaitEndedByItself(timeout);
    endedAsAwaited = true;
    try {
      group.stopAndAwaitRecovery();
    } catch (RuntimeException e) {
      lifecycle.failedBecause(e);
      throw e;
    }
  }

  @Override
  public boolean live() {
    return lifecycle.live();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String provider() {
    return lifecycle.provider();
  }

  @Override
  public String template() {
    return lifecycle.template();
  }

  @Override
  public String templateId() {
    return lifecycle.templateId();
  }

  @Override
  public String experimentId() {
    return lifecycle.experimentId();
  }

  @Override
  public String resourceName() {
    return lifecycle.resourceName();
  }

  @Override
  public List<String> addressedResources() {
    return lifecycle.addressedResources();
  }

  @Override
  public String state() {
    return lifecycle.state();
  }

  @Override
  public Phase phase() {
    return lifecycle.phase();
  }

  @Override
  public Outcome outcome() {
    return lifecycle.outcome();
  }

  @Override
  public Instant injectedAt() {
    return lifecycle.injectedAt();
  }

  @Override
  public boolean dryRun() {
    return lifecycle.dryRun();
  }

  @Override
  public List<TimelineEvent> timeline() {
    return lifecycle.timeline();
  }

  @Override
  public String toString() {
    return lifecycle.toString();
  }
}
