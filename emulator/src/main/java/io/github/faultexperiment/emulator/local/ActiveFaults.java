package io.github.faultexperiment.emulator.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults currently switched on for one target, keyed by the action that switched them on, and
 * the choice of what happens to the next request.
 */
final class ActiveFaults {
  private final Map<String, Selecting> byAction = new ConcurrentHashMap<>();

  void switchOn(String action, LocalFault fault) {
    byAction.put(action, new Selecting(fault));
  }

  void switchOff(String action) {
    byAction.remove(action);
  }

  void clear() {
    byAction.clear();
  }

  List<LocalFault> faults() {
    return byAction.values().stream().map(Selecting::fault).toList();
  }

  /**
   * Decides the fate of one request: the delays of every delay fault that selects it add up; the
   * first abort or canned response that selects it answers it.
   */
  Plan plan() {
    Duration delay = Duration.ZERO;
    LocalFault answer = null;
    for (Selecting candidate : byAction.values()) {
      if (candidate.fault() instanceof LocalFault.Delay d) {
        if (candidate.selectsNext()) {
          delay = delay.plus(d.delay());
        }
      } else if (answer == null && candidate.selectsNext()) {
        answer = candidate.fault();
      }
    }
    return new Plan(delay, answer);
  }

  /**
   * What to do with one request.
   *
   * @param delay how long to hold it first
   * @param answer the abort or canned response that answers it, or {@code null} to forward it
   */
  record Plan(Duration delay, LocalFault answer) {}

  /**
   * A fault with its own request count, so that exactly ⌊n × percentage / 100⌋ of the first n
   * requests it sees are selected, spread evenly: 0 % and 100 % are exact and tests can count.
   */
  private static final class Selecting {
    private final LocalFault fault;
    private final long partsPerMillion;
    private final AtomicLong seen = new AtomicLong();

    Selecting(LocalFault fault) {
      this.fault = fault;
      // Whole numbers keep the selection exact where doubles would drift at the boundaries.
      this.partsPerMillion = Math.round(fault.percentage() * 10_000);
    }

    LocalFault fault() {
      return fault;
    }

    boolean selectsNext() {
      long n = seen.getAndIncrement();
      return (n + 1) * partsPerMillion / 1_000_000 > n * partsPerMillion / 1_000_000;
    }
  }
}
