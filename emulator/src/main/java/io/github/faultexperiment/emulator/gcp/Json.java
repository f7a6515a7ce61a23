package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jackson plus the protobuf JSON forms of Duration ({@code "3.5s"}) and Timestamp (RFC 3339). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DURATION = Pattern.compile("(-?)(\\d{1,12})(?:\\.(\\d{1,9}))?s");

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a request body; an empty body is an empty message, as in gRPC transcoding. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.invalidArgument(
          "", "Invalid JSON payload received. " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ObjectNode parseObject(String json, String what) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    throw new IllegalArgumentException(what + " must be a JSON object");
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The answer as the protobuf JSON mapping writes it: an empty repeated field, an empty map and a
   * null are left out (clients treat a missing field as empty), at every depth.
   */
  static JsonNode omitEmpty(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode written = object.objectNode();
      for (var field : object.properties()) {
        JsonNode value = omitEmpty(field.getValue());
        if (!value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
          written.set(field.getKey(), value);
        }
      }
      return written;
    }
    if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
      com.fasterxml.jackson.databind.node.ArrayNode written = array.arrayNode();
      array.forEach(item -> written.add(omitEmpty(item)));
      return written;
    }
    return node;
  }

  /** Parses a protobuf JSON duration such as {@code "600s"} or {@code "3.5s"}. */
  static Duration parseDuration(String text, String field) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw ApiException.invalidArgument(
          field,
          "Invalid value at '"
              + field
              + "' (type.googleapis.com/google.protobuf.Duration), \""
              + text
              + "\": a duration is seconds with up to nine fractional digits ending in 's',"
              + " e.g. \"3.5s\".");
    }
    BigDecimal seconds = new BigDecimal(m.group(2) + (m.group(3) == null ? "" : "." + m.group(3)));
    Duration duration =
        Duration.ofSeconds(
            seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    return m.group(1).isEmpty() ? duration : duration.negated();
  }

  /** Formats a duration as protobuf JSON does: 0, 3, 6 or 9 fractional digits. */
  static String formatDuration(Duration duration) {
    String sign = duration.isNegative() ? "-" : "";
    Duration abs = duration.abs();
    int nanos = abs.getNano();
    String fraction;
    if (nanos == 0) {
      fraction = "";
    } else if (nanos % 1_000_000 == 0) {
      fraction = String.format(".%03d", nanos / 1_000_000);
    } else if (nanos % 1_000 == 0) {
      fraction = String.format(".%06d", nanos / 1_000);
    } else {
      fraction = String.format(".%09d", nanos);
    }
    return sign + abs.getSeconds() + fraction + "s";
  }

  /** RFC 3339, Z-normalised, 0/3/6/9 fractional digits (as {@link Instant#toString()} does). */
  static String formatTimestamp(Instant instant) {
    return instant.toString();
  }
}
