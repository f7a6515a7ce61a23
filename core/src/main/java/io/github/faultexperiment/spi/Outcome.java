package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How an experiment ended, in the words both services' outcomes map onto. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Outcome {
  /** Not ended yet. */
  NONE,
  /** It ran its course (FIS {@code completed}; Fault Testing's duration ran out). */
  COMPLETED,
  /** Someone stopped it (FIS {@code stopped}; Fault Testing {@code :stop}). */
  STOPPED,
  /** The service failed it (FIS {@code failed}; Fault Testing errors on affected resources). */
  FAILED,
  /** The service refused to run it (FIS {@code cancelled}, e.g. by a safety lever). */
  CANCELLED;

  /** Whether this outcome means the experiment did not do what its template asked. */
  public boolean failed() {
    return this == FAILED || this == CANCELLED;
  }
}
