package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;

/** The FIS REST-JSON operations: routes a request to its operation and answers it. */
final class FisApi {
  private final TemplateStore templates;
  private final ExperimentStore experiments;
  private final ExperimentRunner runner;
  private final Supplier<String> account;

  FisApi(
      TemplateStore templates,
      ExperimentStore experiments,
      ExperimentRunner runner,
      Supplier<String> account) {
    this.templates = templates;
    this.experiments = experiments;
    this.runner = runner;
    this.account = account;
  }

  /**
   * An operation chosen for a request, not yet run.
   *
   * @param operation the FIS operation name, e.g. {@code GetExperiment}
   * @param call answers the request
   */
  record Route(String operation, Supplier<ObjectNode> call) {}

  Route route(AwsRequest request, String region) {
    String method = request.method();
    String path = request.rawPath();
    String arnPrefix = "arn:aws:fis:" + region + ":" + account.get() + ":";
    if (path.startsWith("/tags/") && path.length() > "/tags/".length()) {
      // The ARN is one percent-encoded label; taking the rest of the path also accepts clients
      // that leave '/' unencoded.
      String arn = AwsRequest.decode(path.substring("/tags/".length()));
      return switch (method) {
        case "GET" -> new Route("ListTagsForResource", () -> listTags(arn));
        case "POST" -> new Route("TagResource", () -> tag(arn, request));
        case "DELETE" -> new Route("UntagResource", () -> untag(arn, request));
        default -> throw unknown(request);
      };
    }
    List<String> labels = request.pathLabels();
    if (labels.size() == 1 && labels.get(0).equals("experimentTemplates")) {
      return switch (method) {
        case "POST" ->
            new Route("CreateExperimentTemplate", () -> createTemplate(request, arnPrefix));
        case "GET" -> new Route("ListExperimentTemplates", () -> listTemplates(request));
        default -> throw unknown(request);
      };
    }
    if (labels.size() == 2 && labels.get(0).equals("experimentTemplates")) {
      String id = labels.get(1);
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
    if (labels.size() == 1 && labels.get(0).equals("experiments")) {
      return switch (method) {
        case "POST" -> new Route("StartExperiment", () -> start(request, arnPrefix));
        case "GET" -> new Route("ListExperiments", () -> listExperiments(request));
        default -> throw unknown(request);
      };
    }
    if (labels.size() == 2 && labels.get(0).equals("experiments")) {
      String id = labels.get(1);
      return switch (method) {
        case "GET" -> new Route("GetExperiment", () -> experimentResponse(experiments.get(id)));
        case "DELETE" -> new Route("StopExperiment", () -> stop(id));
        default -> throw unknown(request);
      };
    }
    throw unknown(request);
  }

  Template createTemplate(ObjectNode request, String arnPrefix) {
    return templates.create(request, arnPrefix);
  }

  private ObjectNode createTemplate(AwsRequest request, String arnPrefix) {
    return templateResponse(createTemplate(Json.readObject(request.body()), arnPrefix));
  }

  private ObjectNode listTemplates(AwsRequest request) {
    Page<Template> page = Page.of(templates.list(), request, 100);
    ObjectNode response = Json.object();
    ArrayNode items = response.putArray("experimentTemplates");
    page.items().forEach(template -> items.add(template.toSummaryJson()));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private ObjectNode start(AwsRequest request, String arnPrefix) {
    ObjectNode body = Json.readObject(request.body());
    String templateId = Json.requireText(body, "", "experimentTemplateId");
    Json.requireText(body, "", "clientToken");
    Template template = templates.get(templateId);
    ExperimentStore.Started started = experiments.start(body, template, arnPrefix, account.get());
    if (started.created()) {
      runner.start(started.experiment());
    }
    return experimentResponse(started.experiment());
  }

  private ObjectNode listExperiments(AwsRequest request) {
    String templateId = request.queryParameter("experimentTemplateId");
    List<Experiment> matching =
        experiments.list().stream()
            .filter(experiment -> templateId == null || templateId.equals(experiment.templateId))
            .toList();
    Page<Experiment> page = Page.of(matching, request, 100);
    ObjectNode response = Json.object();
    ArrayNode items = response.putArray("experiments");
    page.items().forEach(experiment -> items.add(experiment.toSummaryJson()));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  /** Stops an active experiment; an experiment that is stopping or has ended is left unchanged. */
  private ObjectNode stop(String id) {
    Experiment experiment = experiments.get(id);
    runner.stop(experiment, "Experiment stopped by user request.");
    return experimentResponse(experiment);
  }

  private ObjectNode listTags(String arn) {
    ObjectNode response = Json.object();
    response.set("tags", Json.stringMapNode(taggable(arn).tags()));
    return response;
  }

  private ObjectNode tag(String arn, AwsRequest request) {
    ObjectNode body = Json.readObject(request.body());
    if (!body.has("tags")) {
      throw ServiceException.missingMember("tags");
    }
    Taggable resource = taggable(arn);
    var tags = Json.stringMap(body, "", "tags");
    var combined = resource.tags();
    combined.putAll(tags);
    Tags.validated(combined);
    resource.tag(tags);
    return Json.object();
  }

  private ObjectNode untag(String arn, AwsRequest request) {
    List<String> keys = request.query().getOrDefault("tagKeys", List.of());
    taggable(arn).untag(keys);
    return Json.object();
  }

  private Taggable taggable(String arn) {
    int slash = arn.lastIndexOf('/');
    if (!arn.startsWith("arn:aws:fis:") || slash < 0) {
      throw ServiceException.validation(
          "resourceArn '"
              + arn
              + "' is not a FIS ARN (arn:aws:fis:{region}:{account}:experiment/{id} or"
              + " …:experiment-template/{id})");
    }
    String id = arn.substring(slash + 1);
    Taggable resource = null;
    if (arn.contains(":experiment-template/")) {
      resource = templates.list().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    } else if (arn.contains(":experiment/")) {
      resource = experiments.find(id);
    }
    if (resource == null || !resource.arn().equals(arn)) {
      throw ServiceException.notFound("Resource not found: " + arn);
    }
    return resource;
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

  private static ServiceException unknown(AwsRequest request) {
    return new ServiceException(
        404,
        "UnknownOperationException",
        "No FIS operation answers " + request.method() + " " + request.rawPath());
  }
}
