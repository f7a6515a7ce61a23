package io.github.faultexperiment.samples;

/** The inventory database could not give a stock level, and none was known. */
public final class InventoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InventoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
