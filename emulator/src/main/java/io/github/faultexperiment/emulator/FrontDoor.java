package io.github.faultexperiment.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.faultexperiment.emulator.fis.FisEmulator;
import io.github.faultexperiment.emulator.gcp.FaultTestingEmulator;
import java.io.IOException;

/** Sends each request to the API its path belongs to. */
final class FrontDoor implements HttpHandler {
  private final FisEmulator fis;
  private final FaultTestingEmulator faultTesting;

  FrontDoor(FisEmulator fis, FaultTestingEmulator faultTesting) {
    this.fis = fis;
    this.faultTesting = faultTesting;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (path.startsWith("/v1alpha/") || path.startsWith("/_emulator/gcp/")) {
        faultTesting.handle(exchange);
      } else {
        // FIS, its S3 reports and the FIS test controls.
        fis.handle(exchange);
      }
    }
  }
}
