package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON reading and writing in FIS's conventions (epoch-second timestamps with fractions). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a request body that must be a JSON object; an empty body is an empty object. */
  static ObjectNode readObject(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode objectNode) {
        return objectNode;
      }
      throw ApiException.validation("The request body must be a JSON object");
    } catch (JsonProcessingException e) {
      throw ApiException.validation(
          "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write JSON", e);
    }
  }

  /** FIS timestamps: epoch seconds as a JSON number with a fraction, e.g. 1616432464.025. */
  static DecimalNode timestamp(Instant instant) {
    return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
  }

  /** A required string member, or a ValidationException naming it. */
  static String requireText(JsonNode node, String path, String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      throw ApiException.missingMember(path + member);
    }
    if (!value.isTextual()) {
      throw ApiException.validation(
          "Value at '" + path + member + "' must be a string, was " + value.getNodeType());
    }
    return value.asText();
  }

  /** An optional member that must be an object if present. */
  static ObjectNode optionalObject(JsonNode node, String path, String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value instanceof ObjectNode objectNode) {
      return objectNode;
    }
    throw ApiException.validation(
        "Value at '" + path + member + "' must be an object, was " + value.getNodeType());
  }

  /** A string-to-string map member (tags, parameters); empty if absent. */
  static Map<String, String> stringMap(JsonNode node, String path, String member) {
    Map<String, String> map = new LinkedHashMap<>();
    ObjectNode object = optionalObject(node, path, member);
    if (object == null) {
      return map;
    }
    object
        .properties()
        .forEach(
            entry -> {
              if (!entry.getValue().isTextual()) {
                throw ApiException.validation(
                    "Value at '"
                        + path
                        + member
                        + "."
                        + entry.getKey()
                        + "' must be a string, was "
                        + entry.getValue().getNodeType());
              }
              map.put(entry.getKey(), entry.getValue().asText());
            });
    return map;
  }

  static ObjectNode stringMapNode(Map<String, String> map) {
    ObjectNode node = object();
    map.forEach(node::put);
    return node;
  }

  /** An ISO-8601 duration such as {@code PT5M}, or a ValidationException naming the field. */
  static Duration duration(String value, String field) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.validation(
          "Value '" + value + "' at '" + field + "' is not an ISO-8601 duration such as PT5M");
    }
  }
}
