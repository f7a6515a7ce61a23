package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How long a resource stays away when the cloud brings it back by itself. Real clouds take tens of
 * seconds to minutes; the defaults are short so tests stay fast, and a test of reconnect logic can
 * set the window it means.
 *
 * @param failover connections reset after a database or cache failover ({@code
 *     aws:rds:failover-db-cluster}, {@code aws:rds:reboot-db-instances} with {@code forceFailover},
 *     ElastiCache AZ power interruption, {@code cloudSqlFailover})
 * @param reboot connections reset while an instance reboots ({@code aws:ec2:reboot-instances},
 *     {@code aws:rds:reboot-db-instances})
 * @param replacement connections reset until an orchestrator replaces a stopped task, pod or node
 *     ({@code aws:ecs:stop-task}, {@code aws:eks:pod-delete}, {@code
 *     aws:eks:terminate-nodegroup-instances})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LocalTimings(Duration failover, Duration reboot, Duration replacement) {
  /** Checks that every window is zero or positive. */
  public LocalTimings {
    check("failover", failover);
    check("reboot", reboot);
    check("replacement", replacement);
  }

  /** Two seconds for each. */
  public static LocalTimings defaults() {
    return new LocalTimings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  /** The same timings with another failover window. */
  public LocalTimings withFailover(Duration window) {
    return new LocalTimings(window, reboot, replacement);
  }

  /** The same timings with another reboot window. */
  public LocalTimings withReboot(Duration window) {
    return new LocalTimings(failover, window, replacement);
  }

  /** The same timings with another replacement window. */
  public LocalTimings withReplacement(Duration window) {
    return new LocalTimings(failover, reboot, window);
  }

  private static void check(String name, Duration window) {
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException(
          name + " must be a zero or positive duration, was " + window);
    }
  }
}
