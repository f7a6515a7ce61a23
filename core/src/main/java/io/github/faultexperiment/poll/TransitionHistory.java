package io.github.faultexperiment.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each template's experiments reached injection (or their end after a stop) in earlier
 * experiments in this JVM, as bounds on the time since the start (or stop) request: the transition
 * happened after {@code lower} and at or before {@code upper}. A transition that takes the same
 * time in every experiment is narrowed down experiment after experiment; one that varies (as real
 * services' do) is known by the range its recent experiments spanned. Not public API.
 */
final class TransitionHistory {
  /** How many recent experiments the range of a varying transition is taken from. */
  static final int RECENT = 8;

  private static final Map<String, Learned> LEARNED = new ConcurrentHashMap<>();

  private TransitionHistory() {}

  /**
   * What earlier experiments taught about this transition, or {@code null} before the first
   * experiment.
   */
  static Learned learned(String key) {
    return LEARNED.get(key);
  }

  /** Merges what one experiment observed. */
  static void observed(String key, Bounds observed) {
    LEARNED.merge(key, Learned.first(observed), (known, ignored) -> known.and(observed));
  }

  /**
   * What the experiments so far say.
   *
   * @param narrowed the intersection of the experiments' bounds since the last one that
   *     contradicted it
   * @param agreeing how many experiments in a row met the bounds learned before them
   * @param recent the last {@link #RECENT} experiments' own bounds, oldest first
   */
  record Learned(Bounds narrowed, int agreeing, List<Bounds> recent) {
    Learned {
      recent = List.copyOf(recent);
    }

    static Learned first(Bounds observed) {
      return new Learned(observed, 0, List.of(observed));
    }

    /**
     * Whether the transition looks the same in every experiment: two experiments in a row fell
     * within the bounds before them. Once is not enough: the wide bounds of an early experiment
     * meet most next experiments.
     */
    boolean steady() {
      return agreeing >= 2;
    }

    /**
     * The span of the recent experiments: from the lowest lower bound to the highest upper bound.
     * An experiment whose first poll already found the transition done says nothing of when it
     * happened (its lower bound is the request itself), so it bounds the range only from above:
     * taken as a lower bound, it spread the next experiments' polls over the whole transition, one
     * every ~280 ms of a 2 s one.
     */
    Bounds range() {
      long upper = recent.stream().mapToLong(Bounds::upperNanos).max().orElseThrow();
      long lower =
          recent.stream()
              .mapToLong(Bounds::lowerNanos)
              .filter(bound -> bound > 0)
              .min()
              // only first-poll hits: looked for from a little before the earliest of them
              .orElseGet(
                  () ->
                      recent.stream().mapToLong(Bounds::upperNanos).min().orElseThrow()
                          / 100
                          * (100 - PollPlan.VARIATION_PERCENT));
      return new Bounds(Math.min(lower, upper - 1), upper);
    }

    Learned and(Bounds observed) {
      List<Bounds> kept = new ArrayList<>(recent);
      kept.add(observed);
      if (kept.size() > RECENT) {
        kept.remove(0);
      }
      Bounds met = narrowed.meet(observed);
      return met == null ? new Learned(observed, 0, kept) : new Learned(met, agreeing + 1, kept);
    }
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

    /** The intersection with a newer observation, or {@code null} when they do not meet. */
    Bounds meet(Bounds newer) {
      long lower = Math.max(lowerNanos, newer.lowerNanos);
      long upper = Math.min(upperNanos, newer.upperNanos);
      return lower < upper ? new Bounds(lower, upper) : null;
    }
  }
}
