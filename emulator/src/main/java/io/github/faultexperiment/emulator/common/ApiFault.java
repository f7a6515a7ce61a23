package io.github.faultexperiment.emulator.common;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A fault the emulator injects into its own API (not into the system under test): for testing how
 * clients cope with throttling, server errors, slowness and dropped connections.
 *
 * @param operation the API operation it applies to (FIS {@code StartExperiment}, {@code
 *     GetExperiment}, …; Fault Testing {@code experiments.create}, {@code experiments.get}, …), or
 *     {@code *} for all
 * @param kind what happens
 * @param rate the fraction of matching requests affected, 0 to 1
 * @param latency the delay added for {@link Kind#LATENCY}, otherwise ignored
 * @param remaining how many more requests it may affect; {@code -1} for no limit
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ApiFault(String operation, Kind kind, double rate, Duration latency, int remaining) {

  /** What the emulator does to an affected request. */
  public enum Kind {
    /** HTTP 429: FIS {@code ThrottlingException}; Fault Testing {@code RESOURCE_EXHAUSTED}. */
    THROTTLE,
    /** HTTP 500: FIS {@code InternalServerException}; Fault Testing {@code INTERNAL}. */
    SERVER_ERROR,
    /** HTTP 503: FIS {@code ServiceUnavailableException}; Fault Testing {@code UNAVAILABLE}. */
    UNAVAILABLE,
    /** The request is answered normally after {@link ApiFault#latency()}. */
    LATENCY,
    /** The connection is closed without an answer. */
    CONNECTION_RESET
  }

  public ApiFault {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
    }
    latency = latency == null ? Duration.ZERO : latency;
  }

  /** A fault on every matching request, without limit. */
  public static ApiFault always(String operation, Kind kind) {
    return new ApiFault(operation, kind, 1.0, Duration.ZERO, -1);
  }

  /** A fault on the next {@code count} matching requests. */
  public static ApiFault times(String operation, Kind kind, int count) {
    return new ApiFault(operation, kind, 1.0, Duration.ZERO, count);
  }
}
