package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the emulated apiserver answers with a {@code Status} object, in the shape the real one
 * writes ({@code k8s.io/apimachinery/pkg/api/errors}).
 */
final class StatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;
  private final transient ObjectNode details;

  StatusException(int code, String reason, String message, ObjectNode details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  int code() {
    return code;
  }

  static StatusException notFound(ChaosKind kind, String name) {
    return new StatusException(
        404,
        "NotFound",
        kind.plural + "." + ChaosKind.GROUP + " \"" + name + "\" not found",
        details(name, ChaosKind.GROUP, kind.plural));
  }

  static StatusException notFound(String resource, String name) {
    return new StatusException(
        404, "NotFound", resource + " \"" + name + "\" not found", details(name, "", resource));
  }

  static StatusException alreadyExists(ChaosKind kind, String name) {
    return new StatusException(
        409,
        "AlreadyExists",
        kind.plural + "." + ChaosKind.GROUP + " \"" + name + "\" already exists",
        details(name, ChaosKind.GROUP, kind.plural));
  }

  /** A 422 naming the field, as the CRD's schema validation writes it. */
  static StatusException invalid(ChaosKind kind, String name, String field, String cause) {
    ObjectNode details = details(name, ChaosKind.GROUP, kind.kind);
    ObjectNode causeJson = details.putArray("causes").addObject();
    causeJson.put(
        "reason", cause.startsWith("Required value") ? "FieldValueRequired" : "FieldValueInvalid");
    causeJson.put("message", cause);
    causeJson.put("field", field);
    return new StatusException(
        422,
        "Invalid",
        kind.kind + "." + ChaosKind.GROUP + " \"" + name + "\" is invalid: " + field + ": " + cause,
        details);
  }

  /**
   * Chaos Mesh's validating webhook refusing a request: controller-runtime denies with 403, and the
   * apiserver prefixes the webhook's name ({@code v<plural>.kb.io}).
   */
  static StatusException denied(ChaosKind kind, String message) {
    return new StatusException(
        403,
        "Forbidden",
        "admission webhook \"v" + kind.plural + ".kb.io\" denied the request: " + message,
        null);
  }

  /**
   * RBAC refusing {@code user} a create, in the authorizer's words ({@code
   * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go}): a create has
   * no name yet, so the message names only the resource.
   */
  static StatusException forbiddenCreate(ChaosKind kind, String namespace, String user) {
    ObjectNode details = Json.object();
    details.put("group", ChaosKind.GROUP);
    details.put("kind", kind.plural);
    return new StatusException(
        403,
        "Forbidden",
        kind.plural
            + "."
            + ChaosKind.GROUP
            + " is forbidden: User \""
            + user
            + "\" cannot create resource \""
            + kind.plural
            + "\" in API group \""
            + ChaosKind.GROUP
            + "\" in the namespace \""
            + namespace
            + "\"",
        details);
  }

  static StatusException badRequest(String message) {
    return new StatusException(400, "BadRequest", message, null);
  }

  static StatusException unauthorized() {
    return new StatusException(401, "Unauthorized", "Unauthorized", null);
  }

  static StatusException pathNotFound() {
    return new StatusException(
        404, "NotFound", "the server could not find the requested resource", null);
  }

  static StatusException methodNotAllowed(String method) {
    return new StatusException(
        405,
        "MethodNotAllowed",
        method + " is not supported on this resource by the fault-experiment emulator",
        null);
  }

  static StatusException unsupportedMediaType(String contentType) {
    return new StatusException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/merge-patch+json (got "
            + contentType
            + ")",
        null);
  }

  static StatusException conflict(ChaosKind kind, String name, String message) {
    return new StatusException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + kind.plural
            + "."
            + ChaosKind.GROUP
            + " \""
            + name
            + "\": "
            + message,
        details(name, ChaosKind.GROUP, kind.plural));
  }

  /** The {@code Status} object. */
  ObjectNode toJson() {
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", getMessage());
    status.put("reason", reason);
    if (details != null) {
      status.set("details", details);
    }
    status.put("code", code);
    return status;
  }

  private static ObjectNode details(String name, String group, String kind) {
    ObjectNode details = Json.object();
    details.put("name", name);
    if (!group.isEmpty()) {
      details.put("group", group);
    }
    details.put("kind", kind);
    return details;
  }
}
