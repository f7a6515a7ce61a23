package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckoutServiceTests {
  private static final CheckoutService.Resilience RESILIENCE =
      new CheckoutService.Resilience(
          Duration.ofMillis(300), 3, Duration.ofMillis(10), new BigDecimal("9.99"));

  private final PricingService pricingService =
      PricingService.start(Map.of("book-1", new BigDecimal("12.50")));
  private final PricingFaults pricing = new PricingFaults(pricingService.uri());
  private final CheckoutService checkout = new CheckoutService(pricing.uri(), RESILIENCE);

  @AfterEach
  void stop() {
    pricing.close();
    pricingService.close();
  }

  @Test
  void chargesTheLivePriceTimesTheQuantity() {
    Receipt receipt = checkout.checkout("book-1", 2);

    assertThat(receipt)
        .isEqualTo(
            new Receipt(
                "book-1", 2, new BigDecimal("12.50"), new BigDecimal("25.00"), PriceSource.LIVE));
  }

  @Test
  void refusesAnUnknownSkuInsteadOfFallingBack() {
    assertThatThrownBy(() -> checkout.checkout("unknown", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown SKU unknown");
  }

  @Test
  void retriesAFailedCallAndStillChargesTheLivePrice() {
    pricing.fail(50); // every second call fails: the second checkout's first call, not its retry

    Receipt first = checkout.checkout("book-1", 1);
    Receipt second = checkout.checkout("book-1", 1);

    assertThat(first.priceSource()).isEqualTo(PriceSource.LIVE);
    assertThat(second.priceSource()).isEqualTo(PriceSource.LIVE);
    assertThat(pricing.target().counters().aborted()).isEqualTo(1);
    assertThat(pricing.target().counters().passed()).isEqualTo(2);
  }

  @Test
  void chargesTheLastKnownPriceWhenPricingKeepsFailing() {
    checkout.checkout("book-1", 1);
    pricing.fail(100);

    Receipt receipt = checkout.checkout("book-1", 1);

    assertThat(receipt.priceSource()).isEqualTo(PriceSource.CACHED);
    assertThat(receipt.unitPrice()).isEqualByComparingTo("12.50");
    assertThat(pricing.target().counters().aborted()).isEqualTo(RESILIENCE.attempts());
  }

  @Test
  void chargesTheFallbackPriceWhenPricingIsDownAndNothingIsCached() {
    pricingService.close();

    Receipt receipt = checkout.checkout("book-1", 3);

    assertThat(receipt.priceSource()).isEqualTo(PriceSource.FALLBACK);
    assertThat(receipt.total()).isEqualByComparingTo("29.97");
  }

  @Test
  void givesUpOnSlowPricingWithinItsBudget() {
    // Pricing would answer after 3 s; a checkout that waited for it would charge the live price.
    pricing.delay(3_000);

    Receipt receipt = checkout.checkout("book-1", 1);

    assertThat(receipt.priceSource()).isEqualTo(PriceSource.FALLBACK);
    assertThat(pricing.target().counters().delayed()).isEqualTo(1);
  }
}
