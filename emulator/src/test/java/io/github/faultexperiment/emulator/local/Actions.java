package io.github.faultexperiment.emulator.local;

import io.github.faultexperiment.emulator.common.ActionEvent;
import java.util.List;
import java.util.Map;

/** Action events as the emulated APIs send them, for tests that switch faults directly. */
final class Actions {
  static final String PRICING_ARN = "arn:aws:lambda:us-east-1:123456789012:function:pricing";
  static final String PRICING_RULE = "projects/p/regions/us-central1/forwardingRules/pricing-lb";

  private Actions() {}

  static ActionEvent fis(String actionId, Map<String, Object> parameters, String... arns) {
    return new ActionEvent("fis", "EXP1", "fault", actionId, parameters, List.of(arns));
  }

  static ActionEvent lambdaDelay(int millis, int percentage) {
    return fis(
        "aws:lambda:invocation-add-delay",
        Map.of(
            "startupDelayMilliseconds", String.valueOf(millis),
            "invocationPercentage", String.valueOf(percentage)),
        PRICING_ARN);
  }

  static ActionEvent lambdaError(int percentage, boolean preventExecution) {
    return fis(
        "aws:lambda:invocation-error",
        Map.of(
            "invocationPercentage", String.valueOf(percentage),
            "preventExecution", String.valueOf(preventExecution)),
        PRICING_ARN);
  }

  static ActionEvent l7(Map<String, Object> fields) {
    return new ActionEvent(
        "faulttesting", "exp-1", "l7LbHttpFault", "l7LbHttpFault", fields, List.of(PRICING_RULE));
  }
}
