package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.GoDuration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test controls over HTTP, under {@code /_emulator/chaos-mesh/} — for tests and tools outside
 * the JVM. Each mirrors a method of {@link ChaosMeshEmulator}; errors answer 400 {@code {"message":
 * …}}.
 */
final class ControlApi {
  static final String PREFIX = "/_emulator/chaos-mesh/";

  private final ChaosMeshEmulator emulator;

  ControlApi(ChaosMeshEmulator emulator) {
    this.emulator = emulator;
  }

  void handle(HttpExchange exchange) throws IOException {
    String control = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
    String request = exchange.getRequestMethod() + " " + control;
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    try {
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        body = Json.parse(in.readAllBytes());
      }
      KubernetesApi.send(exchange, 200, answer(request, body, query));
    } catch (IllegalArgumentException | NullPointerException | StatusException e) {
      ObjectNode error = Json.object();
      error.put("message", String.valueOf(e.getMessage()));
      KubernetesApi.send(exchange, 400, error);
    }
  }

  private JsonNode answer(String request, JsonNode body, Map<String, String> query) {
    switch (request) {
      case "GET timings":
        return timingsJson(emulator.timings());
      case "PUT timings", "POST timings":
        ChaosMeshTimings current = emulator.timings();
        emulator.timings(
            new ChaosMeshTimings(
                duration(body, "selection", current.selection()),
                duration(body, "injection", current.injection()),
                duration(body, "recovery", current.recovery()),
                duration(body, "conditions", current.conditions())));
        return timingsJson(emulator.timings());
      case "POST injectionFailures":
        emulator.failInjection(text(body, "namespace"), text(body, "name"), message(body));
        return Json.object();
      case "POST recoveryFailures":
        emulator.failRecovery(text(body, "namespace"), text(body, "name"), message(body));
        return Json.object();
      case "POST createRefusals":
        emulator.refuseCreates(
            body.path("user").asText("system:serviceaccount:default:fault-experiment-tests"));
        return Json.object();
      case "DELETE createRefusals":
        emulator.allowCreates();
        return Json.object();
      case "DELETE failures":
        emulator.clearFailures(query.get("namespace"), query.get("name"));
        return Json.object();
      case "GET pods":
        ObjectNode pods = Json.object();
        ArrayNode list = pods.putArray("pods");
        emulator.pods().forEach(pod -> list.add(Json.MAPPER.valueToTree(pod)));
        return pods;
      case "POST pods":
        List<String> containers = new ArrayList<>();
        body.path("containers").forEach(c -> containers.add(c.asText()));
        Map<String, String> labels = new LinkedHashMap<>();
        body.path("labels")
            .properties()
            .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        Pod pod = new Pod(text(body, "namespace"), text(body, "name"), labels, containers);
        emulator.addPod(pod);
        return Json.MAPPER.valueToTree(pod);
      case "DELETE pods":
        ObjectNode removed = Json.object();
        removed.put(
            "removed", emulator.removePod(required(query, "namespace"), required(query, "name")));
        return removed;
      case "GET objects":
        ObjectNode objects = Json.object();
        emulator.objects().forEach(objects.putArray("objects")::add);
        return objects;
      case "POST reset":
        emulator.reset();
        return Json.object();
      default:
        throw new IllegalArgumentException(
            "No emulator control answers "
                + request
                + "; see docs/emulator-chaos-mesh.md for the /_emulator/chaos-mesh/ controls.");
    }
  }

  private static String message(JsonNode body) {
    return body.path("message").asText("injected by the fault-experiment emulator");
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' (a string) is required");
    }
    return value.asText();
  }

  private static String required(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("?" + name + "= is required");
    }
    return value;
  }

  /** A Go duration ({@code 10ms}) or an ISO-8601 one ({@code PT0.01S}). */
  private static Duration duration(JsonNode body, String field, Duration otherwise) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    String text = value.asText();
    try {
      return text.startsWith("P") || text.startsWith("-P")
          ? Duration.parse(text)
          : GoDuration.parse(text);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field + " must be a duration such as 10ms or PT0.01S, was '" + text + "'", e);
    }
  }

  private static ObjectNode timingsJson(ChaosMeshTimings timings) {
    ObjectNode json = Json.object();
    json.put("selection", timings.selection().toString());
    json.put("injection", timings.injection().toString());
    json.put("recovery", timings.recovery().toString());
    json.put("conditions", timings.conditions().toString());
    return json;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }
}
