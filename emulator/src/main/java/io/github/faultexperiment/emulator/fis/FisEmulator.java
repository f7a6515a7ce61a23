package io.github.faultexperiment.emulator.fis;

import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.EmulatorSettings;
import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

/** The emulated AWS Fault Injection Service (and the S3 endpoint that serves its reports). */
public final class FisEmulator {
  /**
   * Creates the FIS emulator.
   *
   * @param settings emulator settings (credentials)
   * @param endpoint the emulator's base URL, known once the server is bound
   */
  public FisEmulator(EmulatorSettings settings, Supplier<URI> endpoint) {}

  /**
   * Answers one FIS, S3 or {@code /_emulator/fis/} request.
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
