package io.github.faultexperiment.gcp;

import java.time.Duration;

/**
 * How often and how patiently the client retries throttled (429), failed (5xx) and dropped calls:
 * jittered exponential back-off, bounded both in attempts and in elapsed time.
 *
 * @param maxRetries retries after the first attempt
 * @param initialInterval the first back-off
 * @param maxInterval the longest single back-off
 * @param maxElapsed give up once this much time has passed since the first back-off
 */
record RetryPolicy(
    int maxRetries, Duration initialInterval, Duration maxInterval, Duration maxElapsed) {
  /** Retries 6 times from 500 ms, doubling up to 8 s, for at most 60 s. */
  static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  /** Never retries. */
  static final RetryPolicy NONE =
      new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1));

  RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
    }
    if (initialInterval.isNegative()
        || initialInterval.isZero()
        || maxInterval.compareTo(initialInterval) < 0
        || maxElapsed.isNegative()
        || maxElapsed.isZero()) {
      throw new IllegalArgumentException(
          "back-off times must be positive with maxInterval >= initialInterval, were "
              + initialInterval
              + ", "
              + maxInterval
              + " and "
              + maxElapsed);
    }
  }
}
