package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.Endpoints;
import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.LocalTargetCounters;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout under AWS FIS Lambda faults on the pricing function. Offline the embedded emulator
 * runs the templates in {@code fault-experiments/aws/} and its local target injects their faults
 * into the checkout's calls to pricing; with {@code -Dfaultexperiment.endpoint.pricing=<function
 * URL>} (and without embedded mode) the same tests call the deployed pricing function and FIS
 * injects the faults. The checks on the local target's counters run only offline.
 */
// tag::aws-setup[]
class CheckoutOnAwsChaosTests {
  static final String PRICING_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:pricing";
  static final CheckoutService.Resilience RESILIENCE =
      new CheckoutService.Resilience(
          Duration.ofSeconds(1), 3, Duration.ofMillis(20), new BigDecimal("9.99"));
  // Generous on purpose: the templates delay pricing by 5 s, beyond budget plus margin.
  static final Duration MARGIN = Duration.ofSeconds(2);
  static final int CHECKOUTS = 3;

  URI pricing;
  CheckoutService checkout;

  @BeforeEach
  void pointCheckoutAtThePricingFunction(Endpoints endpoints) {
    // Offline, a local target standing for the function the templates target, in front of a
    // local pricing service; in the cloud, faultexperiment.endpoint.pricing.
    pricing = endpoints.of("pricing", PRICING_FUNCTION, LocalPricing::uri);
    checkout = new CheckoutService(pricing, RESILIENCE);
    // Before the experiment starts: pricing is healthy and the checkout learns the live price.
    assertThat(checkout.checkout("book-1", 1).priceSource()).isEqualTo(PriceSource.LIVE);
  }

  // end::aws-setup[]

  // tag::annotated-test[]
  @Test
  @FaultExperiment(template = "pricing-delay")
  void checkoutAnswersWithinItsBudgetWhilePricingIsSlow(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    for (int i = 0; i < CHECKOUTS; i++) {
      long started = System.nanoTime();
      Receipt receipt = checkout.checkout("book-1", 2);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(receipt.priceSource()).isEqualTo(PriceSource.CACHED);
      assertThat(receipt.total()).isEqualByComparingTo("25.00");
      assertThat(took).isLessThan(RESILIENCE.timeout().plus(MARGIN));
    }
    // Offline, the fault really was applied: every call to pricing was held back.
    emulator.ifPresent(e -> assertThat(calls(e, experiment).delayed()).isEqualTo(CHECKOUTS));
  }

  // end::annotated-test[]

  @Test
  @FaultExperiment(template = "pricing-errors")
  void checkoutChargesTheLastKnownPriceWhilePricingFails(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < CHECKOUTS; i++) {
      receipts.add(checkout.checkout("book-1", 1));
    }

    assertThat(receipts)
        .allSatisfy(
            receipt -> {
              assertThat(receipt.priceSource()).isEqualTo(PriceSource.CACHED);
              assertThat(receipt.unitPrice()).isEqualByComparingTo("12.50");
            });
    // Each checkout tried pricing more than once before falling back, and every call failed.
    emulator.ifPresent(
        e -> {
          assertThat(calls(e, experiment).aborted()).isGreaterThan(CHECKOUTS);
          assertThat(calls(e, experiment).passed()).isZero();
        });
  }

  // tag::naive-test[]
  @Test
  @FaultExperiment(template = "pricing-errors")
  void naiveCheckoutFailsWhilePricingFails(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    NaiveCheckoutClient naive = new NaiveCheckoutClient(pricing);

    // Expected: this is what the chaos test catches in a client without retries or fallback.
    assertThatThrownBy(() -> naive.checkout("book-1", 1))
        .isInstanceOf(PricingException.class)
        .hasMessage("Pricing answered 502 for book-1");
    emulator.ifPresent(e -> assertThat(calls(e, experiment).aborted()).isEqualTo(1));
  }

  // end::naive-test[]

  /** What the experiment's faults did to the calls to pricing (offline only). */
  static LocalTargetCounters calls(FaultEmulator emulator, ExperimentHandle experiment) {
    return emulator.localTarget(PRICING_FUNCTION).counters(experiment.experimentId());
  }
}
