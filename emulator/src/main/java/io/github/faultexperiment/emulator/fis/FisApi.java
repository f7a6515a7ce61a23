package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The FIS REST-JSON operations: routes a request to its operation in the region of its credential
 * scope and answers it.
 */
final class FisApi {
  private static final String TEMPLATES = "experimentTemplates";
  private static final String EXPERIMENTS = "experiments";
  private static final String ACCOUNTS = "targetAccountConfigurations";

  private final FisRegions regions;
  private final ExperimentRunner runner;
  private final FisCatalogue catalogue;
  private final Supplier<String> account;

  FisApi(
      FisRegions regions,
      ExperimentRunner runner,
      FisCatalogue catalogue,
      Supplier<String> account) {
    this.regions = regions;
    this.runner = runner;
    this.catalogue = catalogue;
    this.account = account;
  }

  /**
   * An operation chosen for a request, not yet run.
   *
   * @param operation the FIS operation name, e.g. {@code GetExperiment}
   * @param call answers the request
   */
  record Route(String operation, Supplier<ObjectNode> call) {}

  Route route(AwsRequest request, String regionName) {
    String method = request.method();
    String path = request.rawPath();
    FisRegion region = regions.get(regionName);
    String arnPrefix = arnPrefix(regionName);
    if (path.startsWith("/tags/") && path.length() > "/tags/".length()) {
      // The ARN is one percent-encoded label; taking the rest of the path also accepts clients
      // that leave '/' unencoded.
      String arn = AwsRequest.decode(path.substring("/tags/".length()));
      return switch (method) {
        case "GET" -> new Route("ListTagsForResource", () -> listTags(region, arn));
        case "POST" -> new Route("TagResource", () -> tag(region, arn, request));
        case "DELETE" -> new Route("UntagResource", () -> untag(region, arn, request));
        default -> throw unknown(request);
      };
    }
    List<String> labels = request.pathLabels();
    String resource = labels.isEmpty() ? "" : labels.get(0);
    return switch (resource) {
      case TEMPLATES -> templateRoute(request, region, labels, arnPrefix);
      case EXPERIMENTS -> experimentRoute(request, region, labels, arnPrefix);
      case "safetyLevers" -> leverRoute(request, region, labels, arnPrefix);
      case "actions" -> actionRoute(request, labels, arnPrefix);
      case "targetResourceTypes" -> targetTypeRoute(request, labels);
      default -> throw unknown(request);
    };
  }

  private Route templateRoute(
      AwsRequest request, FisRegion region, List<String> labels, String arnPrefix) {
    String method = request.method();
    TemplateStore templates = region.templates();
    if (labels.size() == 1) {
      return switch (method) {
        case "POST" ->
            new Route("CreateExperimentTemplate", () -> createTemplate(region, request, arnPrefix));
        case "GET" -> new Route("ListExperimentTemplates", () -> listTemplates(region, request));
        default -> throw unknown(request);
      };
    }
    String id = labels.get(1);
    if (labels.size() == 2) {
      return switch (method) {
        case "GET" -> new Route("GetExperimentTemplate", () -> templateResponse(templates.get(id)));
        case "PATCH" ->
            new Route(
                "UpdateExperimentTemplate",
                () -> templateResponse(templates.update(id, Json.readObject(request.body()))));
        case "DELETE" ->
            new Route("DeleteExperimentTemplate", () -> templateResponse(templates.delete(id)));
        default -> throw unknown(request);
      };
    }
    if (!labels.get(2).equals(ACCOUNTS) || labels.size() > 4) {
      throw unknown(request);
    }
    if (labels.size() == 3) {
      if (!method.equals("GET")) {
        throw unknown(request);
      }
      return new Route(
          "ListTargetAccountConfigurations",
          () -> TargetAccountRequests.list(templates.get(id).targetAccounts(), request, true));
    }
    String accountId = labels.get(3);
    return switch (method) {
      case "POST" ->
          new Route(
              "CreateTargetAccountConfiguration",
              () ->
                  TargetAccountRequests.response(
                      templates
                          .get(id)
                          .addTargetAccount(TargetAccountRequests.read(accountId, request, null))));
      case "GET" ->
          new Route(
              "GetTargetAccountConfiguration",
              () ->
                  TargetAccountRequests.response(
                      templates
                          .get(id)
                          .targetAccount(TargetAccountRequests.validAccount(accountId))));
      case "PATCH" ->
          new Route(
              "UpdateTargetAccountConfiguration",
              () -> {
                Template template = templates.get(id);
                TargetAccountConfiguration current =
                    template.targetAccount(TargetAccountRequests.validAccount(accountId));
                return TargetAccountRequests.response(
                    template.replaceTargetAccount(
                        TargetAccountRequests.read(accountId, request, current)));
              });
      case "DELETE" ->
          new Route(
              "DeleteTargetAccountConfiguration",
              () ->
                  TargetAccountRequests.response(
                      templates
                          .get(id)
                          .removeTargetAccount(TargetAccountRequests.validAccount(accountId))));
      default -> throw unknown(request);
    };
  }

