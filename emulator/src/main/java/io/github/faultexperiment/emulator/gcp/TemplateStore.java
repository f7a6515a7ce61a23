package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The experiment templates of every project and location, by name. */
final class TemplateStore {
  private final Map<String, ObjectNode> byName = new TreeMap<>();
  private final Locations locations;

  TemplateStore(Locations locations) {
    this.locations = locations;
  }

  synchronized ObjectNode create(String parent, String templateId, JsonNode body) {
    String id = Ids.templateId(templateId);
    ObjectNode fields = TemplateDefinition.validate(TemplateDefinition.checkShape(body));
    String name = parent + "/experimentTemplates/" + id;
    if (byName.containsKey(name)) {
      throw ApiException.alreadyExists(name);
    }
    Instant now = Clocks.now();
    ObjectNode template = resource(name, fields, now, now);
    byName.put(name, template);
    return template.deepCopy();
  }

  synchronized ObjectNode get(String name) {
    return find(name).deepCopy();
  }

  /**
   * Lists one location's templates (or every location's for {@code -}), by name; the method takes
   * only {@code pageSize} and {@code pageToken}, no filter.
   */
  synchronized ObjectNode list(String parent, String pageSize, String pageToken) {
    Locations.Scope scope = locations.scope(parent, "experimentTemplates");
    List<ObjectNode> all =
        byName.entrySet().stream()
            .filter(entry -> scope.covers(entry.getKey()))
            .map(Map.Entry::getValue)
            .toList();
    return Page.toJson(Page.of(all, pageSize, pageToken), "experimentTemplates", scope);
  }

  /**
   * Updates the fields named by {@code updateMask} (comma-separated); without a mask, or with
   * {@code *}, every settable field is overwritten by the body's (a field left out is cleared).
   */
  synchronized ObjectNode patch(String name, String updateMask, JsonNode body) {
    ObjectNode current = find(name);
    ObjectNode patch = TemplateDefinition.checkShape(body);
    ObjectNode merged = Json.object();
    TemplateDefinition.MUTABLE.forEach(
        field -> {
          if (current.has(field)) {
            merged.set(field, current.get(field));
          }
        });
    for (String field : maskFields(updateMask)) {
      if (Fields.present(patch, field)) {
        merged.set(field, patch.get(field));
      } else {
        merged.remove(field);
      }
    }
    ObjectNode fields = TemplateDefinition.validate(merged);
    ObjectNode updated =
        resource(name, fields, Instant.parse(current.get("createTime").asText()), Clocks.now());
    byName.put(name, updated);
    return updated.deepCopy();
  }

  synchronized void delete(String name) {
    if (byName.remove(name) == null) {
      throw ApiException.notFound(name);
    }
  }

  synchronized void clear() {
    byName.clear();
  }

  private ObjectNode find(String name) {
    ObjectNode template = byName.get(name);
    if (template == null) {
      throw ApiException.notFound(name);
    }
    return template;
  }

  private static Set<String> maskFields(String updateMask) {
    Set<String> fields = new LinkedHashSet<>();
    if (updateMask == null || updateMask.isBlank()) {
      // The reference: "If the user does not provide a mask then all fields will be overwritten"
      // (AIP-134 would update only the fields present; the service's reference wins).
      fields.addAll(TemplateDefinition.MUTABLE);
      return fields;
    }
    for (String path : updateMask.split(",")) {
      String field = path.trim();
      if (field.equals("*")) {
        fields.addAll(TemplateDefinition.MUTABLE);
      } else if (TemplateDefinition.MUTABLE.contains(field)) {
        fields.add(field);
      } else {
        throw ApiException.invalidArgument(
            "updateMask",
            "Invalid updateMask path '"
                + field
                + "': updatable fields are action, description, displayName, duration (or *).");
      }
    }
    return fields;
  }

  private static ObjectNode resource(
      String name, ObjectNode fields, Instant created, Instant updated) {
    ObjectNode template = Json.object();
    template.put("name", name);
    template.setAll(fields);
    template.put("createTime", Json.formatTimestamp(created));
    template.put("updateTime", Json.formatTimestamp(updated));
    return template;
  }
}
