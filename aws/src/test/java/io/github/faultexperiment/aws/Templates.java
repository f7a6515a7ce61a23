package io.github.faultexperiment.aws;

/** Experiment templates for tests, in the JSON {@code aws fis create-experiment-template} takes. */
final class Templates {
  private Templates() {}

  /** One action on one Lambda function; it runs for the emulator's default action duration. */
  static String lambdaDelay(String name) {
    return """
        {
          "description": "adds latency to checkout",
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
          "tags": {"Name": "%s"}
        }
        """
        .formatted(name);
  }

  /** Like {@link #lambdaDelay} with an experiment report written to S3. */
  static String lambdaDelayWithReport(String name) {
    return lambdaDelay(name)
        .replace(
            "\"roleArn\"",
            """
            "experimentReportConfiguration": {
                "outputs": {"s3Configuration": {"bucketName": "fis-reports", "prefix": "runs"}},
                "preExperimentDuration": "PT1M",
                "postExperimentDuration": "PT1M"
              },
              "roleArn\"""");
  }

  /** A template without a {@code Name} tag. */
  static String unnamed() {
    return lambdaDelay("x").replace("{\"Name\": \"x\"}", "{}");
  }
}
