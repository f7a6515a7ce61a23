package example;

import io.github.faultexperiment.FaultExperiment;
import org.junit.jupiter.api.Test;

class CheckoutOneTests {
  @Test
  @FaultExperiment(template = "embedded-delay")
  void survivesTheDelay() {}
}
