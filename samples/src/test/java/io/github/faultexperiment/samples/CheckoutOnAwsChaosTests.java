package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * The checkout under AWS FIS Lambda faults on the pricing function, offline: the embedded emulator
 * runs the templates in {@code fault-experiments/aws/} and its local target injects their faults
 * into the checkout's calls to pricing.
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

  static PricingService pricingService;
  LocalTarget pricing;
  CheckoutService checkout;
  LocalTargetCounters before;

  @BeforeAll
  static void startPricing() {
    pricingService = PricingService.start(Map.of("book-1", new BigDecimal("12.50")));
    // A cold JVM's first HTTP call can take longer than the checkout's budget: pay for it here.
    new NaiveCheckoutClient(pricingService.uri()).checkout("book-1", 1);
  }

  @AfterAll
  static void stopPricing() {
    pricingService.close();
  }

  @BeforeEach
  void pointCheckoutAtThePricingFunction(FaultEmulator emulator) {
    // The local target stands for the Lambda function the templates target, in front of pricing.
    pricing = emulator.localTargets().lambda(PRICING_FUNCTION, pricingService.uri());
    checkout = new CheckoutService(pricing.uri(), RESILIENCE);
    // Before the experiment starts: pricing is healthy and the checkout learns the live price.
    assertThat(checkout.checkout("book-1", 1).priceSource()).isEqualTo(PriceSource.LIVE);
    before = pricing.counters();
  }

  // end::aws-setup[]

  // tag::annotated-test[]
  @Test
  @FaultExperiment(template = "pricing-delay")
  void checkoutAnswersWithinItsBudgetWhilePricingIsSlow() {
    for (int i = 0; i < CHECKOUTS; i++) {
      long started = System.nanoTime();
      Receipt receipt = checkout.checkout("book-1", 2);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(receipt.priceSource()).isEqualTo(PriceSource.CACHED);
      assertThat(receipt.total()).isEqualByComparingTo("25.00");
      assertThat(took).isLessThan(RESILIENCE.timeout().plus(MARGIN));
    }
    // The fault really was applied: every call to pricing was held back.
    assertThat(pricing.counters().delayed() - before.delayed()).isEqualTo(CHECKOUTS);
  }

  // end::annotated-test[]

  @Test
  @FaultExperiment(template = "pricing-errors")
  void checkoutChargesTheLastKnownPriceWhilePricingFails() {
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
    LocalTargetCounters now = pricing.counters();
    assertThat(now.aborted() - before.aborted()).isGreaterThan(CHECKOUTS);
    assertThat(now.passed() - before.passed()).isZero();
  }

  // tag::naive-test[]
  @Test
  @FaultExperiment(template = "pricing-errors")
  void naiveCheckoutFailsWhilePricingFails() {
    NaiveCheckoutClient naive = new NaiveCheckoutClient(pricing.uri());

    // Expected: this is what the chaos test catches in a client without retries or fallback.
    assertThatThrownBy(() -> naive.checkout("book-1", 1))
        .isInstanceOf(PricingException.class)
        .hasMessage("Pricing answered 502 for book-1");
    assertThat(pricing.counters().aborted() - before.aborted()).isEqualTo(1);
  }
  // end::naive-test[]
}
