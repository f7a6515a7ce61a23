package io.github.faultexperiment.samples;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.local.LocalTarget;
import io.github.faultexperiment.emulator.local.LocalTargets;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Puts the emulator's local proxy in front of the pricing service and switches FIS Lambda faults on
 * and off directly, as a running experiment would — without starting one.
 */
final class PricingFaults implements AutoCloseable {
  static final String PRICING_ARN = "arn:aws:lambda:us-east-1:123456789012:function:pricing";

  private final LocalTargets targets = new LocalTargets();
  private final LocalTarget pricing;

  PricingFaults(URI pricingService) {
    pricing = targets.lambda(PRICING_ARN, pricingService);
  }

  /** Where the application should call pricing. */
  URI uri() {
    return pricing.uri();
  }

  LocalTarget target() {
    return pricing;
  }

  void delay(int millis) {
    targets.actionStarted(
        action(
            "aws:lambda:invocation-add-delay",
            Map.of("startupDelayMilliseconds", String.valueOf(millis))));
  }

  void fail(int percentage) {
    targets.actionStarted(
        action(
            "aws:lambda:invocation-error",
            Map.of(
                "invocationPercentage", String.valueOf(percentage), "preventExecution", "true")));
  }

  @Override
  public void close() {
    targets.close();
  }

  private static ActionEvent action(String actionId, Map<String, Object> parameters) {
    return new ActionEvent(
        "fis", "EXP1", "pricing-fault", actionId, parameters, List.of(PRICING_ARN));
  }
}
