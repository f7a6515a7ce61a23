package io.github.faultexperiment.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.faultexperiment.emulator.fis.FisEmulator;
import io.github.faultexperiment.emulator.gcp.FaultTestingEmulator;
import io.github.faultexperiment.emulator.k8s.ChaosMeshEmulator;
import io.github.faultexperiment.emulator.local.LocalTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends each request to the API its path belongs to. */
final class FrontDoor implements HttpHandler {
  private final FisEmulator fis;
  private final FaultTestingEmulator faultTesting;
  private final ChaosMeshEmulator chaosMesh;
  private final LocalTargets localTargets;
  private final Runnable reset;

  FrontDoor(
      FisEmulator fis,
      FaultTestingEmulator faultTesting,
      ChaosMeshEmulator chaosMesh,
      LocalTargets localTargets,
      Runnable reset) {
    this.fis = fis;
    this.faultTesting = faultTesting;
    this.chaosMesh = chaosMesh;
    this.localTargets = localTargets;
    this.reset = reset;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (path.equals("/_emulator/reset")) {
        // Test control: forget the state of every engine at once.
        reset.run();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } else if (path.startsWith("/v1alpha/") || path.startsWith("/_emulator/gcp/")) {
        faultTesting.handle(exchange);
      } else if (path.startsWith("/_emulator/document-effects")) {
        localTargets.handleDocumentEffects(exchange);
      } else if (ChaosMeshEmulator.serves(path)) {
        // The Kubernetes API (/version, /api…, /apis…) and /_emulator/chaos-mesh/.
        chaosMesh.handle(exchange);
      } else if (path.startsWith("/_emulator/local-targets")) {
        localTargets.handle(exchange);
      } else {
        // FIS, its S3 reports and the FIS test controls.
        fis.handle(exchange);
      }
    }
  }
}
