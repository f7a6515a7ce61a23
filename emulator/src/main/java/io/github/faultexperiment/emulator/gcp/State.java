package io.github.faultexperiment.emulator.gcp;

/** The Fault Testing {@code State} of experiments and affected resources. */
enum State {
  PREPARING("Resolving targets and checking permissions (dry run)."),
  PREPARED("Targets resolved; ready to start."),
  INJECTING("Injecting the fault."),
  INJECTED("Fault injected."),
  REVERTING("Removing the fault."),
  COMPLETED("Done.");

  /** What an affected resource's {@code stateMessage} says in this state. */
  final String resourceMessage;

  State(String resourceMessage) {
    this.resourceMessage = resourceMessage;
  }

  /** Whether the state has not ended yet: a failed resource can still end the experiment. */
  boolean stoppable() {
    return this != REVERTING && this != COMPLETED;
  }

  /**
   * Whether {@code :stop} and {@code :stopAll} apply: the reference documents them for a running
   * experiment (one injecting or injected), which then reverts.
   */
  boolean running() {
    return this == INJECTING || this == INJECTED;
  }
}
