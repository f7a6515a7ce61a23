package io.github.faultexperiment.emulator.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ActionEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /_emulator/local-targets}: list ({@code GET}), register ({@code POST {"resource",
 * "upstream", "subnet", "tags", "attributes", "port"}}) and remove ({@code DELETE ?resource=…})
 * targets; {@code GET /_emulator/local-targets/reach?experiment=ID} says where each action of an
 * experiment reached, {@code GET /_emulator/local-targets/traffic?experiment=ID} what its faults
 * did to each target's traffic; {@code GET}/{@code PUT /_emulator/local-targets/timings} reads and
 * sets the recovery windows (ISO-8601, partial); {@code POST /_emulator/local-targets/preview} says
 * where an action would reach. Errors answer {@code {"message": …}}.
 */
final class LocalTargetsResource {
  static final String PATH = "/_emulator/local-targets";

  private final LocalTargets targets;

  LocalTargetsResource(LocalTargets targets) {
    this.targets = targets;
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    if (path.equals(PATH + "/reach") || path.equals(PATH + "/traffic")) {
      if (!"GET".equals(method)) {
        notAllowed(exchange, "GET");
        return;
      }
      String experiment = query.get("experiment");
      if (path.endsWith("/reach")) {
        List<FaultReach> reach = experiment == null ? targets.reaches() : targets.reach(experiment);
        send(exchange, 200, Map.of("reach", reach));
      } else if (experiment == null) {
        send(exchange, 400, error("traffic needs ?experiment=ID, the experiment's id"));
      } else {
        send(
            exchange,
            200,
            Map.of("experimentId", experiment, "traffic", targets.traffic(experiment)));
      }
      return;
    }
    if (path.equals(PATH + "/preview")) {
      preview(exchange, method);
      return;
    }
    if (path.equals(PATH + "/timings")) {
      timings(exchange, method);
      return;
    }
    if (!path.equals(PATH) && !path.equals(PATH + "/")) {
      send(exchange, 404, error("no such resource " + path + "; try " + PATH));
      return;
    }
    switch (method) {
      case "GET" -> {
        List<TargetView> views = targets.all().stream().map(LocalTargetsResource::view).toList();
        send(exchange, 200, Map.of("localTargets", views));
      }
      case "POST" -> register(exchange);
      case "DELETE" -> {
        String resource = query.get("resource");
        if (resource == null || resource.isBlank()) {
          send(exchange, 400, error("DELETE needs ?resource=ARN_OR_NAME, URL-encoded"));
        } else if (targets.remove(resource)) {
          send(exchange, 200, Map.of("removed", resource));
        } else {
          send(exchange, 404, error("no local target stands for " + resource));
        }
      }
      default -> notAllowed(exchange, "GET, POST, DELETE");
    }
  }

