package io.github.faultexperiment.emulator.fis;

import java.util.Set;

/** The experiment and action status values of the FIS model, and which of them are final. */
final class ExperimentStatus {
  static final String PENDING = "pending";
  static final String INITIATING = "initiating";
  static final String RUNNING = "running";
  static final String COMPLETED = "completed";
  static final String STOPPING = "stopping";
  static final String STOPPED = "stopped";
  static final String FAILED = "failed";
  static final String CANCELLED = "cancelled";
  static final String SKIPPED = "skipped";

  private static final Set<String> FINAL = Set.of(COMPLETED, STOPPED, FAILED, CANCELLED, SKIPPED);

  private ExperimentStatus() {}

  static boolean isActive(String status) {
    return !FINAL.contains(status);
  }
}
