package io.github.faultexperiment.samples;

import java.math.BigDecimal;
import java.net.URI;

/**
 * A checkout written the way many are: one call to pricing, no timeout, no retry, no fallback. It
 * is here to show what a chaos test catches: under a pricing delay it hangs as long as pricing
 * does, and under a pricing error the checkout fails.
 */
public final class NaiveCheckoutClient {
  private final PricingClient pricing;

  /**
   * Creates the client.
   *
   * @param pricing the pricing service's base URL
   */
  public NaiveCheckoutClient(URI pricing) {
    this.pricing = new PricingClient(pricing);
  }

  /**
   * Charges {@code quantity} items of {@code sku}.
   *
   * @throws PricingException whenever pricing fails
   * @throws IllegalArgumentException when pricing does not know the SKU
   */
  public Receipt checkout(String sku, int quantity) {
    Price price =
        pricing
            .price(sku, null)
            .orElseThrow(() -> new IllegalArgumentException("Unknown SKU " + sku));
    return new Receipt(
        sku,
        quantity,
        price.amount(),
        price.amount().multiply(BigDecimal.valueOf(quantity)),
        PriceSource.LIVE);
  }
}
