package io.github.faultexperiment.emulator.local;

import java.time.Duration;

/**
 * What a {@link LocalTarget} does to the share of requests a running action selects. Requests that
 * are not selected, and all requests while no action runs, pass to the upstream untouched.
 */
public sealed interface LocalFault permits LocalFault.Delay, LocalFault.Abort, LocalFault.Respond {

  /** The share of requests affected, 0 to 100. */
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
