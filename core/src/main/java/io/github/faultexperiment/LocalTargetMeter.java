package io.github.faultexperiment;

import io.github.faultexperiment.report.ActionReach;
import io.github.faultexperiment.report.LocalTargetTraffic;
import java.util.List;

/**
 * Reads the counters of the embedded emulator's local targets. Outside embedded mode it reads
 * nothing, so the emulator's classes are never loaded there. Not public API.
 */
@FunctionalInterface
interface LocalTargetMeter {
  /** The meter of every mode but embedded: there are no local targets. */
  LocalTargetMeter NONE = List::of;

  /** Every registered local target with its counters now. */
  List<LocalTargetTraffic> read();

  /** Where each action of the experiment reached; nothing outside embedded mode. */
  default List<ActionReach> reach(String experimentId) {
    return List.of();
  }
}
