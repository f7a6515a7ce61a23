package io.github.faultexperiment.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Samples the emulator's GetExperiment and StartExperiment counters every few milliseconds while
 * experiments run one at a time, and reports the most GetExperiment calls one experiment made in
 * any one-second window.
 *
 * <p>Per experiment, because that is what the poll budget promises: a window that spans the end of
 * one experiment and the start of the next counts two experiments' calls (the last polls of one
 * stop and the first of the next start may fall within a second). Experiments run one at a time,
 * and each one's calls come after its StartExperiment and before the next one's, so a sample's
 * StartExperiment count names the experiment its calls belong to; a window counts only when every
 * sample inside it names the same experiment. The one sampling period that holds a start is counted
 * with both neighbours, which can only overstate.
 */
final class GetRateSampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 5;
  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final LongSupplier gets;
  private final LongSupplier starts;
  private final List<long[]> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  GetRateSampler(LongSupplier gets, LongSupplier starts) {
    this.gets = gets;
    this.starts = starts;
    this.thread = new Thread(this::sample, "get-rate-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The most GetExperiment calls of one experiment within any window of one second. */
  long peakPerSecondPerExperiment() {
    return peak(true);
  }

  /**
   * The most GetExperiment calls within any window of one second, whichever experiments made them
   * (what this sampler measured before issue 15).
   */
  long peakPerSecondAcrossExperiments() {
    return peak(false);
  }

  private long peak(boolean perExperiment) {
    List<long[]> copy;
    synchronized (samples) {
      copy = new ArrayList<>(samples);
    }
    long peak = 0;
    for (int start = 0; start < copy.size(); start++) {
      long windowEnd = copy.get(start)[0] + WINDOW_NANOS;
      for (int end = start + 1; end < copy.size() && copy.get(end)[0] <= windowEnd; end++) {
        // calls counted after the sample at `start` and up to the sample at `end`
        if (perExperiment && copy.get(start + 1)[2] != copy.get(end - 1)[2]) {
          break;
        }
        peak = Math.max(peak, copy.get(end)[1] - copy.get(start)[1]);
      }
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
      long[] sample = {System.nanoTime(), gets.getAsLong(), starts.getAsLong()};
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
