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

  boolean stoppable() {
    return this != REVERTING && this != COMPLETED;
  }
}
