package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Endpoint.ID;
import static io.github.faultexperiment.emulator.gcp.Endpoint.PARENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.common.RequestCounters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** Serves {@code /v1alpha/…}: routing, API faults, access checks, and the JSON answers. */
final class FaultTestingApi {
  private static final System.Logger LOG = System.getLogger(FaultTestingApi.class.getName());
  private static final String PREFIX = "/v1alpha/";
  private static final String TEMPLATES = PARENT + "/experimentTemplates";
  private static final String EXPERIMENTS = PARENT + "/experiments";
  private static final String WINDOWS = PARENT + "/exclusionWindows";
  private static final String VALIDATIONS = PARENT + "/validations";

  private final List<Endpoint> endpoints;
  private final ApiFaults faults;
  private final RequestCounters counters;
  private final Access access;
  private final Locations locations;

  FaultTestingApi(
      TemplateStore templates,
      ExperimentStore experiments,
      ExperimentRunner runner,
      Validations validations,
      ExclusionWindows windows,
      ApiFaults faults,
      RequestCounters counters,
      Access access,
      Locations locations) {
    this.faults = faults;
    this.counters = counters;
    this.access = access;
    this.locations = locations;
    this.endpoints =
        List.of(
            Endpoint.of(
                    "GET",
                    "projects/([^/:]+)/locations",
                    "locations.list",
                    c ->
                        locations.list(
                            c.parent(),
                            c.param("filter"),
                            c.param("pageSize"),
                            c.param("pageToken")))
                .withQuery("filter", "pageSize", "pageToken", "extraLocationTypes"),
            Endpoint.of("GET", PARENT, "locations.get", c -> locations.get(c.resource())),
            Endpoint.of(
                    "POST",
                    TEMPLATES,
                    "experimentTemplates.create",
                    c -> templates.create(c.parent(), c.param("experimentTemplateId"), c.body()))
                .withQuery("experimentTemplateId"),
            Endpoint.of(
                    "GET",
                    TEMPLATES,
                    "experimentTemplates.list",
                    c -> templates.list(c.parent(), c.param("pageSize"), c.param("pageToken")))
                .withQuery("pageSize", "pageToken"),
            Endpoint.of(
                "GET",
                TEMPLATES + "/" + ID,
                "experimentTemplates.get",
                c -> templates.get(c.resource())),
            Endpoint.of(
                    "PATCH",
                    TEMPLATES + "/" + ID,
                    "experimentTemplates.patch",
                    c -> templates.patch(c.resource(), c.param("updateMask"), c.body()))
                .withQuery("updateMask"),
            Endpoint.of(
                "DELETE",
                TEMPLATES + "/" + ID,
                "experimentTemplates.delete",
                c -> {
                  templates.delete(c.resource());
                  return Json.object();
                }),
            Endpoint.of(
                    "POST",
                    EXPERIMENTS,
                    "experiments.create",
                    c -> runner.create(c.parent(), c.param("experimentId"), c.body()))
                .withQuery("experimentId"),
            Endpoint.of(
                    "GET",
                    EXPERIMENTS,
                    "experiments.list",
                    c ->
                        experiments.list(
                            c.parent(),
                            c.param("pageSize"),
                            c.param("pageToken"),
                            c.param("filter")))
                .withQuery("pageSize", "pageToken", "filter"),
            Endpoint.of(
                "POST",
                EXPERIMENTS + ":stopAll",
                "experiments.stopAll",
                c -> runner.stopAll(c.parent())),
            Endpoint.of(
                "GET",
                EXPERIMENTS + "/" + ID,
                "experiments.get",
                c -> experiments.get(c.resource())),
            Endpoint.of(
                    "DELETE",
                    EXPERIMENTS + "/" + ID,
                    "experiments.delete",
                    c -> {
                      experiments.delete(c.resource(), c.flag("force"));
                      return Json.object();
                    })
                .withQuery("force"),
            Endpoint.of(
                "POST",
                EXPERIMENTS + "/" + ID + ":start",
                "experiments.start",
                c -> runner.start(c.emptyBody("experiments.start").resource())),
            Endpoint.of(
                "POST",
                EXPERIMENTS + "/" + ID + ":stop",
                "experiments.stop",
                c -> runner.stop(c.resource())),
            Endpoint.of(
                    "GET",
                    EXPERIMENTS + "/" + ID + "/affectedResources",
                    "experiments.affectedResources.list",
                    c ->
                        experiments.listAffectedResources(
                            c.collectionOwner(),
                            c.param("pageSize"),
                            c.param("pageToken"),
                            c.param("filter")))
                .withQuery("pageSize", "pageToken", "filter"),
            Endpoint.of(
                "GET",
                EXPERIMENTS + "/" + ID + "/affectedResources/" + ID,
                "experiments.affectedResources.get",
                c -> experiments.getAffectedResource(c.resource())),
            Endpoint.of(
                    "POST",
                    VALIDATIONS,
                    "validations.create",
                    c -> validations.create(c.parent(), c.param("validationId"), c.body()))
                .withQuery("validationId"),
            Endpoint.of(
                    "GET",
                    VALIDATIONS,
                    "validations.list",
                    c ->
                        validations.list(
                            c.parent(),
                            c.param("pageSize"),
                            c.param("pageToken"),
                            c.param("filter")))
                .withQuery("pageSize", "pageToken", "filter"),
            Endpoint.of(
                "GET",
                VALIDATIONS + "/" + ID,
                "validations.get",
                c -> validations.get(c.resource())),
            Endpoint.of(
                    "DELETE",
                    VALIDATIONS + "/" + ID,
                    "validations.delete",
                    c -> {
                      validations.delete(c.resource(), c.flag("force"));
                      return Json.object();
                    })
                .withQuery("force"),
            Endpoint.of(
                    "GET",
                    VALIDATIONS + "/" + ID + "/validationResources",
                    "validations.validationResources.list",
                    c ->
                        validations.listResources(
                            c.collectionOwner(),
                            c.param("pageSize"),
                            c.param("pageToken"),
                            c.param("filter")))
                .withQuery("pageSize", "pageToken", "filter"),
            Endpoint.of(
                "GET",
                VALIDATIONS + "/" + ID + "/validationResources/" + ID,
                "validations.validationResources.get",
                c -> validations.getResource(c.resource())),
            Endpoint.of(
                    "POST",
                    WINDOWS,
                    "exclusionWindows.create",
                    c -> windows.create(c.parent(), c.param("exclusionWindowId"), c.body()))
                .withQuery("exclusionWindowId"),
            Endpoint.of(
                    "GET",
                    WINDOWS,
                    "exclusionWindows.list",
                    c -> windows.list(c.parent(), c.param("pageSize"), c.param("pageToken")))
                .withQuery("pageSize", "pageToken"),
            Endpoint.of(
                "GET", WINDOWS + "/" + ID, "exclusionWindows.get", c -> windows.get(c.resource())),
            Endpoint.of(
                    "PATCH",
                    WINDOWS + "/" + ID,
                    "exclusionWindows.patch",
                    c -> windows.patch(c.resource(), c.param("updateMask"), c.body()))
                .withQuery("updateMask"),
            Endpoint.of(
                "DELETE",
                WINDOWS + "/" + ID,
                "exclusionWindows.delete",
                c -> {
                  windows.delete(c.resource());
                  return Json.object();
                }),
            Endpoint.of(
                "POST",
                WINDOWS + "/" + ID + ":start",
                "exclusionWindows.start",
                c -> windows.start(c.resource())),
            Endpoint.of(
                "POST",
                WINDOWS + "/" + ID + ":stop",
                "exclusionWindows.stop",
                c -> windows.stop(c.resource())));
  }

