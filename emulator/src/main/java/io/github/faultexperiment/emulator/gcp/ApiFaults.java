package io.github.faultexperiment.emulator.gcp;

import io.github.faultexperiment.emulator.common.ApiFault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/** The API faults injected into the Fault Testing API, and how often each method was called. */
final class ApiFaults {
  private final List<Armed> faults = new ArrayList<>();
  private final Map<String, Long> counts = new TreeMap<>();

  private static final class Armed {
    final ApiFault fault;
    int remaining;

    Armed(ApiFault fault) {
      this.fault = fault;
      this.remaining = fault.remaining();
    }
  }

  synchronized void add(ApiFault fault) {
    if (fault.remaining() != 0) {
      faults.add(new Armed(fault));
    }
  }

  synchronized void clear() {
    faults.clear();
  }

  /** Counts a call of {@code method} and returns the fault it meets, if any. */
  synchronized Optional<ApiFault> call(String method) {
    counts.merge(method, 1L, Long::sum);
    for (Iterator<Armed> it = faults.iterator(); it.hasNext(); ) {
      Armed armed = it.next();
      ApiFault fault = armed.fault;
      if (!fault.operation().equals("*") && !fault.operation().equals(method)) {
        continue;
      }
      if (fault.rate() < 1 && ThreadLocalRandom.current().nextDouble() >= fault.rate()) {
        continue;
      }
      if (armed.remaining > 0 && --armed.remaining == 0) {
        it.remove();
      }
      return Optional.of(fault);
    }
    return Optional.empty();
  }

  synchronized Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  synchronized void reset() {
    faults.clear();
    counts.clear();
  }
}
