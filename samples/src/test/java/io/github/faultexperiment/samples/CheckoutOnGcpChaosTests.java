package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.LocalTarget;
import io.github.faultexperiment.emulator.local.LocalTargetCounters;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout under Google Cloud Fault Testing load-balancer faults ({@code l7LbHttpFault}) on the
 * pricing forwarding rule, offline: the embedded emulator runs the templates in {@code
 * fault-experiments/gcp/} and its local target injects their faults into the checkout's calls.
 */
class CheckoutOnGcpChaosTests {
  static final String PRICING_RULE =
      "projects/emulator-project/regions/us-central1/forwardingRules/pricing-lb";
  static final CheckoutService.Resilience RESILIENCE =
      new CheckoutService.Resilience(
          Duration.ofSeconds(1), 3, Duration.ofMillis(20), new BigDecimal("9.99"));
  static final Duration MARGIN = Duration.ofSeconds(2);
  static final int CHECKOUTS = 3;

  static PricingService pricingService;
  LocalTarget pricing;
  CheckoutService checkout;
  LocalTargetCounters before;

  @BeforeAll
  static void startPricing() {
    pricingService =
        PricingService.start(
            Map.of("book-1", new BigDecimal("12.50"), "pen-1", new BigDecimal("2.00")));
    // A cold JVM's first HTTP call can take longer than the checkout's budget: pay for it here.
    new NaiveCheckoutClient(pricingService.uri()).checkout("book-1", 1);
  }

  @AfterAll
  static void stopPricing() {
    pricingService.close();
  }

  @BeforeEach
  void pointCheckoutAtThePricingLoadBalancer(FaultEmulator emulator) {
    pricing = emulator.localTargets().forwardingRule(PRICING_RULE, pricingService.uri());
    checkout = new CheckoutService(pricing.uri(), RESILIENCE);
    before = pricing.counters();
  }

  // tag::gcp-test[]
  @Test
  @FaultExperiment(template = "pricing-lb-delay", provider = "gcp")
  void checkoutFallsBackWithinItsBudgetWhilePricingIsSlow(ExperimentHandle experiment) {
    assertThat(experiment.state()).isEqualTo("INJECTED");

    for (int i = 0; i < CHECKOUTS; i++) {
      long started = System.nanoTime();
      Receipt receipt = checkout.checkout("pen-1", 3);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      // Nothing cached for this SKU yet: the checkout charges its fallback price.
      assertThat(receipt.priceSource()).isEqualTo(PriceSource.FALLBACK);
      assertThat(receipt.total()).isEqualByComparingTo("29.97");
      assertThat(took).isLessThan(RESILIENCE.timeout().plus(MARGIN));
    }
    assertThat(pricing.counters().delayed() - before.delayed()).isEqualTo(CHECKOUTS);
  }

  // end::gcp-test[]

  @Test
  @FaultExperiment(template = "pricing-lb-abort", provider = "gcp")
  void checkoutRetriesThroughAbortedRequests() {
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < CHECKOUTS; i++) {
      receipts.add(checkout.checkout("book-1", 1));
    }

    // Half the calls answer 503, and each retry gets through: every price is the live one.
    assertThat(receipts).extracting(Receipt::priceSource).containsOnly(PriceSource.LIVE);
    LocalTargetCounters now = pricing.counters();
    assertThat(now.aborted() - before.aborted()).isPositive();
    assertThat(now.passed() - before.passed()).isEqualTo(CHECKOUTS);
  }
}
