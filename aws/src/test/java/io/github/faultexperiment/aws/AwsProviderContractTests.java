package io.github.faultexperiment.aws;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.providertests.FaultProviderContract;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.FaultProviderFactory;

/**
 * The provider contract on AWS FIS, against the emulator's FIS half started as embedded mode starts
 * it; the hooks use its {@code /_emulator/fis/} test controls.
 */
class AwsProviderContractTests extends FaultProviderContract {

  @Override
  protected FaultProviderFactory factory() {
    return new AwsProviderFactory();
  }

  /** One Lambda delay; the emulator runs an action for five minutes unless stopped. */
  @Override
  protected String templateJson() {
    return """
        {
          "description": "the provider contract: latency on the checkout function",
          "stopConditions": [{"source": "none"}],
          "targets": {
            "functions": {
              "resourceType": "aws:lambda:function",
              "resourceArns": ["arn:aws:lambda:us-east-1:123456789012:function:checkout"],
              "selectionMode": "ALL"
            }
          },
          "actions": {
            "delay": {
              "actionId": "aws:lambda:invocation-add-delay",
              "parameters": {"startupDelayMilliseconds": "500", "invocationPercentage": "100"},
              "targets": {"Functions": "functions"}
            }
          },
          "roleArn": "arn:aws:iam::123456789012:role/fis",
          "tags": {}
        }
        """;
  }

  @Override
  protected void failExperiment(ExperimentSnapshot experiment, String reason) {
    sendToBackend(
        "POST",
        "/_emulator/fis/experiments/" + experiment.id() + "/fail",
        "{\"code\": \"InternalFailure\", \"reason\": \"" + reason + "\"}");
  }

  /** FIS throttles StartExperiment: ThrottlingException, which the SDK retries and gives up on. */
  @Override
  protected CloudApiException.Reason refuseStarts() {
    sendToBackend(
        "POST",
        "/_emulator/fis/api-faults",
        "{\"operation\": \"StartExperiment\", \"kind\": \"THROTTLE\"}");
    return CloudApiException.Reason.THROTTLED;
  }
}
