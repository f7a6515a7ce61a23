package io.github.faultexperiment.emulator.fis;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the emulated FIS takes for each transition of an experiment.
 *
 * <p>The defaults are small so tests stay fast; the benchmark sets cloud-like values.
 *
 * @param pendingToInitiating from {@code pending} to {@code initiating}
 * @param initiatingToRunning target resolution: from {@code initiating} to {@code running}
 * @param actionDuration how long an action without a {@code duration} parameter stays {@code
 *     running}
 * @param stoppingToStopped from {@code stopping} to {@code stopped}
 * @param reportPendingToRunning from the end of the experiment until its report is {@code running}
 *     (stands in for the report's {@code postExperimentDuration})
 * @param reportRunningToCompleted from report {@code running} to {@code completed}
 */
public record FisTimings(
    Duration pendingToInitiating,
    Duration initiatingToRunning,
    Duration actionDuration,
    Duration stoppingToStopped,
    Duration reportPendingToRunning,
    Duration reportRunningToCompleted) {

  /** Validates that every timing is set and not negative. */
  public FisTimings {
    check("pendingToInitiating", pendingToInitiating);
    check("initiatingToRunning", initiatingToRunning);
    check("actionDuration", actionDuration);
    check("stoppingToStopped", stoppingToStopped);
    check("reportPendingToRunning", reportPendingToRunning);
    check("reportRunningToCompleted", reportRunningToCompleted);
  }

  /**
   * The default timings: 100 ms to initiate, 200 ms to resolve targets, 5 minutes per action, 200
   * ms to stop, 100 ms for each report phase.
   */
  public static FisTimings defaults() {
    return new FisTimings(
        Duration.ofMillis(100),
        Duration.ofMillis(200),
        Duration.ofMinutes(5),
        Duration.ofMillis(200),
        Duration.ofMillis(100),
        Duration.ofMillis(100));
  }

  /** A copy with another {@link #pendingToInitiating()}. */
  public FisTimings withPendingToInitiating(Duration value) {
    return new FisTimings(
        value,
        initiatingToRunning,
        actionDuration,
        stoppingToStopped,
        reportPendingToRunning,
        reportRunningToCompleted);
  }

  /** A copy with another {@link #initiatingToRunning()}. */
  public FisTimings withInitiatingToRunning(Duration value) {
    return new FisTimings(
        pendingToInitiating,
        value,
        actionDuration,
        stoppingToStopped,
        reportPendingToRunning,
        reportRunningToCompleted);
  }

  /** A copy with another {@link #actionDuration()}. */
  public FisTimings withActionDuration(Duration value) {
    return new FisTimings(
        pendingToInitiating,
        initiatingToRunning,
        value,
        stoppingToStopped,
        reportPendingToRunning,
        reportRunningToCompleted);
  }

  /** A copy with another {@link #stoppingToStopped()}. */
  public FisTimings withStoppingToStopped(Duration value) {
    return new FisTimings(
        pendingToInitiating,
        initiatingToRunning,
        actionDuration,
        value,
        reportPendingToRunning,
        reportRunningToCompleted);
  }

  /** A copy with other report timings. */
  public FisTimings withReport(Duration pendingToRunning, Duration runningToCompleted) {
    return new FisTimings(
        pendingToInitiating,
        initiatingToRunning,
        actionDuration,
        stoppingToStopped,
        pendingToRunning,
        runningToCompleted);
  }

  private static void check(String name, Duration value) {
    Objects.requireNonNull(value, name + " must be set");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
    }
  }
}
