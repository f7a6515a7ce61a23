package io.github.faultexperiment;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Renews the leases of live experiments in the background, on one daemon thread for the whole JVM:
 * the lease outlives a missed renewal or two (renewed every third of its duration) but not a dead
 * JVM. A failed renewal is logged, never thrown: the next one may succeed, and the test must not
 * fail for it. Not public API.
 */
final class LeaseHeartbeat {
  private static final System.Logger LOG = System.getLogger(LeaseHeartbeat.class.getName());
  private static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

  private LeaseHeartbeat() {}

  /**
   * Calls {@code renew} every {@code interval} until the returned future is cancelled.
   *
   * @param what the experiment, for the log
   * @param interval time between renewals
   * @param renew one renewal
   */
  static Future<?> keep(String what, Duration interval, Runnable renew) {
    long millis = Math.max(1, interval.toMillis());
    return SCHEDULER.scheduleWithFixedDelay(
        () -> {
          try {
            renew.run();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not renew the lease of " + what + ": " + e.getMessage());
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  private static ScheduledThreadPoolExecutor scheduler() {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "fault-experiment-lease");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }
}
