package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * What to start.
 *
 * @param idempotencyKey FIS {@code clientToken} / the Fault Testing {@code experimentId}: a retried
 *     start with the same key never starts a second experiment
 * @param runId one id per JVM run (tag {@code faultexperiment:run})
 * @param testId the JUnit unique id of the test (tag {@code faultexperiment:test})
 * @param displayName "TestClass.method" for humans
 * @param tags the user's own tags plus the extension's
 * @param dryRun FIS {@code actionsMode: skip-all}; Fault Testing: stop at PREPARED
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StartRequest(
    String idempotencyKey,
    String runId,
    String testId,
    String displayName,
    Map<String, String> tags,
    boolean dryRun) {
  public StartRequest {
    tags = Map.copyOf(tags);
  }
}
