package io.github.faultexperiment.samples;

/** Where the checkout got the price it charged. */
public enum PriceSource {
  /** From the pricing service, just now. */
  LIVE,
  /** The last price the pricing service gave for this SKU: it did not answer in time. */
  CACHED,
  /** The checkout's fallback price: the pricing service did not answer and nothing was cached. */
  FALLBACK
}
