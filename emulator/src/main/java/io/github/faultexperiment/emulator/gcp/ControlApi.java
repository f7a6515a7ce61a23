package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ApiFault;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The test controls over HTTP, under {@code /_emulator/gcp/} — for tests and tools outside the JVM
 * (the standalone emulator). Each mirrors a method of {@link FaultTestingEmulator}.
 */
final class ControlApi {
  static final String PREFIX = "/_emulator/gcp/";

  private final FaultTestingEmulator emulator;

  ControlApi(FaultTestingEmulator emulator) {
    this.emulator = emulator;
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
    String method = exchange.getRequestMethod();
    try {
      JsonNode body = Json.parse(HttpIo.body(exchange));
      Map<String, String> query = HttpIo.query(exchange);
      HttpIo.send(exchange, 200, answer(method + " " + path, body, query));
    } catch (ApiException e) {
      HttpIo.sendError(exchange, e);
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      HttpIo.sendError(
          exchange,
          new ApiException(
              RpcCode.INVALID_ARGUMENT,
              "INVALID_ARGUMENT",
              String.valueOf(e.getMessage()),
              Map.of("control", path),
              null));
    }
  }

  private JsonNode answer(String request, JsonNode body, Map<String, String> query) {
    switch (request) {
      case "GET timings":
        return timingsJson(emulator.timings());
      case "PUT timings", "POST timings":
        emulator.timings(timings(body));
        return timingsJson(emulator.timings());
      case "POST apiFaults":
        emulator.injectApiFault(apiFault(body));
        return Json.object();
      case "DELETE apiFaults":
        emulator.clearApiFaults();
        return Json.object();
      case "POST failAffectedResource":
        emulator.failAffectedResource(text(body, "experiment"), text(body, "message"));
        return Json.object();
      case "GET experiments":
        return experimentsJson(
            "true".equals(query.get("active"))
                ? emulator.activeExperiments()
                : emulator.experiments());
      case "GET requests":
        ObjectNode counts = Json.object();
        emulator.requestCounts().forEach(counts::put);
        ObjectNode answer = Json.object();
        answer.set("requests", counts);
        return answer;
      case "POST templates":
        ObjectNode created = Json.object();
        created.put(
            "name",
            emulator.createTemplate(
                text(body, "project"),
                text(body, "location"),
                text(body, "templateId"),
                Json.write(body.path("template"))));
        return created;
      case "POST unreachableLocations":
        emulator.makeLocationUnreachable(text(body, "project"), text(body, "location"));
        return Json.object();
      case "POST rejectedResources":
        emulator.rejectResource(text(body, "resource"), text(body, "message"));
        return Json.object();
      case "POST deniedProjects":
        emulator.denyProject(text(body, "project"), text(body, "message"));
        return Json.object();
      case "PUT auth", "POST auth":
        emulator.requireBearerToken(body.path("bearerToken").asText(null));
        return Json.object();
      case "POST reset":
        emulator.reset();
        return Json.object();
      default:
        throw new ApiException(
            RpcCode.NOT_FOUND,
            "CONTROL_NOT_FOUND",
            "No emulator control answers "
                + request
                + "; see docs/emulator-gcp.md for the /_emulator/gcp/ controls.",
            Map.of(),
            null);
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' (a string) is required");
    }
    return value.asText();
  }

  private static FaultTestingTimings timings(JsonNode body) {
    FaultTestingTimings current = FaultTestingTimings.DEFAULT;
    return new FaultTestingTimings(
        duration(body, "preparing", current.preparing()),
        duration(body, "injecting", current.injecting()),
        duration(body, "reverting", current.reverting()),
        duration(body, "maxInjection", null));
  }

  private static Duration duration(JsonNode body, String field, Duration fallback) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? fallback : Json.parseDuration(value.asText(), field);
  }

  private static ObjectNode timingsJson(FaultTestingTimings timings) {
    ObjectNode json = Json.object();
    json.put("preparing", Json.formatDuration(timings.preparing()));
    json.put("injecting", Json.formatDuration(timings.injecting()));
    json.put("reverting", Json.formatDuration(timings.reverting()));
    if (timings.maxInjection() != null) {
      json.put("maxInjection", Json.formatDuration(timings.maxInjection()));
    }
    return json;
  }

  private static ApiFault apiFault(JsonNode body) {
    String kind = text(body, "kind");
    ApiFault.Kind parsed;
    try {
      parsed = ApiFault.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown kind '" + kind + "'; one of " + List.of(ApiFault.Kind.values()), e);
    }
    JsonNode latency = body.get("latency");
    return new ApiFault(
        body.path("operation").asText("*"),
        parsed,
        body.path("rate").asDouble(1.0),
        latency == null ? Duration.ZERO : Json.parseDuration(latency.asText(), "latency"),
        body.path("remaining").asInt(-1));
  }

  private static ObjectNode experimentsJson(List<FaultTestingExperiment> records) {
    ObjectNode answer = Json.object();
    ArrayNode list = answer.putArray("experiments");
    for (FaultTestingExperiment record : records) {
      ObjectNode json = list.addObject();
      json.put("name", record.name());
      json.put("experimentId", record.experimentId());
      json.put("experimentTemplate", record.experimentTemplate());
      json.put("displayName", record.displayName());
      json.put("state", record.state());
      json.put("endReason", record.endReason());
      json.put("endNotes", record.endNotes());
      json.put("createTime", timestamp(record.createTime()));
      json.put("startTime", timestamp(record.startTime()));
      json.put("stopTime", timestamp(record.stopTime()));
    }
    return answer;
  }

  private static String timestamp(Instant instant) {
    return instant == null ? null : Json.formatTimestamp(instant);
  }
}
