package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout under AWS FIS Lambda faults on the pricing function. Offline the embedded emulator
 * runs the templates in {@code fault-experiments/aws/} and its local target injects their faults
 * into the checkout's calls to pricing; with {@code PRICING_URL} set the same tests call the
 * deployed pricing function and FIS injects the faults ({@link PricingEndpoint}).
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

  PricingEndpoint pricing;
  CheckoutService checkout;

  @BeforeEach
  void pointCheckoutAtThePricingFunction(Optional<FaultEmulator> emulator) {
    // Offline, a local target stands for the Lambda function the templates target.
    pricing = PricingEndpoint.lambda(emulator, PRICING_FUNCTION);
    checkout = new CheckoutService(pricing.uri(), RESILIENCE);
    // Before the experiment starts: pricing is healthy and the checkout learns the live price.
    assertThat(checkout.checkout("book-1", 1).priceSource()).isEqualTo(PriceSource.LIVE);
    pricing.countFromHere();
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
    pricing.verifyCalls(calls -> assertThat(calls.delayed()).isEqualTo(CHECKOUTS));
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
    pricing.verifyCalls(
        calls -> {
          assertThat(calls.aborted()).isGreaterThan(CHECKOUTS);
          assertThat(calls.passed()).isZero();
        });
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
    pricing.verifyCalls(calls -> assertThat(calls.aborted()).isEqualTo(1));
  }
  // end::naive-test[]
}
