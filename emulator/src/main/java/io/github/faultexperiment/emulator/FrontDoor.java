package io.github.faultexperiment.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.faultexperiment.emulator.fis.FisEmulator;
import io.github.faultexperiment.emulator.gcp.FaultTestingEmulator;
import io.github.faultexperiment.emulator.local.LocalTargets;
import java.io.IOException;

/** Sends each request to the API its path belongs to. */
final class FrontDoor implements HttpHandler {
  private final FisEmulator fis;
  private final FaultTestingEmulator faultTesting;
  private final LocalTargets localTargets;

  FrontDoor(FisEmulator fis, FaultTestingEmulator faultTesting, LocalTargets localTargets) {
    this.fis = fis;
    this.faultTesting = faultTesting;
    this.localTargets = localTargets;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (path.startsWith("/v1alpha/") || path.startsWith("/_emulator/gcp/")) {
        faultTesting.handle(exchange);
      } else if (path.equals("/_emulator/local-targets")) {
        localTargets.handle(exchange);
      } else {
        // FIS, its S3 reports and the FIS test controls.
        fis.handle(exchange);
      }
    }
  }
}
