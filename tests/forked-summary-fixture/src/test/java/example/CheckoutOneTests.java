package example;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.faultexperiment.FaultExperiment;
import org.junit.jupiter.api.Test;

class CheckoutOneTests {
  @Test
  @FaultExperiment(template = "embedded-delay")
  void survivesTheDelay() {
    // -Dcheckout.broken=true (a user property, which Failsafe hands to its test JVMs) stands for an
    // application that does not survive the fault.
    assertNotEquals("true", System.getProperty("checkout.broken"), "checkout failed under the delay");
  }
}
