package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.Endpoints;
import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.LocalTargetCounters;
import io.github.faultexperiment.spi.Phase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout under Google Cloud Fault Testing load-balancer faults ({@code l7LbHttpFault}) on the
 * pricing forwarding rule. Offline the embedded emulator runs the templates in {@code
 * fault-experiments/gcp/} and its local target injects their faults into the checkout's calls; with
 * {@code -Dfaultexperiment.endpoint.pricing-lb=<load balancer URL>} (and without embedded mode) the
 * same tests call the deployed load balancer. The checks on the counters run only offline.
 */
class CheckoutOnGcpChaosTests {
  static final String PRICING_RULE =
      "projects/emulator-project/regions/us-central1/forwardingRules/pricing-lb";
  static final CheckoutService.Resilience RESILIENCE =
      new CheckoutService.Resilience(
          Duration.ofSeconds(1), 3, Duration.ofMillis(20), new BigDecimal("9.99"));
  static final Duration MARGIN = Duration.ofSeconds(2);
  static final int CHECKOUTS = 3;

  CheckoutService checkout;

  @BeforeEach
  void pointCheckoutAtThePricingLoadBalancer(Endpoints endpoints) {
    checkout =
        new CheckoutService(
            endpoints.of("pricing-lb", PRICING_RULE, LocalPricing::uri), RESILIENCE);
  }

  // tag::gcp-test[]
  @Test
  @FaultExperiment(template = "pricing-lb-delay", provider = "gcp")
  void checkoutFallsBackWithinItsBudgetWhilePricingIsSlow(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    assertThat(experiment.phase()).isEqualTo(Phase.INJECTED);

    for (int i = 0; i < CHECKOUTS; i++) {
      long started = System.nanoTime();
      Receipt receipt = checkout.checkout("pen-1", 3);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      // Nothing cached for this SKU yet: the checkout charges its fallback price.
      assertThat(receipt.priceSource()).isEqualTo(PriceSource.FALLBACK);
      assertThat(receipt.total()).isEqualByComparingTo("29.97");
      assertThat(took).isLessThan(RESILIENCE.timeout().plus(MARGIN));
    }
    emulator.ifPresent(e -> assertThat(calls(e, experiment).delayed()).isEqualTo(CHECKOUTS));
  }

  // end::gcp-test[]

  @Test
  @FaultExperiment(template = "pricing-lb-abort", provider = "gcp")
  void checkoutRetriesThroughAbortedRequests(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < CHECKOUTS; i++) {
      receipts.add(checkout.checkout("book-1", 1));
    }

    // Half the calls answer 503, and each retry gets through: every price is the live one.
    assertThat(receipts).extracting(Receipt::priceSource).containsOnly(PriceSource.LIVE);
    emulator.ifPresent(
        e -> {
          assertThat(calls(e, experiment).aborted()).isPositive();
          assertThat(calls(e, experiment).passed()).isEqualTo(CHECKOUTS);
        });
  }

  /** What the experiment's faults did to the calls to pricing (offline only). */
  static LocalTargetCounters calls(FaultEmulator emulator, ExperimentHandle experiment) {
    return emulator.localTarget(PRICING_RULE).counters(experiment.experimentId());
  }
}
