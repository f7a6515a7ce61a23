package io.github.faultexperiment.samples;

/** The pricing service could not give a price. */
public final class PricingException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the SKU
   * @param cause the underlying failure, or {@code null}
   */
  public PricingException(String message, Throwable cause) {
    super(message, cause);
  }
}
