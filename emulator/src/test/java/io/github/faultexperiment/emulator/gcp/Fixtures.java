package io.github.faultexperiment.emulator.gcp;

/** Template bodies and names used across the tests. */
final class Fixtures {
  static final String PARENT = "projects/test-project/locations/us-central1";
  static final String API = "/v1alpha/" + PARENT;

  static final String LB_ABORT =
      """
      {"displayName": "LB abort", "description": "Half the checkout requests fail",
       "duration": "600s",
       "action": {"l7LbHttpFault": {
         "forwardingRule": "projects/test-project/regions/us-central1/forwardingRules/checkout",
         "backendService": "projects/test-project/regions/us-central1/backendServices/pricing",
         "abort": {"percentage": 50, "statusCode": 503}}}}
      """;

  private Fixtures() {}

  /** A template body with the given action JSON and a 10-minute duration. */
  static String template(String action) {
    return "{\"duration\": \"600s\", \"action\": " + action + "}";
  }
}
