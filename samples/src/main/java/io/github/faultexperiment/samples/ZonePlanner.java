package io.github.faultexperiment.samples;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;

/**
 * Picks the availability zones new work is spread over, from EC2's {@code
 * DescribeAvailabilityZones}. When EC2 throttles the call (after the SDK's own retries), it plans
 * with the zones it read last rather than failing: zones rarely change, a failed plan always hurts.
 */
public final class ZonePlanner {
  private final Ec2Client ec2;
  private final AtomicReference<List<String>> lastKnown = new AtomicReference<>();
  private final AtomicReference<AwsServiceException> lastThrottled = new AtomicReference<>();

  /**
   * A planner on {@code ec2}.
   *
   * @param ec2 a client whose retry strategy suits the caller's budget
   */
  public ZonePlanner(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /** Where a plan's zones came from. */
  public enum Source {
    /** Read from EC2 just now. */
    LIVE,
    /** The zones read last, because EC2 throttled the call. */
    CACHED
  }

  /**
   * The zones to spread over.
   *
   * @param zones their names, e.g. {@code us-east-1a}
   * @param source where they came from
   */
  public record Plan(List<String> zones, Source source) {}

  /**
   * The zones available now, or those read last while EC2 throttles.
   *
   * @throws AwsServiceException when EC2 fails otherwise, or throttles before any zone was read
   */
  public Plan plan() {
    try {
      List<String> zones =
          ec2.describeAvailabilityZones().availabilityZones().stream()
              .map(AvailabilityZone::zoneName)
              .sorted()
              .toList();
      lastKnown.set(zones);
      return new Plan(zones, Source.LIVE);
    } catch (AwsServiceException e) {
      List<String> known = lastKnown.get();
      if (!e.isThrottlingException() || known == null) {
        throw e;
      }
      lastThrottled.set(e);
      return new Plan(known, Source.CACHED);
    }
  }

  /** The last throttling error the planner answered from its cache, if any. */
  public AwsServiceException lastThrottled() {
    return lastThrottled.get();
  }
}
