package io.github.faultexperiment.emulator.common;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * How many requests each operation of an emulated service received (answered, faulted or refused
 * after routing): the same count for FIS and Fault Testing.
 */
@API(status = INTERNAL, since = "0.1")
public final class RequestCounters {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  public void increment(String operation) {
    counts.computeIfAbsent(operation, name -> new LongAdder()).increment();
  }

  public long count(String operation) {
    LongAdder adder = counts.get(operation);
    return adder == null ? 0 : adder.sum();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((operation, adder) -> snapshot.put(operation, adder.sum()));
    return snapshot;
  }

  public void clear() {
    counts.clear();
  }
}