  private Route experimentRoute(
      AwsRequest request, FisRegion region, List<String> labels, String arnPrefix) {
    String method = request.method();
    ExperimentStore experiments = region.experiments();
    if (labels.size() == 1) {
      return switch (method) {
        case "POST" -> new Route("StartExperiment", () -> start(region, request, arnPrefix));
        case "GET" -> new Route("ListExperiments", () -> listExperiments(region, request));
        default -> throw unknown(request);
      };
    }
    String id = labels.get(1);
    if (labels.size() == 2) {
      return switch (method) {
        case "GET" -> new Route("GetExperiment", () -> experimentResponse(experiments.get(id)));
        case "DELETE" -> new Route("StopExperiment", () -> stop(experiments.get(id)));
        default -> throw unknown(request);
      };
    }
    if (!method.equals("GET") || labels.size() > 4) {
      throw unknown(request);
    }
    if (labels.size() == 3 && labels.get(2).equals("resolvedTargets")) {
      return new Route(
          "ListExperimentResolvedTargets",
          () -> ResolvedTargets.list(experiments.get(id), request));
    }
    if (!labels.get(2).equals(ACCOUNTS)) {
      throw unknown(request);
    }
    if (labels.size() == 3) {
      return new Route(
          "ListExperimentTargetAccountConfigurations",
          () -> TargetAccountRequests.list(experiments.get(id).targetAccounts, request, false));
    }
    String accountId = labels.get(3);
    return new Route(
        "GetExperimentTargetAccountConfiguration",
        () ->
            TargetAccountRequests.response(
                experiments.get(id).targetAccount(TargetAccountRequests.validAccount(accountId))));
  }

  private Route leverRoute(
      AwsRequest request, FisRegion region, List<String> labels, String arnPrefix) {
    String method = request.method();
    if (labels.size() == 2 && method.equals("GET")) {
      return new Route(
          "GetSafetyLever", () -> leverResponse(region, lever(region, labels.get(1)), arnPrefix));
    }
    if (labels.size() == 3 && labels.get(2).equals("state") && method.equals("PATCH")) {
      return new Route(
          "UpdateSafetyLeverState",
          () -> updateLever(region, lever(region, labels.get(1)), request, arnPrefix));
    }
    throw unknown(request);
  }

  private Route actionRoute(AwsRequest request, List<String> labels, String arnPrefix) {
    if (!request.method().equals("GET") || labels.size() > 2) {
      throw unknown(request);
    }
    if (labels.size() == 1) {
      return new Route(
          "ListActions",
          () ->
              page(
                  catalogue.actions(),
                  request,
                  "actions",
                  action -> FisCatalogue.summaryJson(action, arnPrefix)));
    }
    String id = labels.get(1);
    return new Route(
        "GetAction",
        () -> {
          FisCatalogue.ActionType action = catalogue.action(id);
          if (action == null) {
            throw ApiException.notFound("Action not found: " + id);
          }
          ObjectNode response = Json.object();
          response.set("action", FisCatalogue.actionJson(action, arnPrefix));
          return response;
        });
  }

  private Route targetTypeRoute(AwsRequest request, List<String> labels) {
    if (!request.method().equals("GET") || labels.size() > 2) {
      throw unknown(request);
    }
    if (labels.size() == 1) {
      return new Route(
          "ListTargetResourceTypes",
          () ->
              page(
                  catalogue.targetTypes(),
                  request,
                  "targetResourceTypes",
                  FisCatalogue::summaryJson));
    }
    String resourceType = labels.get(1);
    return new Route(
        "GetTargetResourceType",
        () -> {
          FisCatalogue.TargetType type = catalogue.targetType(resourceType);
          if (type == null) {
            throw ApiException.notFound("Target resource type not found: " + resourceType);
          }
          ObjectNode response = Json.object();
          response.set("targetResourceType", FisCatalogue.targetTypeJson(type));
          return response;
        });
  }

  /** Creates a template in a region from a CreateExperimentTemplate request body. */
  Template createTemplate(String regionName, ObjectNode request) {
    return regions.get(regionName).templates().create(request, arnPrefix(regionName));
  }

  private ObjectNode createTemplate(FisRegion region, AwsRequest request, String arnPrefix) {
    return templateResponse(region.templates().create(Json.readObject(request.body()), arnPrefix));
  }

  private ObjectNode listTemplates(FisRegion region, AwsRequest request) {
    return page(region.templates().list(), request, "experimentTemplates", Template::toSummaryJson);
  }

  private ObjectNode start(FisRegion region, AwsRequest request, String arnPrefix) {
    ObjectNode body = Json.readObject(request.body());
    String templateId = Json.requireText(body, "", "experimentTemplateId");
    Json.requireText(body, "", "clientToken");
    Template template = region.templates().get(templateId);
    ExperimentStore.Started started =
        region.experiments().start(body, template, arnPrefix, account.get());
    if (started.created()) {
      runner.start(started.experiment());
    }
    return experimentResponse(started.experiment());
  }

