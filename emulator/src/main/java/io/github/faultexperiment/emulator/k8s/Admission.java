package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.faultexperiment.emulator.common.GoDuration;
import java.util.regex.Pattern;

/**
 * What a chaos object goes through before it is stored: the CRD's schema (a 422 naming the field),
 * Chaos Mesh's mutating webhook (the experiment's namespace into an empty {@code
 * selector.namespaces}, {@code api/v1alpha1/common_webhook.go}) and its validating webhook (a 403
 * denial: selector values, durations, container names, and no spec change after creation, {@code
 * ErrCanNotUpdateChaos}).
 */
final class Admission {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private Admission() {}

  /** Checks the schema and defaults the selectors of a new object (changed in place). */
  static void admitCreate(ChaosKind kind, ObjectNode object, String name) {
    checkSchema(kind, object, name);
    ObjectNode spec = (ObjectNode) object.get("spec");
    String namespace = object.path("metadata").path("namespace").asText();
    defaultNamespaces(spec, namespace);
    if (spec.path("target").isObject() && spec.path("target").has("selector")) {
      defaultNamespaces((ObjectNode) spec.get("target"), namespace);
    }
    validate(kind, spec);
  }

  /** Refuses a change of spec, as the validating webhook does on every update. */
  static void admitUpdate(ChaosKind kind, JsonNode before, JsonNode after) {
    if (!before.path("spec").equals(after.path("spec"))) {
      throw StatusException.denied(kind, "Cannot update chaos spec");
    }
  }

  private static void checkSchema(ChaosKind kind, ObjectNode object, String name) {
    if (name.isEmpty()) {
      throw StatusException.invalid(
          kind, "", "metadata.name", "Required value: name or generateName is required");
    }
    if (!NAME.matcher(name).matches()) {
      throw StatusException.invalid(
          kind,
          name,
          "metadata.name",
          "Invalid value: \""
              + name
              + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
              + " characters, '-' or '.', and must start and end with an alphanumeric character");
    }
    JsonNode spec = object.get("spec");
    if (spec == null || !spec.isObject()) {
      throw StatusException.invalid(kind, name, "spec", "Required value");
    }
    for (String field : kind.required) {
      if (!spec.hasNonNull(field)) {
        throw StatusException.invalid(kind, name, "spec." + field, "Required value");
      }
    }
    if (!kind.actions.isEmpty() && spec.has("action")) {
      String action = spec.path("action").asText();
      if (!kind.actions.contains(action)) {
        throw StatusException.invalid(kind, name, "spec.action", unsupported(action, kind.actions));
      }
    }
    String mode = spec.path("mode").asText();
    if (!ChaosKind.MODES.contains(mode)) {
      throw StatusException.invalid(kind, name, "spec.mode", unsupported(mode, ChaosKind.MODES));
    }
    if (!spec.path("selector").isObject()) {
      throw StatusException.invalid(
          kind,
          name,
          "spec.selector",
          "Invalid value: \""
              + spec.path("selector")
              + "\": spec.selector in body must be of type object");
    }
    if (kind == ChaosKind.HTTP_CHAOS) {
      String target = spec.path("target").asText();
      if (!target.equals("Request") && !target.equals("Response")) {
        throw StatusException.invalid(
            kind,
            name,
            "spec.target",
            unsupported(target, java.util.List.of("Request", "Response")));
      }
    }
  }

  private static String unsupported(String value, java.util.List<String> allowed) {
    return "Unsupported value: \""
        + value
        + "\": supported values: "
        + String.join(", ", allowed.stream().map(a -> "\"" + a + "\"").toList());
  }

  private static void defaultNamespaces(ObjectNode selectorHolder, String namespace) {
    ObjectNode selector = (ObjectNode) selectorHolder.get("selector");
    if (selector == null) {
      return;
    }
    JsonNode namespaces = selector.get("namespaces");
    if (namespaces == null || namespaces.isEmpty()) {
      ArrayNode list = selector.putArray("namespaces");
      list.add(namespace);
    }
  }

  private static void validate(ChaosKind kind, JsonNode spec) {
    String mode = spec.path("mode").asText();
    String value = spec.path("value").asText("");
    if (mode.equals("fixed") || mode.equals("fixed-percent") || mode.equals("random-max-percent")) {
      int number;
      try {
        number = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw StatusException.denied(
            kind,
            "spec.value: Invalid value: \""
                + value
                + "\": parse value field error:strconv.Atoi: parsing \""
                + value
                + "\": invalid syntax");
      }
      if (mode.equals("fixed") && number <= 0) {
        throw StatusException.denied(
            kind,
            "spec.value: Invalid value: \""
                + value
                + "\": value must be greater than 0 with mode:fixed");
      }
      if (!mode.equals("fixed") && (number <= 0 || number > 100)) {
        throw StatusException.denied(
            kind,
            "spec.value: Invalid value: \""
                + value
                + "\": value of "
                + number
                + " is invalid, Must be (0,100] with mode:"
                + mode);
      }
    }
    if (spec.hasNonNull("duration") && !spec.path("duration").asText().isEmpty()) {
      String duration = spec.path("duration").asText();
      try {
        GoDuration.parse(duration);
      } catch (IllegalArgumentException e) {
        throw StatusException.denied(
            kind,
            "spec.duration: Invalid value: \""
                + duration
                + "\": parse duration field error: "
                + e.getMessage());
      }
    }
    if (kind == ChaosKind.POD_CHAOS
        && spec.path("action").asText().equals("container-kill")
        && spec.path("containerNames").isEmpty()) {
      throw StatusException.denied(
          kind,
          "spec.containerNames: Invalid value: []string(nil): the name of container is required"
              + " on container-kill action: invalid value");
    }
  }
}
