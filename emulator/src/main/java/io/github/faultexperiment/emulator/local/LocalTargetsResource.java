package io.github.faultexperiment.emulator.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /_emulator/local-targets}: every target, its counters and active faults, as JSON. */
final class LocalTargetsResource {

  private final LocalTargets targets;

  LocalTargetsResource(LocalTargets targets) {
    this.targets = targets;
  }

  void handle(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      exchange.sendResponseHeaders(405, -1);
      return;
    }
    List<TargetView> views = targets.all().stream().map(LocalTargetsResource::view).toList();
    byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("localTargets", views));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static TargetView view(LocalTarget target) {
    return new TargetView(
        target.kind().name(),
        target.resource(),
        target.backendService().orElse(null),
        target.uri().toString(),
        target.upstream().toString(),
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
    }
    view.put("percentage", fault.percentage());
    return view;
  }

  /** One target as JSON shows it. */
  record TargetView(
      String kind,
      String resource,
      String backendService,
      String uri,
      String upstream,
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
