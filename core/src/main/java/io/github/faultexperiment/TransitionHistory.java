package io.github.faultexperiment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each template's experiments reached injection (or their end after a stop) in earlier runs in
 * this JVM, as bounds on the time since the start (or stop) request: the transition happened after
 * {@code lower} and at or before {@code upper}. Each run narrows the bounds; a run that contradicts
 * them (the template got faster or slower) replaces them. Not public API.
 */
final class TransitionHistory {
  private static final Map<String, Bounds> LEARNED = new ConcurrentHashMap<>();

  private TransitionHistory() {}

  /** What earlier runs taught about this transition, or {@code null} for the first run. */
  static Bounds learned(String key) {
    return LEARNED.get(key);
  }

  /** Merges what one run observed. */
  static void observed(String key, Bounds observed) {
    LEARNED.merge(key, observed, Bounds::narrowedBy);
  }

  /**
   * A poll sent {@code lowerNanos} after the request that set the transition off found it not yet
   * done; one sent {@code upperNanos} after found it done. Send times, not answer times: polling
   * again at {@code upperNanos} reaches the service at the same point of the transition.
   */
  record Bounds(long lowerNanos, long upperNanos) {
    long widthNanos() {
      return upperNanos - lowerNanos;
    }

    /** The intersection with a newer observation, or the newer one when they do not meet. */
    Bounds narrowedBy(Bounds newer) {
      long lower = Math.max(lowerNanos, newer.lowerNanos);
      long upper = Math.min(upperNanos, newer.upperNanos);
      return lower < upper ? new Bounds(lower, upper) : newer;
    }
  }
}
