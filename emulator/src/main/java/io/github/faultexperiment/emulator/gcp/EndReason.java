package io.github.faultexperiment.emulator.gcp;

/**
 * Why an experiment ended: the documented {@code Experiment.EndReason} values the state machine
 * sets. An enum, so that no transition can write a value a client has never been told about.
 */
enum EndReason {
  /** Stopped before its duration elapsed: {@code :stop}, {@code :stopAll}, or a failed resource. */
  CANCELLED,
  /** Ran for its template's full duration. */
  COMPLETED
}
