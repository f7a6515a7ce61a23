package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The experiment templates, in creation order. */
final class TemplateStore {
  private final Map<String, Template> templates = new LinkedHashMap<>();
  private final Idempotency idempotency = new Idempotency();

  /**
   * Creates a template from a CreateExperimentTemplate request.
   *
   * @param request the request body
   * @param arnPrefix {@code arn:aws:fis:{region}:{account}:}
   */
  synchronized Template create(ObjectNode request, String arnPrefix) {
    String clientToken = Json.requireText(request, "", "clientToken");
    ObjectNode input = request.deepCopy();
    input.remove("clientToken");
    String earlier = idempotency.earlier(clientToken, input, "CreateExperimentTemplate");
    if (earlier != null && templates.containsKey(earlier)) {
      return templates.get(earlier);
    }
    ObjectNode definition = TemplateDefinition.fromCreateRequest(request);
    Map<String, String> tags = Tags.validated(Json.stringMap(request, "", "tags"));
    String id = Ids.template();
    Template template =
        new Template(id, arnPrefix + "experiment-template/" + id, definition, tags, Instant.now());
    templates.put(id, template);
    idempotency.remember(clientToken, input, id);
    return template;
  }

  synchronized Template get(String id) {
    Template template = templates.get(id);
    if (template == null) {
      throw ApiException.notFound("Experiment template " + id + " does not exist");
    }
    return template;
  }

  synchronized List<Template> list() {
    return new ArrayList<>(templates.values());
  }

  synchronized Template update(String id, ObjectNode request) {
    Template template = get(id);
    template.update(TemplateDefinition.updated(template.definition(), request), Instant.now());
    return template;
  }

  synchronized Template delete(String id) {
    Template template = get(id);
    templates.remove(id);
    return template;
  }

  synchronized void clear() {
    templates.clear();
    idempotency.clear();
  }
}