  void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      String httpMethod = httpMethod(exchange);
      for (Endpoint endpoint : endpoints) {
        Matcher match = endpoint.match(httpMethod, path);
        if (match != null) {
          serve(exchange, endpoint, match, path);
          return;
        }
      }
      throw new ApiException(
          RpcCode.NOT_FOUND,
          "METHOD_NOT_FOUND",
          "No Fault Testing method answers " + httpMethod + " " + PREFIX + path + ".",
          Map.of("path", PREFIX + path),
          null);
    } catch (ApiException e) {
      HttpIo.sendError(exchange, e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Fault Testing emulator failed", e);
      HttpIo.sendError(
          exchange,
          new ApiException(RpcCode.INTERNAL, "INTERNAL", "Emulator error: " + e, Map.of(), null));
    }
  }

  private void serve(HttpExchange exchange, Endpoint endpoint, Matcher match, String path)
      throws IOException {
    counters.increment(endpoint.method());
    Optional<ApiFault> fault = faults.hit(endpoint.method());
    if (fault.isPresent()) {
      switch (fault.get().kind()) {
        case CONNECTION_RESET -> {
          return; // the exchange is closed without a response: the client sees the connection drop
        }
        case LATENCY -> sleep(fault.get());
        default -> throw injected(fault.get(), endpoint.method());
      }
    }
    access.check(exchange.getRequestHeaders().getFirst("Authorization"), match.group(1));
    String location = match.groupCount() >= 2 ? match.group(2) : null;
    if (location != null) {
      locations.checkReachable(match.group(1), location);
    }
    Map<String, String> query = HttpIo.query(exchange);
    endpoint.checkQuery(query);
    String fields = query.get("fields");
    PartialResponse selection =
        fields == null || fields.isBlank() ? null : PartialResponse.parse(fields);
    byte[] bytes = HttpIo.body(exchange);
    JsonNode body = Json.parse(bytes);
    int verb = path.lastIndexOf(':');
    String resource = verb > path.lastIndexOf('/') ? path.substring(0, verb) : path;
    String parent =
        location == null
            ? "projects/" + match.group(1)
            : "projects/" + match.group(1) + "/locations/" + location;
    Call call = new Call(parent, resource, query, body);
    // Google's JSON conventions for every answer, in one place: the protobuf JSON mapping leaves
    // empty fields out, and the fields system parameter selects a partial response.
    JsonNode answer = Json.omitEmpty(endpoint.handler().handle(call));
    HttpIo.send(exchange, 200, selection == null ? answer : selection.apply(answer));
  }

  /** Google's JSON clients send PATCH as POST with {@code X-HTTP-Method-Override}. */
  private static String httpMethod(HttpExchange exchange) {
    String override = exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override");
    return "POST".equals(exchange.getRequestMethod()) && override != null
        ? override.toUpperCase(java.util.Locale.ROOT)
        : exchange.getRequestMethod();
  }

  private static ApiException injected(ApiFault fault, String method) {
    Map<String, String> metadata = Map.of("method", method, "injectedBy", "emulator");
    return switch (fault.kind()) {
      case THROTTLE ->
          new ApiException(
              RpcCode.RESOURCE_EXHAUSTED,
              "RATE_LIMIT_EXCEEDED",
              "Quota exceeded for quota metric 'Requests' of service 'faulttesting.googleapis.com'"
                  + " (injected by the emulator for "
                  + method
                  + ").",
              metadata,
              null);
      case SERVER_ERROR ->
          new ApiException(
              RpcCode.INTERNAL,
              "INTERNAL",
              "Internal error encountered (injected by the emulator for " + method + ").",
              metadata,
              null);
      default ->
          new ApiException(
              RpcCode.UNAVAILABLE,
              "SERVICE_UNAVAILABLE",
              "The service is currently unavailable (injected by the emulator for " + method + ").",
              metadata,
              null);
    };
  }

  private static void sleep(ApiFault fault) {
    try {
      Thread.sleep(fault.latency().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
