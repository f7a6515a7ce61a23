package io.github.faultexperiment.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.PollInterval;

/**
 * Polls the service until a condition holds, with Awaitility: the first poll at once, then 50 ms,
 * growing by half each time up to 2 s — quick for emulators and short experiments, gentle on the
 * API for long ones. Exceptions from the poll propagate at once. Not public API.
 */
final class Waiter {
  static final Duration FIRST_INTERVAL = Duration.ofMillis(50);
  static final Duration MAX_INTERVAL = Duration.ofSeconds(2);

  private Waiter() {}

  /** The adaptive poll interval: 50 ms, ×1.5 per poll, at most 2 s. */
  static PollInterval adaptive() {
    return (pollCount, previous) -> {
      if (pollCount <= 1 || previous == null || previous.isZero()) {
        return FIRST_INTERVAL;
      }
      Duration next = previous.plus(previous.dividedBy(2));
      return next.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : next;
    };
  }

  /**
   * Polls until {@code done} accepts a value.
   *
   * @param description what is awaited, for Awaitility's messages
   * @param timeout at most this long
   * @param poll one call to the service
   * @param done whether the value ends the wait
   * @return the accepted value and how many polls it took
   * @throws TimedOut when the timeout passed first
   */
  static <T> Result<T> until(
      String description, Duration timeout, Callable<T> poll, Predicate<? super T> done) {
    AtomicInteger polls = new AtomicInteger();
    long startNanos = System.nanoTime();
    try {
      T value =
          Awaitility.await(description)
              .pollInSameThread()
              .pollDelay(Duration.ZERO)
              .pollInterval(adaptive())
              .atMost(timeout)
              .until(
                  () -> {
                    polls.incrementAndGet();
                    return poll.call();
                  },
                  done);
      return new Result<>(value, polls.get());
    } catch (ConditionTimeoutException e) {
      throw new TimedOut(Duration.ofNanos(System.nanoTime() - startNanos), polls.get(), e);
    }
  }

  /**
   * What a successful wait returned.
   *
   * @param value the accepted value
   * @param polls how many polls it took
   */
  record Result<T>(T value, int polls) {}

  /** The timeout passed before the condition held. */
  static final class TimedOut extends RuntimeException {
    private final Duration waited;
    private final int polls;

    TimedOut(Duration waited, int polls, Throwable cause) {
      super("timed out after " + waited + " and " + polls + " polls", cause);
      this.waited = waited;
      this.polls = polls;
    }

    Duration waited() {
      return waited;
    }

    int polls() {
      return polls;
    }
  }
}
