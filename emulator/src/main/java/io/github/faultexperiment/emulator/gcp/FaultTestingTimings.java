package io.github.faultexperiment.emulator.gcp;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How long the emulated Fault Testing state machine stays in each transitional state.
 *
 * @param preparing {@code PREPARING} → {@code PREPARED} (the dry run)
 * @param injecting {@code INJECTING} → {@code INJECTED}
 * @param reverting {@code REVERTING} → {@code COMPLETED}
 * @param maxInjection caps how long an experiment stays {@code INJECTED} before it ends by itself
 *     with endReason {@code COMPLETED}; {@code null} lets the template's {@code duration} (at least
 *     one minute) run in full. Tests set it to see a duration elapse quickly.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FaultTestingTimings(
    Duration preparing, Duration injecting, Duration reverting, Duration maxInjection) {

  /** The defaults: 200 ms per transitional state, the template's full duration when injected. */
  public static final FaultTestingTimings DEFAULT =
      new FaultTestingTimings(
          Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200), null);

  /** Checks that no timing is negative and the injection cap, if any, is positive. */
  public FaultTestingTimings {
    requireNotNegative(preparing, "preparing");
    requireNotNegative(injecting, "injecting");
    requireNotNegative(reverting, "reverting");
    if (maxInjection != null && (maxInjection.isNegative() || maxInjection.isZero())) {
      throw new IllegalArgumentException(
          "maxInjection must be positive or null (the template's duration), was " + maxInjection);
    }
  }

  /** The same transitions, each lasting {@code each}, with the template's duration in full. */
  public static FaultTestingTimings of(Duration each) {
    return new FaultTestingTimings(each, each, each, null);
  }

  /** A copy that ends injection after at most {@code cap} (the template's duration if shorter). */
  public FaultTestingTimings withMaxInjection(Duration cap) {
    return new FaultTestingTimings(preparing, injecting, reverting, cap);
  }

  /** How long an experiment whose template lasts {@code templateDuration} stays injected. */
  Duration injectionFor(Duration templateDuration) {
    return maxInjection == null || maxInjection.compareTo(templateDuration) > 0
        ? templateDuration
        : maxInjection;
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }
}
