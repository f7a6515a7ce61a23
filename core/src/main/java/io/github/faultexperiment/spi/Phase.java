package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The few phases both providers' states map onto (see docs/architecture.md). */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Phase {
  /** Being set up: FIS pending/initiating; Fault Testing PREPARING, INJECTING. */
  STARTING,
  /** Fault Testing PREPARED: dry run done, waiting for {@code :start}. */
  PREPARED,
  /** The fault is live: FIS running; Fault Testing INJECTED. */
  INJECTED,
  /** Being reverted: FIS stopping; Fault Testing REVERTING. */
  ENDING,
  /**
   * Final: FIS completed/stopped/failed/cancelled (actions also skipped); Fault Testing COMPLETED.
   */
  ENDED
}
