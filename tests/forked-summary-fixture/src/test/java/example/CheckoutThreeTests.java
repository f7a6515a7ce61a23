package example;

import io.github.faultexperiment.FaultExperiment;
import org.junit.jupiter.api.Test;

class CheckoutThreeTests {
  @Test
  @FaultExperiment(template = "embedded-delay")
  void survivesTheDelay() {}
}
