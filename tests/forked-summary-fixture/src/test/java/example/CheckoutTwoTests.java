package example;

import io.github.faultexperiment.FaultExperiment;
import org.junit.jupiter.api.Test;

class CheckoutTwoTests {
  @Test
  @FaultExperiment(template = "embedded-delay")
  void survivesTheDelay() {}
}
