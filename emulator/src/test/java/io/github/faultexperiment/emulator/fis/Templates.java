package io.github.faultexperiment.emulator.fis;

/** Template JSON used across the FIS tests, in the shape the AWS CLI's --cli-input-json takes. */
final class Templates {
  private Templates() {}

  /** One {@code aws:fis:wait} action of the given ISO-8601 duration. */
  static String waitFor(String duration) {
    return """
        {
          "description": "wait %s",
          "roleArn": "arn:aws:iam::123456789012:role/fis",
          "stopConditions": [{"source": "none"}],
          "actions": {
            "wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "%s"}}
          },
          "tags": {"Name": "wait-template"}
        }
        """
        .formatted(duration, duration);
  }

  /** Two waits in sequence: {@code second} starts after {@code first}. */
  static String sequence(String first, String second) {
    return """
        {
          "description": "two waits",
          "roleArn": "arn:aws:iam::123456789012:role/fis",
          "stopConditions": [{"source": "none"}],
          "actions": {
            "first": {"actionId": "aws:fis:wait", "parameters": {"duration": "%s"}},
            "second": {"actionId": "aws:fis:wait", "parameters": {"duration": "%s"},
                       "startAfter": ["first"]}
          }
        }
        """
        .formatted(first, second);
  }

  /** A Lambda delay action on functions found by tag; {@code emptyMode} fail or skip. */
  static String lambdaByTag(String emptyMode) {
    return """
        {
          "description": "lambda delay by tag",
          "roleArn": "arn:aws:iam::123456789012:role/fis",
          "stopConditions": [{"source": "aws:cloudwatch:alarm",
                              "value": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors"}],
          "targets": {
            "functions": {"resourceType": "aws:lambda:function",
                          "resourceTags": {"chaos": "yes"}, "selectionMode": "ALL"}
          },
          "actions": {
            "delay": {"actionId": "aws:lambda:invocation-add-delay",
                      "parameters": {"startupDelayMilliseconds": "500", "invocationPercentage": "100"},
                      "targets": {"Functions": "functions"}}
          },
          "experimentOptions": {"emptyTargetResolutionMode": "%s"}
        }
        """
        .formatted(emptyMode);
  }

  /** A wait with a report written to {@code bucket}. */
  static String withReport(String bucket) {
    return """
        {
          "description": "wait with report",
          "roleArn": "arn:aws:iam::123456789012:role/fis",
          "stopConditions": [{"source": "none"}],
          "actions": {"wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT2M"}}},
          "experimentReportConfiguration": {
            "outputs": {"s3Configuration": {"bucketName": "%s", "prefix": "reports"}},
            "postExperimentDuration": "PT1M",
            "preExperimentDuration": "PT1M"
          }
        }
        """
        .formatted(bucket);
  }
}
