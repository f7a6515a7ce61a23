package io.github.faultexperiment.emulator.fis;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

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
 * @param reportPendingToRunning how long each minute of the report's {@code postExperimentDuration}
 *     (PT20M when the template gives none) lasts: FIS gathers the report's data only once that time
 *     has passed after the experiment's end, so the report stays {@code pending} until then
 * @param reportRunningToCompleted from report {@code running} to {@code completed}
 * @param templateMinute how long one minute of an action's {@code duration} parameter lasts (one
 *     minute by default: real time). FIS accepts no {@code aws:fis:wait} under a minute, so tests
 *     that want short waits scale minutes down here instead
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FisTimings(
    Duration pendingToInitiating,
    Duration initiatingToRunning,
    Duration actionDuration,
    Duration stoppingToStopped,
    Duration reportPendingToRunning,
    Duration reportRunningToCompleted,
    Duration templateMinute) {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** Validates that every timing is set and not negative. */
  public FisTimings {
    check("pendingToInitiating", pendingToInitiating);
    check("initiatingToRunning", initiatingToRunning);
    check("actionDuration", actionDuration);
    check("stoppingToStopped", stoppingToStopped);
    check("reportPendingToRunning", reportPendingToRunning);
    check("reportRunningToCompleted", reportRunningToCompleted);
    check("templateMinute", templateMinute);
  }

  /** The timings with template durations in real time ({@code templateMinute} one minute). */
  public FisTimings(
      Duration pendingToInitiating,
      Duration initiatingToRunning,
      Duration actionDuration,
      Duration stoppingToStopped,
      Duration reportPendingToRunning,
      Duration reportRunningToCompleted) {
    this(
        pendingToInitiating,
        initiatingToRunning,
        actionDuration,
        stoppingToStopped,
        reportPendingToRunning,
        reportRunningToCompleted,
        MINUTE);
  }

  /**
   * The default timings: 100 ms to initiate, 200 ms to resolve targets, 5 minutes per action, 200
   * ms to stop, 100 ms per minute of {@code postExperimentDuration} and 100 ms to write the report,
   * template durations in real time.
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
        reportRunningToCompleted,
        templateMinute);
  }

  /** A copy with another {@link #initiatingToRunning()}. */
  public FisTimings withInitiatingToRunning(Duration value) {
    return new FisTimings(
        pendingToInitiating,
        value,
        actionDuration,
        stoppingToStopped,
        reportPendingToRunning,
        reportRunningToCompleted,
        templateMinute);
  }

  /** A copy with another {@link #actionDuration()}. */
  public FisTimings withActionDuration(Duration value) {
    return new FisTimings(
        pendingToInitiating,
        initiatingToRunning,
        value,
        stoppingToStopped,
        reportPendingToRunning,
        reportRunningToCompleted,
        templateMinute);
  }

  /** A copy with another {@link #stoppingToStopped()}. */
  public FisTimings withStoppingToStopped(Duration value) {
    return new FisTimings(
        pendingToInitiating,
        initiatingToRunning,
        actionDuration,
        value,
        reportPendingToRunning,
        reportRunningToCompleted,
        templateMinute);
  }

  /** A copy with other report timings. */
  public FisTimings withReport(Duration pendingToRunning, Duration runningToCompleted) {
    return new FisTimings(
        pendingToInitiating,
        initiatingToRunning,
        actionDuration,
        stoppingToStopped,
        pendingToRunning,
        runningToCompleted,
        templateMinute);
  }

  /** A copy with another {@link #templateMinute()}. */
  public FisTimings withTemplateMinute(Duration value) {
    return new FisTimings(
        pendingToInitiating,
        initiatingToRunning,
        actionDuration,
        stoppingToStopped,
        reportPendingToRunning,
        reportRunningToCompleted,
        value);
  }

  /** How long a duration written in a template lasts in the emulator. */
  Duration scaled(Duration templateDuration) {
    return per(templateMinute, templateDuration);
  }

  /** How long a report stays {@code pending} for this {@code postExperimentDuration}. */
  Duration reportWait(Duration postExperimentDuration) {
    return per(reportPendingToRunning, postExperimentDuration);
  }

  private static Duration per(Duration perMinute, Duration minutes) {
    double factor = minutes.toNanos() / (double) MINUTE.toNanos();
    return Duration.ofNanos(Math.round(perMinute.toNanos() * factor));
  }

  private static void check(String name, Duration value) {
    Objects.requireNonNull(value, name + " must be set");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
    }
  }
}
