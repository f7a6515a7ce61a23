package io.github.faultexperiment.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.faultexperiment.ExperimentHandle;
import org.apiguardian.api.API;

/**
 * AssertJ entry point for what a resilience gate asserts about an experiment. Needs {@code
 * org.assertj:assertj-core} on the test classpath (the extension does not bring it).
 *
 * <pre>{@code
 * @AfterEach
 * void gate(ExperimentHandle experiment) {
 *   FaultAssertions.assertThat(experiment)
 *       .wasInjectedWithin(Duration.ofSeconds(30))
 *       .stayedInjectedThroughoutBody()
 *       .endedWith("stopped")
 *       .recoveredWithin(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>For the emulator's local proxies' counters see {@code
 * io.github.faultexperiment.emulator.local.LocalTargetAssert}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FaultAssertions {
  private FaultAssertions() {}

  /**
   * Starts assertions on an experiment.
   *
   * @param experiment the handle the test received
   * @return the assertions
   */
  public static ExperimentHandleAssert assertThat(ExperimentHandle experiment) {
    return new ExperimentHandleAssert(experiment);
  }
}