  private ObjectNode listExperiments(FisRegion region, AwsRequest request) {
    String templateId = request.queryParameter("experimentTemplateId");
    List<Experiment> matching =
        region.experiments().list().stream()
            .filter(experiment -> templateId == null || templateId.equals(experiment.templateId))
            .toList();
    return page(matching, request, "experiments", Experiment::toSummaryJson);
  }

  /** Stops an active experiment; an experiment that is stopping or has ended is left unchanged. */
  private ObjectNode stop(Experiment experiment) {
    runner.stop(experiment, "Experiment stopped by user request.");
    return experimentResponse(experiment);
  }

  private static SafetyLever lever(FisRegion region, String id) {
    if (!SafetyLever.ID.equals(id)) {
      throw ApiException.notFound(
          "Safety lever not found: " + id + " (each Region has one, with the id default)");
    }
    return region.lever();
  }

  private ObjectNode updateLever(
      FisRegion region, SafetyLever lever, AwsRequest request, String arnPrefix) {
    ObjectNode body = Json.readObject(request.body());
    JsonNode state = body.get("state");
    if (state == null || state.isNull()) {
      throw ApiException.missingMember("state");
    }
    String status = Json.requireText(state, "state.", "status");
    String reason = Json.requireText(state, "state.", "reason");
    lever.update(status, reason, region.experiments().list());
    if (lever.engaged()) {
      // In-progress experiments stop with the lever's reason; those started from now on are
      // cancelled when they would initiate.
      region.experiments().list().forEach(experiment -> runner.stop(experiment, reason));
    }
    return leverResponse(region, lever, arnPrefix);
  }

  private static ObjectNode leverResponse(FisRegion region, SafetyLever lever, String arnPrefix) {
    ObjectNode response = Json.object();
    response.set("safetyLever", lever.toJson(arnPrefix, region.experiments().list()));
    return response;
  }

  /** One page of a list answer, under {@code member}, with {@code nextToken} if more follow. */
  static <T> ObjectNode page(
      List<T> all, AwsRequest request, String member, Function<T, ObjectNode> toJson) {
    Page<T> page = Page.of(all, request, 100);
    ObjectNode response = Json.object();
    ArrayNode items = response.putArray(member);
    page.items().forEach(item -> items.add(toJson.apply(item)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private ObjectNode listTags(FisRegion region, String arn) {
    ObjectNode response = Json.object();
    response.set("tags", Json.stringMapNode(taggable(region, arn).tags()));
    return response;
  }

  private ObjectNode tag(FisRegion region, String arn, AwsRequest request) {
    ObjectNode body = Json.readObject(request.body());
    if (!body.has("tags")) {
      throw ApiException.missingMember("tags");
    }
    Taggable resource = taggable(region, arn);
    var tags = Json.stringMap(body, "", "tags");
    var combined = resource.tags();
    combined.putAll(tags);
    Tags.validated(combined);
    resource.tag(tags);
    return Json.object();
  }

  private ObjectNode untag(FisRegion region, String arn, AwsRequest request) {
    List<String> keys = request.query().getOrDefault("tagKeys", List.of());
    taggable(region, arn).untag(keys);
    return Json.object();
  }

  /** A template or experiment of the request's region: an ARN of another region is not found. */
  private static Taggable taggable(FisRegion region, String arn) {
    int slash = arn.lastIndexOf('/');
    if (!arn.startsWith("arn:aws:fis:") || slash < 0) {
      throw ApiException.validation(
          "resourceArn '"
              + arn
              + "' is not a FIS ARN (arn:aws:fis:{region}:{account}:experiment/{id} or"
              + " …:experiment-template/{id})");
    }
    String id = arn.substring(slash + 1);
    Taggable resource = null;
    if (arn.contains(":experiment-template/")) {
      resource =
          region.templates().list().stream()
              .filter(t -> t.id().equals(id))
              .findFirst()
              .orElse(null);
    } else if (arn.contains(":experiment/")) {
      resource = region.experiments().find(id);
    }
    if (resource == null || !resource.arn().equals(arn)) {
      throw ApiException.notFound("Resource not found: " + arn);
    }
    return resource;
  }

  private String arnPrefix(String regionName) {
    return "arn:aws:fis:" + regionName + ":" + account.get() + ":";
  }

  private static ObjectNode templateResponse(Template template) {
    ObjectNode response = Json.object();
    response.set("experimentTemplate", template.toJson());
    return response;
  }

  private static ObjectNode experimentResponse(Experiment experiment) {
    ObjectNode response = Json.object();
    response.set("experiment", experiment.toJson());
    return response;
  }

  private static ApiException unknown(AwsRequest request) {
    return new ApiException(
        404,
        "UnknownOperationException",
        "No FIS operation answers " + request.method() + " " + request.rawPath());
  }
}
