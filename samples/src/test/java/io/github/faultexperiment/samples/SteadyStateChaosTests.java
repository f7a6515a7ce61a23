package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.Endpoints;
import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.SteadyState;
import io.github.faultexperiment.assertj.FaultAssertions;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.LocalTargetAssert;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The steady-state discipline on the checkout (offline, or with {@code
 * faultexperiment.endpoint.pricing} set against the deployed pricing function): the checkout must
 * charge the live price before the pricing function fails (else nothing is tested), must keep
 * answering from its cache while it fails, and must charge the live price again within 10 s after
 * the fault is gone.
 */
class SteadyStateChaosTests {
  static final String PRICING_FUNCTION = CheckoutOnAwsChaosTests.PRICING_FUNCTION;

  CheckoutService checkout;

  @BeforeEach
  void pointCheckoutAtThePricingFunction(Endpoints endpoints) {
    checkout =
        new CheckoutService(
            endpoints.of("pricing", PRICING_FUNCTION, LocalPricing::uri),
            CheckoutOnAwsChaosTests.RESILIENCE);
  }

  /** Healthy means: the checkout charges the price pricing answers right now. */
  @SteadyState
  void checkoutChargesTheLivePrice() {
    assertThat(checkout.checkout("book-1", 1).priceSource()).isEqualTo(PriceSource.LIVE);
  }

  @Test
  @FaultExperiment(
      template = "pricing-errors",
      recoveryTimeout = "PT10S",
      probeDuringFault = true,
      probeInterval = "PT0.2S")
  void checkoutFallsBackWhilePricingFailsAndRecoversAfter(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    Receipt receipt = checkout.checkout("book-1", 2);

    assertThat(receipt.priceSource()).isEqualTo(PriceSource.CACHED);
    assertThat(receipt.total()).isEqualByComparingTo("25.00");
    // The fault really reached the application.
    emulator.ifPresent(
        e ->
            assertThat(
                    e.localTarget(PRICING_FUNCTION).counters(experiment.experimentId()).aborted())
                .isPositive());
  }

  /** The gate: runs after the experiment has ended and the steady state came back. */
  @AfterEach
  void gate(ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    FaultAssertions.assertThat(experiment)
        .wasInjectedWithin(Duration.ofSeconds(30))
        .stayedInjectedThroughoutBody()
        .endedWith("stopped")
        .recoveredWithin(Duration.ofSeconds(10));
    // Offline: the template's function is the emulator's, and its proxy injects nothing any more.
    emulator.ifPresent(
        e -> {
          FaultAssertions.assertThat(experiment).addresses(PRICING_FUNCTION);
          LocalTargetAssert.assertThat(e.localTarget(PRICING_FUNCTION)).hasNoActiveFault();
        });
  }
}
