package io.github.faultexperiment.gcp;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
import java.time.Duration;

/** Templates and settings shared by the Fault Testing tests. */
final class GcpTestSupport {
  static final String PROJECT = "emulator-project";
  static final String LOCATION = "us-central1";
  static final String PARENT = "projects/" + PROJECT + "/locations/" + LOCATION;
  static final String FORWARDING_RULE =
      "projects/emulator-project/regions/us-central1/forwardingRules/checkout";
  static final RetryPolicy FAST_RETRIES =
      new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));
  static final FaultTestingTimings FAST = FaultTestingTimings.of(Duration.ofMillis(30));

  static final String LB_ABORT =
      """
      {"displayName": "LB abort", "description": "Half the checkout requests fail",
       "duration": "600s",
       "action": {"l7LbHttpFault": {
         "forwardingRule": "projects/emulator-project/regions/us-central1/forwardingRules/checkout",
         "backendService": "projects/emulator-project/regions/us-central1/backendServices/pricing",
         "abort": {"percentage": 50, "statusCode": 503}}}}
      """;

  private GcpTestSupport() {}

  /** A client of the emulator that sends no credentials and retries quickly. */
  static FaultTestingClient client(FaultEmulator emulator) {
    return FaultTestingClient.builder()
        .endpoint(emulator.endpoint())
        .retryPolicy(FAST_RETRIES)
        .build();
  }
}
