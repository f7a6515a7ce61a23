package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google's {@code fields} system parameter: a partial response keeps only the selected fields. The
 * selector is comma-separated paths; {@code a/b} selects {@code b} inside {@code a}, {@code a(b,c)}
 * selects {@code b} and {@code c} inside {@code a}, and {@code *} every field. A selection inside a
 * list applies to each of its items.
 */
final class PartialResponse {
  /** The selected fields by name; an empty map selects the whole value. */
  private final Map<String, PartialResponse> children;

  private PartialResponse(Map<String, PartialResponse> children) {
    this.children = children;
  }

  /** The selection a {@code fields} value names; INVALID_ARGUMENT naming it if malformed. */
  static PartialResponse parse(String fields) {
    PartialResponse root = new PartialResponse(new LinkedHashMap<>());
    int end = root.parseList(fields, 0);
    if (end != fields.length() || root.children.isEmpty()) {
      throw malformed(fields);
    }
    return root;
  }

  /** Parses {@code path(,path)*} from {@code start}; returns where it stopped. */
  private int parseList(String text, int start) {
    int at = start;
    while (true) {
      at = parsePath(text, at);
      if (at < text.length() && text.charAt(at) == ',') {
        at++;
      } else {
        return at;
      }
    }
  }

  private int parsePath(String text, int start) {
    int at = start;
    while (at < text.length() && " \t".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    int nameStart = at;
    while (at < text.length() && "/(),".indexOf(text.charAt(at)) < 0) {
      at++;
    }
    String name = text.substring(nameStart, at).trim();
    if (name.isEmpty()) {
      throw malformed(text);
    }
    PartialResponse child =
        children.computeIfAbsent(name, n -> new PartialResponse(new LinkedHashMap<>()));
    if (at < text.length() && text.charAt(at) == '/') {
      return child.parsePath(text, at + 1);
    }
    if (at < text.length() && text.charAt(at) == '(') {
      at = child.parseList(text, at + 1);
      if (at >= text.length() || text.charAt(at) != ')') {
        throw malformed(text);
      }
      return at + 1;
    }
    return at;
  }

  /** The answer with only the selected fields. */
  JsonNode apply(JsonNode node) {
    if (children.isEmpty()) {
      return node;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode selected = array.arrayNode();
      array.forEach(item -> selected.add(apply(item)));
      return selected;
    }
    if (!(node instanceof ObjectNode object)) {
      return node;
    }
    ObjectNode selected = object.objectNode();
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      PartialResponse child = children.containsKey("*") ? children.get("*") : children.get(name);
      if (child != null) {
        selected.set(name, child.apply(object.get(name)));
      }
    }
    return selected;
  }

  private static ApiException malformed(String fields) {
    return ApiException.invalidArgument(
        "fields",
        "Invalid value for system parameter 'fields', '"
            + fields
            + "': use comma-separated field paths such as name,state or"
            + " experiments(name,state) or experiments/name.");
  }
}
