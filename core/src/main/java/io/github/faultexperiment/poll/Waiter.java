package io.github.faultexperiment.poll;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Polls the service until a condition holds, with Awaitility, at the times a {@link PollPlan}
 * chooses. A throttled poll (as the caller tells it: the core's {@code CloudApiException} with
 * reason {@code THROTTLED}, after the client's own retries) counts as "not yet" and slows the plan
 * down; every other exception from the poll propagates at once. Not public API.
 */
@API(status = INTERNAL, since = "0.1")
public final class Waiter {
  private Waiter() {}

  /**
   * Polls until {@code done} accepts a value.
   *
   * @param description what is awaited, for Awaitility's messages
   * @param timeout at most this long
   * @param plan when to poll
   * @param poll one call to the service
   * @param done whether the value ends the wait
   * @param throttled whether an exception from a poll is the service asking to slow down
   * @return the accepted value, how many polls it took and when the accepted poll was sent
   * @throws TimedOut when the timeout passed first
   */
  public static <T> Result<T> until(
      String description,
      Duration timeout,
      PollPlan plan,
      Callable<T> poll,
      Predicate<? super T> done,
      Predicate<? super RuntimeException> throttled) {
    AtomicInteger polls = new AtomicInteger();
    AtomicLong sentNanos = new AtomicLong();
    long startNanos = System.nanoTime();
    Duration firstDelay = plan.firstDelay();
    try {
      T value =
          Awaitility.await(description)
              // under a fault the application's threads die; that is the test's, not the wait's
              .dontCatchUncaughtExceptions()
              .pollInSameThread()
              .pollDelay(firstDelay.compareTo(timeout) < 0 ? firstDelay : Duration.ZERO)
              .pollInterval(plan)
              .atMost(timeout)
              .until(
                  () -> {
                    polls.incrementAndGet();
                    long sent = System.nanoTime();
                    try {
                      T answer = poll.call();
                      sentNanos.set(sent);
                      if (!done.test(answer)) {
                        plan.notYet(sent);
                      }
                      // a poll may answer null for "not yet" (a start refused for the quota)
                      return Optional.ofNullable(answer);
                    } catch (RuntimeException e) {
                      if (!throttled.test(e)) {
                        throw e;
                      }
                      plan.throttled();
                      return Optional.<T>empty();
                    }
                  },
                  answer -> answer.isPresent() && done.test(answer.get()))
              .orElseThrow();
      return new Result<>(value, polls.get(), sentNanos.get());
    } catch (ConditionTimeoutException e) {
      throw new TimedOut(Duration.ofNanos(System.nanoTime() - startNanos), polls.get(), e);
    }
  }

  /**
   * What a successful wait returned.
   *
   * @param value the accepted value
   * @param polls how many polls it took
   * @param sentNanos {@link System#nanoTime()} when the poll whose answer was accepted was sent
   */
  public record Result<T>(T value, int polls, long sentNanos) {}

  /** The timeout passed before the condition held. */
  public static final class TimedOut extends RuntimeException {
    private final Duration waited;
    private final int polls;

    TimedOut(Duration waited, int polls, Throwable cause) {
      super("timed out after " + waited + " and " + polls + " polls", cause);
      this.waited = waited;
      this.polls = polls;
    }

    /**
     * How long the wait lasted.
     *
     * @return from the wait's start to its timeout
     */
    public Duration waited() {
      return waited;
    }

    /**
     * How many polls were made.
     *
     * @return the polls made before the timeout
     */
    public int polls() {
      return polls;
    }
  }
}
