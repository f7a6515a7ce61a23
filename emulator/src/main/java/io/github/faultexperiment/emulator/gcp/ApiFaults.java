package io.github.faultexperiment.emulator.gcp;

import io.github.faultexperiment.emulator.common.ApiFault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The API faults injected into the emulator's own Fault Testing API, consulted once per call. */
final class ApiFaults {
  private final List<Armed> faults = new ArrayList<>();

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

  /** The fault that hits this call of {@code method}, if any. */
  synchronized Optional<ApiFault> hit(String method) {
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
}
