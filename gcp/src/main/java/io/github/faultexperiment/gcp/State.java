package io.github.faultexperiment.gcp;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import io.github.faultexperiment.spi.Phase;

/** The state shared by Fault Testing experiments and affected resources. */
enum State {
  @JsonEnumDefaultValue
  STATE_UNSPECIFIED(Phase.STARTING),
  PREPARING(Phase.STARTING),
  PREPARED(Phase.PREPARED),
  INJECTING(Phase.STARTING),
  INJECTED(Phase.INJECTED),
  REVERTING(Phase.ENDING),
  COMPLETED(Phase.ENDED);

  private final Phase phase;

  State(Phase phase) {
    this.phase = phase;
  }

  /** The provider-neutral phase this state belongs to. */
  Phase phase() {
    return phase;
  }

  /**
   * Whether the experiment was started ({@code :start}): before that the service only prepares it,
   * nothing is injected, and {@code :stop} does not apply.
   */
  boolean wasStarted() {
    return this != STATE_UNSPECIFIED && this != PREPARING && this != PREPARED;
  }

  /** Whether the fault has been (or is being) taken away: stopping again is pointless. */
  boolean isEnding() {
    return this == REVERTING || this == COMPLETED;
  }
}
