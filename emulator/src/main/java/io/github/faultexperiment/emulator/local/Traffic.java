package io.github.faultexperiment.emulator.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A target's tallies: all its traffic, and per experiment the traffic that arrived while that
 * experiment's faults were switched on. A request or connection is attributed when it arrives, so
 * one still in flight when its experiment ends is never counted in the next.
 */
final class Traffic {
  private final TrafficCounter all = new TrafficCounter();
  // Shared by all traffic arriving while no experiment is on: nothing to allocate per request.
  private final Tally allOnly = new Tally(List.of(all));
  private final Map<String, TrafficCounter> byExperiment = new ConcurrentHashMap<>();

  /** Starts counting one request or connection, in the experiments active as it arrives. */
  Tally arrive(Set<String> experiments) {
    if (experiments.isEmpty()) {
      all.request();
      return allOnly;
    }
    List<TrafficCounter> counters = new ArrayList<>(1 + experiments.size());
    counters.add(all);
    experiments.forEach(
        id -> counters.add(byExperiment.computeIfAbsent(id, k -> new TrafficCounter())));
    Tally tally = new Tally(List.copyOf(counters));
    tally.counters().forEach(TrafficCounter::request);
    return tally;
  }

  LocalTargetCounters all() {
    return all.snapshot();
  }

  /** The experiment's tallies; zero when none of its faults was on while traffic arrived. */
  LocalTargetCounters experiment(String experimentId) {
    TrafficCounter counter = byExperiment.get(experimentId);
    return counter == null ? new LocalTargetCounters(0, 0, 0, 0, 0) : counter.snapshot();
  }

  void reset() {
    all.reset();
    byExperiment.clear();
  }

  /** The counters one request or connection is counted in. */
  record Tally(List<TrafficCounter> counters) {
    void delayed() {
      counters.forEach(TrafficCounter::delayed);
    }

    void aborted() {
      counters.forEach(TrafficCounter::aborted);
    }

    void passed() {
      counters.forEach(TrafficCounter::passed);
    }

    void upstreamFailure() {
      counters.forEach(TrafficCounter::upstreamFailure);
    }
  }
}
