package io.github.faultexperiment.emulator.local;

import java.util.concurrent.atomic.AtomicLong;

/** Thread-safe tallies behind {@link LocalTargetCounters}. */
final class TrafficCounter {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();
  private final AtomicLong aborted = new AtomicLong();
  private final AtomicLong passed = new AtomicLong();
  private final AtomicLong upstreamFailures = new AtomicLong();

  void request() {
    requests.incrementAndGet();
  }

  void delayed() {
    delayed.incrementAndGet();
  }

  void aborted() {
    aborted.incrementAndGet();
  }

  void passed() {
    passed.incrementAndGet();
  }

  void upstreamFailure() {
    upstreamFailures.incrementAndGet();
  }

  LocalTargetCounters snapshot() {
    return new LocalTargetCounters(
        requests.get(), delayed.get(), aborted.get(), passed.get(), upstreamFailures.get());
  }

  void reset() {
    requests.set(0);
    delayed.set(0);
    aborted.set(0);
    passed.set(0);
    upstreamFailures.set(0);
  }
}