  private void register(HttpExchange exchange) throws IOException {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
    } catch (IOException e) {
      send(exchange, 400, error("the body must be JSON: " + e.getMessage()));
      return;
    }
    if (body == null || !body.isObject()) {
      send(exchange, 400, error("the body must be a JSON object {\"resource\", \"upstream\"}"));
      return;
    }
    String resource = body.path("resource").asText(null);
    String upstream = body.path("upstream").asText(null);
    if (resource == null || upstream == null) {
      send(
          exchange,
          400,
          error(
              "resource (an ARN or Google resource name) and upstream (tcp://HOST:PORT or"
                  + " http://HOST:PORT) are required"));
      return;
    }
    LocalTarget target;
    try {
      URI upstreamUri;
      try {
        upstreamUri = new URI(upstream);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "upstream must be tcp://HOST:PORT or http://HOST:PORT, was " + upstream, e);
      }
      LocalTargetSpec spec =
          new LocalTargetSpec(
              resource,
              upstreamUri,
              body.path("subnet").asText(null),
              textMap(body.get("tags")),
              textMap(body.get("attributes")),
              port(body.get("port")));
      target = targets.register(spec);
    } catch (IllegalArgumentException e) {
      boolean conflict = e.getMessage() != null && e.getMessage().contains("already registered");
      send(exchange, conflict ? 409 : 400, error(e.getMessage()));
      return;
    }
    send(exchange, 201, view(target));
  }

  /**
   * {@code POST {"api": "fis", "actionType": "aws:ecs:stop-task", "parameters": {…}, "targets":
   * [ARN…]}}: where that action would reach now, nothing switched on.
   */
  private void preview(HttpExchange exchange, String method) throws IOException {
    if (!"POST".equals(method)) {
      notAllowed(exchange, "POST");
      return;
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
    } catch (IOException e) {
      send(exchange, 400, error("the body must be JSON: " + e.getMessage()));
      return;
    }
    if (body == null || !body.hasNonNull("actionType")) {
      send(
          exchange,
          400,
          error(
              "preview needs {\"actionType\": \"aws:ecs:stop-task\", \"parameters\": {…},"
                  + " \"targets\": [\"ARN or resource name\", …]}"));
      return;
    }
    String actionType = body.get("actionType").asText();
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters =
        body.has("parameters")
            ? Json.MAPPER.convertValue(body.get("parameters"), Map.class)
            : Map.of();
    List<String> resources = new ArrayList<>();
    body.path("targets").forEach(target -> resources.add(target.asText()));
    ActionEvent event =
        new ActionEvent(
            body.path("api").asText(actionType.startsWith("aws:") ? "fis" : "faulttesting"),
            body.path("experimentId").asText("preview"),
            body.path("actionName").asText(actionType),
            actionType,
            parameters,
            resources);
    send(exchange, 200, targets.preview(event));
  }

  /** {@code GET}/{@code PUT {"failover": "PT30S", "reboot": …, "replacement": …}} (partial). */
  private void timings(HttpExchange exchange, String method) throws IOException {
    if ("PUT".equals(method)) {
      try {
        JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        LocalTimings current = targets.timings();
        targets.timings(
            new LocalTimings(
                duration(body, "failover", current.failover()),
                duration(body, "reboot", current.reboot()),
                duration(body, "replacement", current.replacement())));
      } catch (IOException | IllegalArgumentException e) {
        send(exchange, 400, error(e.getMessage()));
        return;
      }
    } else if (!"GET".equals(method)) {
      notAllowed(exchange, "GET, PUT");
      return;
    }
    LocalTimings timings = targets.timings();
    send(
        exchange,
        200,
        Map.of(
            "failover", timings.failover().toString(),
            "reboot", timings.reboot().toString(),
            "replacement", timings.replacement().toString()));
  }

  /**
   * The cloud port, {@code 0} when absent; Jackson's {@code asInt} would read anything else that is
   * not a whole number (text, a fraction) as 0, "any port", silently.
   */
  private static int port(JsonNode value) {
    if (value == null || value.isNull()) {
      return 0;
    }
    String text = value.asText();
    if ((value.isIntegralNumber() && value.canConvertToInt())
        || (value.isTextual() && text.matches("\\d{1,5}"))) {
      return Integer.parseInt(text);
    }
    throw new IllegalArgumentException(
        "port must be the resource's cloud port, 1 to 65535, or 0 for any; was " + value);
  }

  private static Duration duration(JsonNode body, String name, Duration otherwise) {
    JsonNode value = body == null ? null : body.get(name);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    try {
      return Duration.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration such as PT30S, was '" + value.asText() + "'", e);
    }
  }

  private static TargetView view(LocalTarget target) {
    return new TargetView(
        target.kind().name(),
        target.type(),
        target.resource(),
        target.backendService().orElse(null),
        target.address(),
        target.uri().toString(),
        target.upstream().toString(),
        target.subnet().orElse(null),
        target.tags(),
        target.counters(),
        target.activeFaults().stream().map(LocalTargetsResource::view).toList());
  }

  private static Map<String, Object> view(LocalFault fault) {
    Map<String, Object> view = new LinkedHashMap<>();
    if (fault instanceof LocalFault.Delay delay) {
      view.put("type", "delay");
      view.put("delayMillis", delay.delay().toMillis());
    } else if (fault instanceof LocalFault.Abort abort) {
      view.put("type", "abort");
      view.put("statusCode", abort.statusCode());
      view.put("callUpstream", abort.callUpstream());
    } else if (fault instanceof LocalFault.Respond respond) {
      view.put("type", "respond");
      view.put("statusCode", respond.statusCode());
      view.put("contentType", respond.contentType());
      view.put("callUpstream", respond.callUpstream());
    } else if (fault instanceof LocalFault.Latency latency) {
      view.put("type", "latency");
      view.put("delayMillis", latency.delay().toMillis());
      view.put("jitterMillis", latency.jitter().toMillis());
    } else if (fault instanceof LocalFault.PacketLoss) {
      view.put("type", "packetLoss");
    } else if (fault instanceof LocalFault.Blackhole hole) {
      view.put("type", "blackhole");
      view.put("port", hole.port());
    } else if (fault instanceof LocalFault.Down down) {
      view.put("type", "down");
      view.put("cause", down.cause());
      view.put("recoveryMillis", down.recovery() == null ? null : down.recovery().toMillis());
    } else if (fault instanceof LocalFault.ConnectionFailure) {
      view.put("type", "connectionFailure");
    } else if (fault instanceof LocalFault.ApiError api) {
      view.put("type", "apiError");
      view.put("service", api.service());
      view.put("operations", api.operations());
      view.put("error", api.kind().name());
    }
    view.put("percentage", fault.percentage());
    return view;
  }

  private static Map<String, String> textMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        query.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static Map<String, String> error(String message) {
    return Map.of("message", message);
  }

  private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
    exchange.getResponseHeaders().set("Allow", allow);
    send(exchange, 405, error("method not allowed; use " + allow));
  }

  private static void send(HttpExchange exchange, int status, Object value) throws IOException {
    byte[] body = Json.MAPPER.writeValueAsBytes(value);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** One target as JSON shows it. */
  record TargetView(
      String kind,
      String type,
      String resource,
      String backendService,
      String address,
      String uri,
      String upstream,
      String subnet,
      Map<String, String> tags,
      LocalTargetCounters counters,
      List<Map<String, Object>> activeFaults) {}

  /**
   * Created with the first request for the resource: initialising Jackson takes a cold JVM about
   * half a second, which every emulator start would otherwise pay.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
