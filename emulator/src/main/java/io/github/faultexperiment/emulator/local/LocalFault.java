package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a {@link LocalTarget} does to the share of requests (HTTP targets) or of connections and
 * chunks of bytes (TCP targets) a running action selects. Traffic that is not selected, and all
 * traffic while no action runs, passes to the upstream untouched.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface LocalFault
    permits LocalFault.Delay,
        LocalFault.Abort,
        LocalFault.Respond,
        LocalFault.Latency,
        LocalFault.PacketLoss,
        LocalFault.Blackhole,
        LocalFault.Down,
        LocalFault.ConnectionFailure,
        LocalFault.ApiError {

  /** The share of requests, connections or chunks affected, 0 to 100. */
  double percentage();

  /**
   * Holds selected requests back before they are forwarded (FIS {@code
   * aws:lambda:invocation-add-delay}, Fault Testing {@code l7LbHttpFault.delay}).
   *
   * @param delay how long each selected request waits
   * @param percentage the share of requests delayed, 0 to 100
   */
  record Delay(Duration delay, double percentage) implements LocalFault {
    public Delay {
      if (delay == null || delay.isNegative()) {
        throw new IllegalArgumentException("delay must be zero or positive, was " + delay);
      }
      checkPercentage(percentage);
    }
  }

  /**
   * Answers selected requests with an error status (FIS {@code aws:lambda:invocation-error}, Fault
   * Testing {@code l7LbHttpFault.abort}).
   *
   * @param statusCode the status of the answer
   * @param percentage the share of requests aborted, 0 to 100
   * @param callUpstream whether the request still reaches the upstream (whose answer is dropped),
   *     as FIS does when {@code preventExecution} is {@code false}
   */
  record Abort(int statusCode, double percentage, boolean callUpstream) implements LocalFault {
    public Abort {
      checkStatusCode(statusCode);
      checkPercentage(percentage);
    }
  }

  /**
   * Answers selected requests with a canned, empty-bodied response (FIS {@code
   * aws:lambda:invocation-http-integration-response}).
   *
   * @param statusCode the status of the answer
   * @param contentType its {@code Content-Type} header
   * @param percentage the share of requests answered this way, 0 to 100
   * @param callUpstream whether the request still reaches the upstream (whose answer is dropped)
   */
  record Respond(int statusCode, String contentType, double percentage, boolean callUpstream)
      implements LocalFault {
    public Respond {
      checkStatusCode(statusCode);
      if (contentType == null || contentType.isBlank()) {
        throw new IllegalArgumentException("contentType must be a media type, e.g. text/plain");
      }
      checkPercentage(percentage);
    }
  }

  /**
   * Delays every chunk of bytes the resource sends back by {@code delay} ± {@code jitter}, as
   * {@code tc netem} on the resource's interface does (FIS {@code aws:ecs:task-network-latency},
   * {@code aws:eks:pod-network-latency}, SSM {@code AWSFIS-Run-Network-Latency*}).
   *
   * @param delay the added latency
   * @param jitter the most the latency varies either way, uniformly
   */
  record Latency(Duration delay, Duration jitter) implements LocalFault {
    public Latency {
      checkDuration("delay", delay);
      checkDuration("jitter", jitter);
    }

    @Override
    public double percentage() {
      return 100;
    }
  }

  /**
   * Drops the stated share of packets, as a TCP client feels it: a lost segment is sent again after
   * the retransmission timeout, so the stated share of chunks stalls for {@link
   * #RETRANSMISSION_STALL} and the same share of new connections for {@link #SYN_STALL} (a lost
   * SYN); at 100 % nothing passes until the fault ends (FIS {@code
   * aws:ecs:task-network-packet-loss}, {@code aws:eks:pod-network-packet-loss}, SSM {@code
   * AWSFIS-Run-Network-Packet-Loss*}).
   *
   * @param percentage the share of packets lost, 0 to 100
   */
  record PacketLoss(double percentage) implements LocalFault {
    /** Linux's minimum retransmission timeout ({@code TCP_RTO_MIN}). */
    public static final Duration RETRANSMISSION_STALL = Duration.ofMillis(200);

    /** Linux's initial SYN retransmission timeout. */
    public static final Duration SYN_STALL = Duration.ofSeconds(1);

    public PacketLoss {
      checkPercentage(percentage);
    }
  }

  /**
   * Accepts connections but lets nothing through either way until the fault ends, so the client's
   * timeouts fire (FIS {@code aws:ecs:task-network-blackhole-port}, {@code
   * aws:eks:pod-network-blackhole-port}, SSM {@code AWSFIS-Run-Network-Blackhole-Port}, and {@code
   * aws:network:disrupt-connectivity} on the target's subnet).
   *
   * @param port the cloud port the fault names; {@code 0} for every port (a subnet cut). A target
   *     registered with a port is only blackholed by actions naming that port.
   */
  record Blackhole(int port) implements LocalFault {
    public Blackhole {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
      }
    }

    @Override
    public double percentage() {
      return 100;
    }
  }

  /**
   * The resource is gone: open connections are reset and new ones too, until it comes back after
   * {@code recovery} (a reboot, a task replaced, a failover) or when the action ends (FIS {@code
   * aws:ec2:stop-instances}, {@code aws:ecs:stop-task}, {@code aws:rds:failover-db-cluster}, Fault
   * Testing {@code gceFailCompute}, {@code cloudSqlFailover}, …).
   *
   * @param cause what happened, e.g. {@code failover} or {@code stopped}, for reports
   * @param recovery how long until the resource accepts connections again, or {@code null} for when
   *     the action ends
   */
  record Down(String cause, Duration recovery) implements LocalFault {
    public Down {
      if (cause == null || cause.isBlank()) {
        throw new IllegalArgumentException("cause must name what happened, e.g. failover");
      }
      if (recovery != null) {
        checkDuration("recovery", recovery);
      }
    }

    @Override
    public double percentage() {
      return 100;
    }
  }

  /**
   * Resets the stated share of new connections as they open, while the others and the connections
   * already open pass (FIS {@code aws:dsql:cluster-connection-failure}): the client sees some of
   * its connection attempts fail, as when a database node turns connections away.
   *
   * @param percentage the share of new connections reset, 0 to 100
   */
  record ConnectionFailure(double percentage) implements LocalFault {
    public ConnectionFailure {
      checkPercentage(percentage);
    }
  }

  /**
   * Answers the stated share of calls to the named operations of an AWS service with the error that
   * service sends, in its own protocol, so the application's SDK raises its real exception (FIS
   * {@code aws:fis:inject-api-internal-error}, {@code -throttle-error}, {@code
   * -unavailable-error}).
   *
   * @param service the service's signing name, e.g. {@code ec2}, {@code kinesis}, {@code sts}
   * @param operations the operations affected, e.g. {@code DescribeInstances}; empty for all
   * @param kind which error
   * @param percentage the share of matching calls answered with the error, 0 to 100
   */
  record ApiError(String service, Set<String> operations, ApiErrorKind kind, double percentage)
      implements LocalFault {
    public ApiError {
      if (service == null || service.isBlank()) {
        throw new IllegalArgumentException("service must name an AWS service, e.g. ec2");
      }
      operations = Set.copyOf(operations);
      checkPercentage(percentage);
    }
  }

  /** The errors FIS's API fault actions inject. */
  enum ApiErrorKind {
    /** {@code aws:fis:inject-api-internal-error}: HTTP 500. */
    INTERNAL_ERROR,
    /** {@code aws:fis:inject-api-throttle-error}: the service's throttling error. */
    THROTTLE,
    /** {@code aws:fis:inject-api-unavailable-error}: HTTP 503. */
    UNAVAILABLE,
    /**
     * {@code aws:kinesis:stream-provisioned-throughput-exception}: Kinesis's {@code
     * ProvisionedThroughputExceededException}, HTTP 400.
     */
    PROVISIONED_THROUGHPUT_EXCEEDED,
    /**
     * {@code aws:kinesis:stream-expired-iterator-exception}: Kinesis's {@code
     * ExpiredIteratorException}, HTTP 400.
     */
    EXPIRED_ITERATOR
  }

  private static void checkDuration(String name, Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, was " + duration);
    }
  }

  private static void checkPercentage(double percentage) {
    if (!(percentage >= 0 && percentage <= 100)) {
      throw new IllegalArgumentException("percentage must be 0 to 100, was " + percentage);
    }
  }

  private static void checkStatusCode(int statusCode) {
    if (statusCode < 100 || statusCode > 999) {
      throw new IllegalArgumentException("statusCode must be 100 to 999, was " + statusCode);
    }
  }
}
