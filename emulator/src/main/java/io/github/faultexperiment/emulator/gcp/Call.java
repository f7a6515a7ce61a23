package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One API call after routing.
 *
 * @param parent {@code projects/{p}/locations/{l}}
 * @param resource the resource the path names below the parent (without a {@code :verb}), or {@code
 *     null} for collection methods
 * @param query the query parameters
 * @param body the request body, parsed
 */
record Call(String parent, String resource, Map<String, String> query, JsonNode body) {
  /** For a sub-collection list ({@code …/experiments/e/affectedResources}): its owner's name. */
  String collectionOwner() {
    return resource.substring(0, resource.lastIndexOf('/'));
  }

  /**
   * Refuses a body with any field, for methods whose reference says "the request body must be
   * empty" ({@code {}} and no body at all are both the empty message).
   */
  Call emptyBody(String method) {
    if (body.isObject() && !body.isEmpty() || !body.isObject()) {
      String first = body.isObject() ? body.fieldNames().next() : body.toString();
      throw ApiException.invalidArgument(
          first,
          "Invalid JSON payload received. Unknown name \""
              + first
              + "\": Cannot find field. The request body of "
              + method
              + " must be empty.");
    }
    return this;
  }

  String param(String name) {
    return query.get(name);
  }

  /**
   * A boolean query parameter: absent is false; anything but {@code true} or {@code false} is
   * refused rather than read as false, so a typo never silently changes what a call does.
   */
  boolean flag(String name) {
    String value = query.get(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ApiException.invalidArgument(
        name,
        "Invalid value for query parameter '" + name + "': \"" + value + "\"; use true or false.");
  }
}
