package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** JSON as the apiserver writes it: RFC 3339 timestamps to the second. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a request body; an empty body is an empty object. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw StatusException.badRequest(
          "the body of the request could not be decoded as JSON: " + e.getMessage());
    }
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write JSON", e);
    }
  }

  /** Kubernetes' {@code metav1.Time}: whole seconds, UTC. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code metav1.MicroTime}, as events' {@code eventTime} carries it. */
  static String microTime(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).toString();
  }
}
