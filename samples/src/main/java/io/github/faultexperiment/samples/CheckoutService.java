package io.github.faultexperiment.samples;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checkout that survives a slow or failing pricing service: every price lookup has a time budget,
 * failed attempts are retried within that budget, and when pricing still does not answer the
 * checkout charges the last price it saw for the SKU, or else a fallback price.
 *
 * <pre>{@code
 * CheckoutService checkout = new CheckoutService(pricingUri, CheckoutService.Resilience.defaults());
 * Receipt receipt = checkout.checkout("book-1", 2); // never waits much longer than the budget
 * }</pre>
 */
public final class CheckoutService {

  /**
   * How hard the checkout tries before it falls back.
   *
   * @param timeout the time budget of one price lookup, retries included
   * @param attempts how many calls to pricing one lookup makes at most
   * @param backoff the pause between attempts
   * @param fallbackPrice what to charge when pricing fails and no price is cached
   */
  public record Resilience(
      Duration timeout, int attempts, Duration backoff, BigDecimal fallbackPrice) {
    public Resilience {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
      }
    }

    /** 500 ms budget, 3 attempts 50 ms apart, fallback price 9.99. */
    public static Resilience defaults() {
      return new Resilience(
          Duration.ofMillis(500), 3, Duration.ofMillis(50), new BigDecimal("9.99"));
    }
  }

  private final PricingClient pricing;
  private final Resilience resilience;
  private final Map<String, BigDecimal> lastKnownPrices = new ConcurrentHashMap<>();

  /**
   * Creates a checkout.
   *
   * @param pricing the pricing service's base URL
   * @param resilience its timeout, retries and fallback
   */
  public CheckoutService(URI pricing, Resilience resilience) {
    this.pricing = new PricingClient(pricing);
    this.resilience = resilience;
  }

  /**
   * Charges {@code quantity} items of {@code sku}.
   *
   * @throws IllegalArgumentException when pricing answers that it does not know the SKU
   */
  public Receipt checkout(String sku, int quantity) {
    UnitPrice unit = unitPrice(sku);
    BigDecimal total = unit.amount().multiply(BigDecimal.valueOf(quantity));
    return new Receipt(sku, quantity, unit.amount(), total, unit.source());
  }

  private record UnitPrice(BigDecimal amount, PriceSource source) {}

  private UnitPrice unitPrice(String sku) {
    long deadline = System.nanoTime() + resilience.timeout().toNanos();
    for (int attempt = 1; attempt <= resilience.attempts(); attempt++) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        break;
      }
      try {
        Price price =
            pricing
                .price(sku, left)
                .orElseThrow(() -> new IllegalArgumentException("Unknown SKU " + sku));
        lastKnownPrices.put(sku, price.amount());
        return new UnitPrice(price.amount(), PriceSource.LIVE);
      } catch (PricingException e) {
        pause(min(resilience.backoff(), Duration.ofNanos(deadline - System.nanoTime())));
      }
    }
    return Optional.ofNullable(lastKnownPrices.get(sku))
        .map(cached -> new UnitPrice(cached, PriceSource.CACHED))
        .orElseGet(() -> new UnitPrice(resilience.fallbackPrice(), PriceSource.FALLBACK));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void pause(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
