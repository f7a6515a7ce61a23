package io.github.faultexperiment.samples;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;

/**
 * The pricing service the chaos tests run offline in the pricing function's and load balancer's
 * place ({@code book-1} at 12.50, {@code pen-1} at 2.00): one per JVM, started on first use — only
 * offline, as the upstream of an {@code Endpoints} local target — and stopped with the JVM.
 */
final class LocalPricing {
  private LocalPricing() {}

  /** Where the local pricing service listens; starts it on the first call. */
  static URI uri() {
    return Holder.SERVICE.uri();
  }

  private static final class Holder {
    static final PricingService SERVICE = start();

    private static PricingService start() {
      PricingService service =
          PricingService.start(
              Map.of("book-1", new BigDecimal("12.50"), "pen-1", new BigDecimal("2.00")));
      // A cold JVM's first HTTP call can take longer than the checkout's budget: pay for it here.
      new NaiveCheckoutClient(service.uri()).checkout("book-1", 1);
      return service;
    }
  }
}
