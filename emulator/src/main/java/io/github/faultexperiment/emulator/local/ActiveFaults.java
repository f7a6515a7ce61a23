package io.github.faultexperiment.emulator.local;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults currently switched on for one target, keyed by the action that switched them on, and
 * the choice of what happens to the next request, connection or chunk of bytes.
 */
final class ActiveFaults {
  private final Map<String, Selecting> byAction = new ConcurrentHashMap<>();
  // Bumped on every change, so a stalled connection wakes up to look again.
  private final Object changed = new Object();
  // Replaced (never changed) on every switch: a connection's tally compares it by identity, so a
  // chunk copied while a fault is on costs no allocation to attribute.
  private volatile Set<String> experiments = Set.of();

  void switchOn(String action, String experimentId, LocalFault fault) {
    byAction.put(action, new Selecting(fault, experimentId, System.nanoTime()));
    signal();
  }

  void switchOff(String action) {
    byAction.remove(action);
    signal();
  }

  void clear() {
    byAction.clear();
    signal();
  }

  List<LocalFault> faults() {
    return byAction.values().stream().map(Selecting::fault).toList();
  }

  /**
   * The experiments whose faults are switched on now: traffic meeting the target now is counted in
   * them. The same instance until the faults change.
   */
  Set<String> experiments() {
    return experiments;
  }

  /**
   * Decides the fate of one HTTP request: the delays of every delay fault that selects it add up;
   * the first abort or canned response that selects it answers it.
   */
  Plan plan() {
    if (byAction.isEmpty()) {
      return Plan.PASS;
    }
    Duration delay = Duration.ZERO;
    LocalFault answer = null;
    for (Selecting candidate : byAction.values()) {
      if (candidate.fault() instanceof LocalFault.Delay d) {
        if (candidate.selectsNext()) {
          delay = delay.plus(d.delay());
        }
      } else if ((candidate.fault() instanceof LocalFault.Abort
              || candidate.fault() instanceof LocalFault.Respond)
          && answer == null
          && candidate.selectsNext()) {
        answer = candidate.fault();
      }
    }
    return new Plan(delay, answer);
  }

  /**
   * The API error that answers a call, if one selects it: only calls to the fault's service and
   * operations count towards its percentage. A REST call names no operation on the wire ({@code
   * operation} empty), so every call to the service counts even when the action names operations:
   * skipping them would leave the fault silently unfelt.
   */
  LocalFault.ApiError apiError(String service, String operation) {
    for (Selecting candidate : byAction.values()) {
      if (candidate.fault() instanceof LocalFault.ApiError error
          && error.service().equals(service)
          && (error.operations().isEmpty()
              || operation.isEmpty()
              || error.operations().contains(operation))
          && candidate.selectsNext()) {
        return error;
      }
    }
    return null;
  }

  /** The outage in force now, or {@code null}: a down fault past its recovery no longer counts. */
  LocalFault.Down down() {
    long now = System.nanoTime();
    for (Selecting candidate : byAction.values()) {
      if (candidate.fault() instanceof LocalFault.Down down
          && (down.recovery() == null || now - candidate.since() < down.recovery().toNanos())) {
        return down;
      }
    }
    return null;
  }

  /**
   * Whether traffic to the target must wait: a blackhole naming its cloud port (or every port) or a
   * total packet loss lets nothing through.
   */
  boolean silent(int cloudPort) {
    for (Selecting candidate : byAction.values()) {
      if (candidate.fault() instanceof LocalFault.Blackhole hole
          && (hole.port() == 0 || cloudPort == 0 || hole.port() == cloudPort)) {
        return true;
      }
      if (candidate.fault() instanceof LocalFault.PacketLoss loss && loss.percentage() >= 100) {
        return true;
      }
    }
    return false;
  }

  /**
   * How long the next chunk of bytes waits for its lost segment to be sent again, for the share
   * packet loss selects: the chunks behind it wait too, as TCP delivers in order.
   */
  Duration lossStall() {
    long nanos = 0;
    for (Selecting candidate : byAction.values()) {
      if (candidate.fault() instanceof LocalFault.PacketLoss && candidate.selectsNext()) {
        nanos += LocalFault.PacketLoss.RETRANSMISSION_STALL.toNanos();
      }
    }
    return Duration.ofNanos(nanos);
  }

  /**
   * The network latency (with jitter) a chunk of bytes sent back to the client now meets, counted
   * from when it arrived: every chunk in flight is delayed at once, not one after the other.
   */
  Duration latency() {
    long nanos = 0;
    for (Selecting candidate : byAction.values()) {
      if (candidate.fault() instanceof LocalFault.Latency latency) {
        long jitter = latency.jitter().toNanos();
        long spread = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        nanos += Math.max(0, latency.delay().toNanos() + spread);
      }
    }
    return Duration.ofNanos(nanos);
  }

  /** How long a new connection waits for its lost SYN to be sent again, if packet loss hits it. */
  Duration connectStall() {
    for (Selecting candidate : byAction.values()) {
      if (candidate.fault() instanceof LocalFault.PacketLoss && candidate.selectsNext()) {
        return LocalFault.PacketLoss.SYN_STALL;
      }
    }
    return Duration.ZERO;
  }

  /** Waits until the faults change or {@code timeout} passes, whichever comes first. */
  void awaitChange(Duration timeout) throws InterruptedException {
    synchronized (changed) {
      changed.wait(Math.max(1, timeout.toMillis()));
    }
  }

  boolean isEmpty() {
    return byAction.isEmpty();
  }

  private void signal() {
    synchronized (changed) {
      // Read under the lock: the last change to publish its set has seen every change before it.
      Set<String> ids = new LinkedHashSet<>();
      byAction.values().forEach(selecting -> ids.add(selecting.experimentId()));
      experiments = ids.isEmpty() ? Set.of() : Collections.unmodifiableSet(ids);
      changed.notifyAll();
    }
  }

  /**
   * What to do with one request.
   *
   * @param delay how long to hold it first
   * @param answer the abort or canned response that answers it, or {@code null} to forward it
   */
  record Plan(Duration delay, LocalFault answer) {
    static final Plan PASS = new Plan(Duration.ZERO, null);
  }

  /**
   * A fault with its own count, so that exactly ⌊n × percentage / 100⌋ of the first n requests (or
   * chunks, or connections) it sees are selected, spread evenly: 0 % and 100 % are exact and tests
   * can count.
   */
  private static final class Selecting {
    private final LocalFault fault;
    private final String experimentId;
    private final long since;
    private final long partsPerMillion;
    private final AtomicLong seen = new AtomicLong();

    Selecting(LocalFault fault, String experimentId, long since) {
      this.fault = fault;
      this.experimentId = experimentId;
      this.since = since;
      // Whole numbers keep the selection exact where doubles would drift at the boundaries.
      this.partsPerMillion = Math.round(fault.percentage() * 10_000);
    }

    LocalFault fault() {
      return fault;
    }

    String experimentId() {
      return experimentId;
    }

    long since() {
      return since;
    }

    boolean selectsNext() {
      long n = seen.getAndIncrement();
      return (n + 1) * partsPerMillion / 1_000_000 > n * partsPerMillion / 1_000_000;
    }
  }
}
