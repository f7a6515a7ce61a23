package io.github.faultexperiment.emulator.gcp;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many calls each method received (answered, faulted or refused after routing). */
final class RequestCounters {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void increment(String operation) {
    counts.computeIfAbsent(operation, name -> new LongAdder()).increment();
  }

  long count(String operation) {
    LongAdder adder = counts.get(operation);
    return adder == null ? 0 : adder.sum();
  }

  Map<String, Long> snapshot() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((operation, adder) -> snapshot.put(operation, adder.sum()));
    return snapshot;
  }

  void clear() {
    counts.clear();
  }
}
