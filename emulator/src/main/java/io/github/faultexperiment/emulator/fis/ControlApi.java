package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ApiFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The FIS test controls over HTTP, under {@code /_emulator/fis/}: the same controls as the Java API
 * of {@link FisEmulator}, for the standalone emulator. Not part of the AWS API; not signed.
 */
final class ControlApi {
  static final String PREFIX = "/_emulator/fis/";

  private final FisEmulator fis;

  ControlApi(FisEmulator fis) {
    this.fis = fis;
  }

  void handle(HttpExchange exchange) throws IOException {
    AwsRequest request = AwsRequest.read(exchange);
    String method = request.method();
    List<String> path = request.pathLabels().subList(2, request.pathLabels().size());
    String resource = String.join("/", path);
    try {
      JsonNode answer =
          switch (method + " " + (path.isEmpty() ? "" : path.get(0))) {
            case "GET experiments" -> experiments(request, path);
            case "POST experiments" -> experimentControl(request, path);
            case "GET timings", "PUT timings", "POST timings" -> timings(request);
            case "POST api-faults" -> injectFault(Json.readObject(request.body()));
            case "DELETE api-faults" -> done(fis::clearApiFaults);
            case "POST resources" -> registerResource(Json.readObject(request.body()));
            case "POST templates" -> createTemplate(request);
            case "GET counters" -> Json.MAPPER.valueToTree(fis.requestCounts());
            case "DELETE counters" -> done(fis::resetCounters);
            case "GET account", "PUT account" -> account(request);
            case "GET report-outcome", "PUT report-outcome" -> reportOutcome(request);
            case "POST reset" -> done(fis::reset);
            default ->
                throw new ControlException(404, "No FIS test control " + method + " " + resource);
          };
      AwsDispatcher.send(exchange, 200, "application/json", Json.write(answer));
    } catch (ControlException e) {
      sendMessage(exchange, e.status, e.getMessage());
    } catch (IllegalArgumentException | ApiException e) {
      sendMessage(exchange, 400, e.getMessage());
    }
  }

  private JsonNode experiments(AwsRequest request, List<String> path) {
    boolean activeOnly = "true".equals(request.queryParameter("active"));
    return Json.MAPPER.valueToTree(activeOnly ? fis.activeExperiments() : fis.experiments());
  }

  private JsonNode experimentControl(AwsRequest request, List<String> path) {
    if (path.size() != 3) {
      throw new ControlException(404, "Use POST " + PREFIX + "experiments/{id}/end or …/{id}/fail");
    }
    ObjectNode body = Json.readObject(request.body());
    String id = path.get(1);
    boolean changed =
        switch (path.get(2)) {
          case "end" -> fis.endExperiment(id, text(body, "alarmArn"));
          case "fail" -> fis.failExperiment(id, text(body, "code"), text(body, "reason"));
          default ->
              throw new ControlException(
                  404, "Unknown experiment control '" + path.get(2) + "'; use end or fail");
        };
    ObjectNode answer = Json.object();
    answer.put("changed", changed);
    return answer;
  }

  private JsonNode timings(AwsRequest request) {
    if (!request.method().equals("GET")) {
      ObjectNode body = Json.readObject(request.body());
      FisTimings current = fis.timings();
      fis.timings(
          new FisTimings(
              duration(body, "pendingToInitiating", current.pendingToInitiating()),
              duration(body, "initiatingToRunning", current.initiatingToRunning()),
              duration(body, "actionDuration", current.actionDuration()),
              duration(body, "stoppingToStopped", current.stoppingToStopped()),
              duration(body, "reportPendingToRunning", current.reportPendingToRunning()),
              duration(body, "reportRunningToCompleted", current.reportRunningToCompleted()),
              duration(body, "templateMinute", current.templateMinute())));
    }
    FisTimings timings = fis.timings();
    ObjectNode answer = Json.object();
    answer.put("pendingToInitiating", timings.pendingToInitiating().toString());
    answer.put("initiatingToRunning", timings.initiatingToRunning().toString());
    answer.put("actionDuration", timings.actionDuration().toString());
    answer.put("stoppingToStopped", timings.stoppingToStopped().toString());
    answer.put("reportPendingToRunning", timings.reportPendingToRunning().toString());
    answer.put("reportRunningToCompleted", timings.reportRunningToCompleted().toString());
    answer.put("templateMinute", timings.templateMinute().toString());
    return answer;
  }

  private JsonNode injectFault(ObjectNode body) {
    ApiFault.Kind kind;
    try {
      kind = ApiFault.Kind.valueOf(text(body, "kind").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "kind must be one of THROTTLE, SERVER_ERROR, UNAVAILABLE, LATENCY, CONNECTION_RESET");
    }
    fis.injectApiFault(
        new ApiFault(
            body.path("operation").asText("*"),
            kind,
            body.path("rate").asDouble(1.0),
            duration(body, "latency", Duration.ZERO),
            body.path("remaining").asInt(-1)));
    return Json.object();
  }

  private JsonNode registerResource(ObjectNode body) {
    fis.registerResource(
        new RegisteredResource(
            text(body, "arn"),
            text(body, "resourceType"),
            Json.stringMap(body, "", "tags"),
            Json.stringMap(body, "", "attributes")));
    return Json.object();
  }

  private JsonNode createTemplate(AwsRequest request) {
    ObjectNode answer = Json.object();
    String region = request.queryParameter("region");
    String json = new String(request.body(), StandardCharsets.UTF_8);
    answer.put("id", region == null ? fis.createTemplate(json) : fis.createTemplate(region, json));
    return answer;
  }

  private JsonNode account(AwsRequest request) {
    if (request.method().equals("PUT")) {
      fis.account(text(Json.readObject(request.body()), "account"));
    }
    ObjectNode answer = Json.object();
    answer.put("account", fis.account());
    return answer;
  }

  private JsonNode reportOutcome(AwsRequest request) {
    if (request.method().equals("PUT")) {
      String outcome = text(Json.readObject(request.body()), "outcome");
      try {
        fis.reportOutcome(ReportOutcome.valueOf(outcome.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "outcome must be one of "
                + Arrays.toString(ReportOutcome.values())
                + ", was '"
                + outcome
                + "'",
            e);
      }
    }
    ObjectNode answer = Json.object();
    answer.put("outcome", fis.reportOutcome().name());
    return answer;
  }

  private static JsonNode done(Runnable action) {
    action.run();
    return Json.object();
  }

  private static String text(ObjectNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("Member '" + member + "' (a string) is required");
    }
    return value.asText();
  }

  private static Duration duration(ObjectNode body, String member, Duration fallback) {
    JsonNode value = body.get(member);
    if (value == null || value.isNull()) {
      return fallback;
    }
    return Json.duration(value.asText(), member);
  }

  private static void sendMessage(HttpExchange exchange, int status, String message)
      throws IOException {
    ObjectNode body = Json.object();
    body.put("message", message);
    AwsDispatcher.send(exchange, status, "application/json", Json.write(body));
  }

  private static final class ControlException extends RuntimeException {
    private final int status;

    ControlException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
