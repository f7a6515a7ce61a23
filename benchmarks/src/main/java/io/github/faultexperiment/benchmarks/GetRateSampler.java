package io.github.faultexperiment.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Samples the emulator's GetExperiment counter every few milliseconds while experiments run one at
 * a time, and reports the most GetExperiment calls seen in any one-second window.
 */
final class GetRateSampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 5;

  private final LongSupplier counter;
  private final List<long[]> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  GetRateSampler(LongSupplier counter) {
    this.counter = counter;
    this.thread = new Thread(this::sample, "get-rate-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The largest number of GetExperiment calls within any window of one second. */
  long peakPerSecond() {
    List<long[]> copy;
    synchronized (samples) {
      copy = new ArrayList<>(samples);
    }
    long peak = 0;
    int end = 0;
    for (int start = 0; start < copy.size(); start++) {
      long windowEnd = copy.get(start)[0] + 1_000_000_000L;
      while (end + 1 < copy.size() && copy.get(end + 1)[0] <= windowEnd) {
        end++;
      }
      // calls counted after the sample at `start` and up to the sample at `end`
      peak = Math.max(peak, copy.get(end)[1] - copy.get(start)[1]);
    }
    return peak;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sample() {
    while (running) {
      long[] sample = {System.nanoTime(), counter.getAsLong()};
      synchronized (samples) {
        samples.add(sample);
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
