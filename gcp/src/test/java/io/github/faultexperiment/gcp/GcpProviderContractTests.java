package io.github.faultexperiment.gcp;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.providertests.FaultProviderContract;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProviderFactory;

/**
 * The provider contract on Google Cloud Fault Testing, against the emulator's Fault Testing half
 * started as embedded mode starts it; the hooks use its {@code /_emulator/gcp/} test controls.
 */
// tag::provider-contract[]
class GcpProviderContractTests extends FaultProviderContract {

  @Override
  protected FaultProviderFactory factory() {
    return new GcpProviderFactory();
  }

  /** One load-balancer abort for ten minutes. */
  @Override
  protected String templateJson() {
    return """
        {
          "description": "the provider contract: the checkout load balancer answers 503",
          "duration": "600s",
          "action": {
            "l7LbHttpFault": {
              "forwardingRule": "projects/emulator-project/regions/us-central1/forwardingRules/checkout",
              "abort": {"percentage": 100, "statusCode": 503}
            }
          }
        }
        """;
  }

  /** An affected resource fails: the experiment ends with the resource and the message. */
  @Override
  protected void failExperiment(ExperimentSnapshot experiment, String reason) {
    sendToBackend(
        "POST",
        "/_emulator/gcp/failAffectedResource",
        "{\"experiment\": \"" + experiment.resourceName() + "\", \"message\": \"" + reason + "\"}");
  }

  /** The project denies the caller: PERMISSION_DENIED, which is not retried. */
  @Override
  protected CloudApiException.Reason refuseStarts() {
    sendToBackend(
        "POST",
        "/_emulator/gcp/deniedProjects",
        "{\"project\": \""
            + GcpProperties.EMBEDDED_PROJECT
            + "\", \"message\": \"the provider contract denies this project\"}");
    return CloudApiException.Reason.ACCESS_DENIED;
  }
}
// end::provider-contract[]
