package io.github.faultexperiment.poll;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The times of one experiment's recent polls, so that all its calls together — the waits' polls,
 * the check after the body, a test's {@code state()} — never poll more than {@link #MAX_PER_SECOND}
 * times in any second. Every poll passes {@link #awaitTurn()}: the waits plan around the budget and
 * rarely sleep there, but a call outside a wait (the check right after the last injection poll)
 * used to go out at once and could be the sixth in a second. Thread-safe. Not public API.
 */
@API(status = INTERNAL, since = "0.1")
public final class PollBudget {
  static final int MAX_PER_SECOND = 5;
  // a little over a second, so that a window of exactly one second never holds six polls
  private static final long WINDOW_NANOS = 1_010_000_000L;

  private final long[] recent = new long[MAX_PER_SECOND];
  private int count;

  /** Waits until another poll keeps within the budget and records it as sent now. */
  public void awaitTurn() {
    boolean interrupted = false;
    long wait;
    while ((wait = reserve(System.nanoTime())) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        // the poll still goes out within the budget; the flag goes back for the caller to see
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Records a poll at {@code nowNanos} if it keeps within the budget.
   *
   * @return 0 when recorded; else how many nanoseconds to wait before asking again
   */
  synchronized long reserve(long nowNanos) {
    long earliest = earliestNextPoll();
    if (nowNanos < earliest) {
      return earliest - nowNanos;
    }
    polled(nowNanos);
    return 0;
  }

  /** Records a poll sent now. */
  synchronized void polled(long sentNanos) {
    recent[count % MAX_PER_SECOND] = sentNanos;
    count++;
  }

  /** The earliest {@link System#nanoTime()} at which another poll keeps within the budget. */
  synchronized long earliestNextPoll() {
    return earliestNextPoll(0);
  }

  /**
   * The earliest {@link System#nanoTime()} at which another poll still leaves {@code reserve} polls
   * of the budget free: a wait plans with one in reserve, so that a call outside it (the check
   * after the body) never waits most of a second behind the wait's own polls.
   */
  synchronized long earliestNextPoll(int reserve) {
    int allowed = MAX_PER_SECOND - reserve;
    if (count < allowed) {
      return Long.MIN_VALUE;
    }
    long oldestCounted = recent[(count - allowed) % MAX_PER_SECOND];
    return oldestCounted + WINDOW_NANOS;
  }
}
