package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * What one of the embedded emulator's local targets did with requests while an experiment ran: the
 * difference of its counters between the experiment's start and its confirmed end. Not public API;
 * its JSON form is documented in {@code docs/reports.md}.
 *
 * @param kind {@code LAMBDA_FUNCTION} or {@code FORWARDING_RULE}
 * @param resource the Lambda function ARN or forwarding-rule name the target stands for
 * @param uri the proxy's URL
 * @param counters what happened to the requests it received meanwhile
 */
@API(status = INTERNAL, since = "0.1")
public record LocalTargetTraffic(String kind, String resource, String uri, Counters counters) {

  /**
   * Request tallies, as the emulator's {@code LocalTargetCounters} define them.
   *
   * @param requests every request received
   * @param delayed requests held back by a delay (also counted by how they were then answered)
   * @param aborted requests answered by a fault instead of the upstream
   * @param passed requests answered with the upstream's own response
   * @param upstreamFailures requests the upstream could not answer
   */
  public record Counters(
      long requests, long delayed, long aborted, long passed, long upstreamFailures) {

    /** No requests at all. */
    public static final Counters NONE = new Counters(0, 0, 0, 0, 0);

    /**
     * What was counted since an earlier reading of the same target. A target reset in between (its
     * counters went down) counts from zero.
     *
     * @param earlier the reading at the start
     * @return the difference
     */
    public Counters since(Counters earlier) {
      if (requests < earlier.requests) {
        return this;
      }
      return new Counters(
          requests - earlier.requests,
          delayed - earlier.delayed,
          aborted - earlier.aborted,
          passed - earlier.passed,
          upstreamFailures - earlier.upstreamFailures);
    }

    /**
     * Both tallies added up.
     *
     * @param other another target's tallies
     * @return the sum
     */
    public Counters plus(Counters other) {
      return new Counters(
          requests + other.requests,
          delayed + other.delayed,
          aborted + other.aborted,
          passed + other.passed,
          upstreamFailures + other.upstreamFailures);
    }
  }
}
