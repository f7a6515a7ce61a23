package io.github.faultexperiment.emulator.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /_emulator/document-effects}: list ({@code GET}), declare ({@code POST {"document",
 * "effects": [{"target", "fault", …}]}}) and forget ({@code DELETE ?document=NAME}) what a team's
 * own SSM documents do locally. Errors answer {@code {"message": …}}.
 */
final class DocumentEffectsResource {
  static final String PATH = "/_emulator/document-effects";

  private final LocalTargets targets;

  DocumentEffectsResource(LocalTargets targets) {
    this.targets = targets;
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (!path.equals(PATH) && !path.equals(PATH + "/")) {
      send(exchange, 404, error("no such resource " + path + "; try " + PATH));
      return;
    }
    switch (exchange.getRequestMethod()) {
      case "GET" ->
          send(
              exchange,
              200,
              Map.of(
                  "documentEffects",
                  targets.documentEffects().stream().map(DocumentEffectsResource::view).toList()));
      case "POST" -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
          send(exchange, 201, view(targets.declare(body)));
        } catch (IllegalArgumentException e) {
          send(exchange, 400, error(e.getMessage()));
        }
      }
      case "DELETE" -> {
        String document = document(exchange.getRequestURI().getRawQuery());
        if (document == null) {
          send(exchange, 400, error("DELETE needs ?document=NAME"));
        } else if (targets.undeclare(document)) {
          send(exchange, 200, Map.of("removed", document));
        } else {
          send(exchange, 404, error("no declaration for document " + document));
        }
      }
      default -> {
        exchange.getResponseHeaders().set("Allow", "GET, POST, DELETE");
        send(exchange, 405, error("method not allowed; use GET, POST, DELETE"));
      }
    }
  }

  private static Map<String, Object> view(DocumentEffect effect) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("document", effect.document());
    List<Map<String, Object>> effects =
        effect.effects().stream().map(DeclaredFaults::view).toList();
    view.put("effects", effects);
    return view;
  }

  private static String document(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("document=") && pair.length() > "document=".length()) {
        return URLDecoder.decode(pair.substring("document=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static Map<String, String> error(String message) {
    return Map.of("message", message);
  }

  private static void send(HttpExchange exchange, int status, Object value) throws IOException {
    byte[] body = Json.MAPPER.writeValueAsBytes(value);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Created on first use: initialising Jackson costs a cold JVM about half a second. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
