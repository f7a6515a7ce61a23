package io.github.faultexperiment.emulator.fis;

import io.github.faultexperiment.emulator.common.ApiFault;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The API faults injected into the emulator's own AWS API, consulted once per request. */
final class ApiFaults {
  private record Injected(ApiFault fault, AtomicInteger remaining) {}

  private final List<Injected> injected = new CopyOnWriteArrayList<>();

  void add(ApiFault fault) {
    injected.add(new Injected(fault, new AtomicInteger(fault.remaining())));
  }

  void clear() {
    injected.clear();
  }

  /** The fault that hits this request of {@code operation}, or {@code null}. */
  ApiFault hit(String operation) {
    if (injected.isEmpty()) {
      return null;
    }
    for (Injected candidate : injected) {
      ApiFault fault = candidate.fault();
      if (!fault.operation().equals("*") && !fault.operation().equals(operation)) {
        continue;
      }
      if (fault.rate() < 1 && ThreadLocalRandom.current().nextDouble() >= fault.rate()) {
        continue;
      }
      if (fault.remaining() < 0) {
        return fault;
      }
      if (candidate.remaining().getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        return fault;
      }
    }
    return null;
  }
}
