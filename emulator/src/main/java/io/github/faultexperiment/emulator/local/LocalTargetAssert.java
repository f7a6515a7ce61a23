package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on what a {@link LocalTarget} did to the traffic: proof that a fault really
 * reached the application. Needs {@code org.assertj:assertj-core} on the test classpath.
 *
 * <pre>{@code
 * LocalTargetAssert.assertThat(pricing).delayedAtLeast(1).abortedAtMost(0);
 * }</pre>
 *
 * <p>Failure messages name the target's resource and quote all its counters and active faults.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LocalTargetAssert extends AbstractAssert<LocalTargetAssert, LocalTarget> {

  private LocalTargetAssert(LocalTarget actual) {
    super(actual, LocalTargetAssert.class);
  }

  /**
   * Starts assertions on a target.
   *
   * @param target the local target the application called
   * @return the assertions
   */
  public static LocalTargetAssert assertThat(LocalTarget target) {
    return new LocalTargetAssert(target);
  }

  /**
   * At least {@code n} requests reached the target.
   *
   * @param n the least number of requests
   * @return this
   */
  public LocalTargetAssert receivedAtLeast(long n) {
    return atLeast("requests received", n, counters().requests());
  }

  /**
   * At least {@code n} requests were held back by a delay fault.
   *
   * @param n the least number of delayed requests
   * @return this
   */
  public LocalTargetAssert delayedAtLeast(long n) {
    return atLeast("requests delayed", n, counters().delayed());
  }

  /**
   * At least {@code n} requests were answered by a fault instead of the upstream.
   *
   * @param n the least number of aborted requests
   * @return this
   */
  public LocalTargetAssert abortedAtLeast(long n) {
    return atLeast("requests aborted", n, counters().aborted());
  }

  /**
   * At most {@code n} requests were answered by a fault instead of the upstream.
   *
   * @param n the most aborted requests allowed
   * @return this
   */
  public LocalTargetAssert abortedAtMost(long n) {
    long aborted = counters().aborted();
    if (aborted > n) {
      failWithMessage("%s", expected("at most " + n + " requests aborted", aborted));
    }
    return this;
  }

  /**
   * At least {@code n} requests were answered with the upstream's own response.
   *
   * @param n the least number of requests passed through
   * @return this
   */
  public LocalTargetAssert passedAtLeast(long n) {
    return atLeast("requests passed to the upstream", n, counters().passed());
  }

  /**
   * No fault is switched on any more: every action targeting it has ended.
   *
   * @return this
   */
  public LocalTargetAssert hasNoActiveFault() {
    isNotNull();
    if (!actual.activeFaults().isEmpty()) {
      failWithMessage(
          "%s",
          "Expected local target "
              + actual.resource()
              + " to have no active fault, but it has "
              + actual.activeFaults());
    }
    return this;
  }

  private LocalTargetAssert atLeast(String what, long n, long count) {
    if (count < n) {
      failWithMessage("%s", expected("at least " + n + " " + what, count));
    }
    return this;
  }

  private LocalTargetCounters counters() {
    isNotNull();
    return actual.counters();
  }

  private String expected(String expectation, long count) {
    return "Expected local target "
        + actual.resource()
        + " ("
        + actual.uri()
        + ") to have "
        + expectation
        + ", but it had "
        + count
        + "; counters: "
        + actual.counters()
        + ", active faults: "
        + actual.activeFaults();
  }
}
