package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error answered in Google's JSON error shape: {@code error.code}, {@code message}, {@code
 * status} and {@code details} holding a {@code google.rpc.ErrorInfo} (and a {@code
 * google.rpc.BadRequest} naming the field when one is at fault).
 */
final class ApiException extends RuntimeException {
  static final String DOMAIN = "faulttesting.googleapis.com";

  private final RpcCode code;
  private final String reason;
  private final Map<String, String> metadata;
  private final String field;

  ApiException(
      RpcCode code, String reason, String message, Map<String, String> metadata, String field) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.metadata = Map.copyOf(metadata);
    this.field = field;
  }

  /** A bad request; {@code field} names the field at fault, or is empty for the whole body. */
  static ApiException invalidArgument(String field, String message) {
    return field.isEmpty()
        ? new ApiException(RpcCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", message, Map.of(), null)
        : new ApiException(
            RpcCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", message, Map.of("field", field), field);
  }

  static ApiException notFound(String resourceName) {
    return new ApiException(
        RpcCode.NOT_FOUND,
        "RESOURCE_NOT_FOUND",
        "Resource '" + resourceName + "' was not found.",
        Map.of("resource", resourceName),
        null);
  }

  static ApiException failedPrecondition(String reason, String message, String resource) {
    return new ApiException(
        RpcCode.FAILED_PRECONDITION, reason, message, Map.of("resource", resource), null);
  }

  static ApiException alreadyExists(String resourceName) {
    return new ApiException(
        RpcCode.ALREADY_EXISTS,
        "RESOURCE_ALREADY_EXISTS",
        "Resource '" + resourceName + "' already exists.",
        Map.of("resource", resourceName),
        null);
  }

  RpcCode code() {
    return code;
  }

  /** The JSON body Google sends with this error. */
  ObjectNode toJson() {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("code", code.httpStatus);
    error.put("message", getMessage());
    error.put("status", code.name());
    ArrayNode details = error.putArray("details");
    ObjectNode info = details.addObject();
    info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
    info.put("reason", reason);
    info.put("domain", DOMAIN);
    ObjectNode meta = info.putObject("metadata");
    metadata.forEach(meta::put);
    if (field != null) {
      ObjectNode badRequest = details.addObject();
      badRequest.put("@type", "type.googleapis.com/google.rpc.BadRequest");
      ObjectNode violation = badRequest.putArray("fieldViolations").addObject();
      violation.put("field", field);
      violation.put("description", getMessage());
    }
    return body;
  }
}
