package io.github.faultexperiment.gcp;

import java.util.List;

/**
 * The answer to {@code experiments:stopAll}.
 *
 * @param stoppedExperimentsCount how many experiments were asked to stop
 * @param errors why some could not be stopped
 */
record StopAllResult(long stoppedExperimentsCount, List<RpcStatus> errors) {
  StopAllResult {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
