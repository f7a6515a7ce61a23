package io.github.faultexperiment.emulator.local;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A target's tallies: all its traffic, and per experiment the traffic that met the target while
 * that experiment's faults were switched on in it — a request or connection arriving then, or a
 * connection opened before that carried bytes or was reset while they were on. Each request or
 * connection counts at most once per counter in each tally, so no counter's {@code delayed} or
 * {@code aborted} exceeds its {@code requests}.
 */
final class Traffic {
  private final TrafficCounter all = new TrafficCounter();
  private final Map<String, TrafficCounter> byExperiment = new ConcurrentHashMap<>();

  /** Starts counting one request or connection, in the experiments active as it arrives. */
  Tally arrive(Set<String> experiments) {
    Tally tally = new Tally();
    tally.count(all);
    tally.join(experiments);
    return tally;
  }

  LocalTargetCounters all() {
    return all.snapshot();
  }

  /** The experiment's tallies; zero when none of its faults was on while traffic met the target. */
  LocalTargetCounters experiment(String experimentId) {
    TrafficCounter counter = byExperiment.get(experimentId);
    return counter == null ? new LocalTargetCounters(0, 0, 0, 0, 0) : counter.snapshot();
  }

  void reset() {
    all.reset();
    byExperiment.clear();
  }

  /** What became of one request or connection, in every counter it is counted in. */
  final class Tally {
    private final CopyOnWriteArrayList<Marks> marks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean passed = new AtomicBoolean();
    private final AtomicBoolean upstreamFailure = new AtomicBoolean();
    // The set last joined: the experiments' set is replaced on every change, so the same instance
    // means nothing new to join.
    private volatile Set<String> joined = Set.of();

    /**
     * Counts this connection in the experiments whose faults are on now, if it is not counted there
     * yet (a connection opened before the experiment that meets its fault). What it already became
     * (passed to the upstream, or not) carries over; what earlier faults did to it does not.
     */
    void join(Set<String> experiments) {
      if (experiments == joined || experiments.isEmpty()) {
        return;
      }
      synchronized (this) {
        for (String id : experiments) {
          TrafficCounter counter = byExperiment.computeIfAbsent(id, k -> new TrafficCounter());
          if (marks.stream().noneMatch(m -> m.counter == counter)) {
            count(counter);
            if (passed.get()) {
              counter.passed();
            }
            if (upstreamFailure.get()) {
              counter.upstreamFailure();
            }
          }
        }
        joined = experiments;
      }
    }

    private void count(TrafficCounter counter) {
      counter.request();
      marks.add(new Marks(counter));
    }

    void delayed() {
      for (Marks mark : marks) {
        if (mark.delayed.compareAndSet(false, true)) {
          mark.counter.delayed();
        }
      }
    }

    void aborted() {
      for (Marks mark : marks) {
        if (mark.aborted.compareAndSet(false, true)) {
          mark.counter.aborted();
        }
      }
    }

    // Synchronized with join: a counter joining now counts the outcome exactly once.
    synchronized void passed() {
      if (passed.compareAndSet(false, true)) {
        marks.forEach(mark -> mark.counter.passed());
      }
    }

    synchronized void upstreamFailure() {
      if (upstreamFailure.compareAndSet(false, true)) {
        marks.forEach(mark -> mark.counter.upstreamFailure());
      }
    }
  }

  /** One counter a tally counts in, and what it already counted there. */
  private static final class Marks {
    private final TrafficCounter counter;
    private final AtomicBoolean delayed = new AtomicBoolean();
    private final AtomicBoolean aborted = new AtomicBoolean();

    Marks(TrafficCounter counter) {
      this.counter = counter;
    }
  }
}
