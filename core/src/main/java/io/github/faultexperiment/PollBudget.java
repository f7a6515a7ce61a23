package io.github.faultexperiment;

/**
 * The times of one experiment's recent polls, so that all its waits together never poll more than
 * {@link #MAX_PER_SECOND} times in any second. Thread-safe. Not public API.
 */
final class PollBudget {
  static final int MAX_PER_SECOND = 5;
  // a little over a second, so that a window of exactly one second never holds six polls
  private static final long WINDOW_NANOS = 1_010_000_000L;

  private final long[] recent = new long[MAX_PER_SECOND];
  private int count;

  /** Records a poll sent now. */
  synchronized void polled(long sentNanos) {
    recent[count % MAX_PER_SECOND] = sentNanos;
    count++;
  }

  /** The earliest {@link System#nanoTime()} at which another poll keeps within the budget. */
  synchronized long earliestNextPoll() {
    if (count < MAX_PER_SECOND) {
      return Long.MIN_VALUE;
    }
    long fifthMostRecent = recent[count % MAX_PER_SECOND];
    return fifthMostRecent + WINDOW_NANOS;
  }
}
