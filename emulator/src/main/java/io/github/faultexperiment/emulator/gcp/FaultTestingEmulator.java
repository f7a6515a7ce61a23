package io.github.faultexperiment.emulator.gcp;

import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.EmulatorSettings;
import java.io.IOException;

/** The emulated Google Cloud Fault Testing API ({@code faulttesting.googleapis.com} v1alpha). */
public final class FaultTestingEmulator {
  /**
   * Creates the Fault Testing emulator.
   *
   * @param settings emulator settings
   */
  public FaultTestingEmulator(EmulatorSettings settings) {}

  /**
   * Answers one {@code /v1alpha/…} or {@code /_emulator/gcp/…} request.
   *
   * @param exchange the request
   * @throws IOException when the response cannot be written
   */
  public void handle(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(501, -1);
  }

  /** Forgets all state. */
  public void reset() {}

  /** Ends the scheduler. */
  public void close() {}
}
