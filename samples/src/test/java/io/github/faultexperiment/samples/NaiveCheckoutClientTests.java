package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NaiveCheckoutClientTests {
  private final PricingService pricingService =
      PricingService.start(Map.of("book-1", new BigDecimal("12.50")));
  private final PricingFaults pricing = new PricingFaults(pricingService.uri());
  private final NaiveCheckoutClient checkout = new NaiveCheckoutClient(pricing.uri());

  @AfterEach
  void stop() {
    pricing.close();
    pricingService.close();
  }

  @Test
  void chargesTheLivePriceWhilePricingIsHealthy() {
    assertThat(checkout.checkout("book-1", 2).total()).isEqualByComparingTo("25.00");
  }

  @Test
  void failsTheCheckoutWhenPricingFails() {
    pricing.fail(100);

    assertThatThrownBy(() -> checkout.checkout("book-1", 1))
        .isInstanceOf(PricingException.class)
        .hasMessage("Pricing answered 502 for book-1");
  }

  @Test
  void waitsAsLongAsPricingTakes() {
    pricing.delay(300);

    Receipt receipt = checkout.checkout("book-1", 1);

    // Live, not a fallback: the client sat through the whole delay.
    assertThat(receipt.priceSource()).isEqualTo(PriceSource.LIVE);
    assertThat(pricing.target().counters().delayed()).isEqualTo(1);
  }
}
