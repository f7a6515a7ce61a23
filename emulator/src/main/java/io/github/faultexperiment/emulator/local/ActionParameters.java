package io.github.faultexperiment.emulator.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.common.GoDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An action's parameters, read with the ranges the cloud accepts; every error names the action, the
 * parameter, the value and what would be valid.
 */
final class ActionParameters {
  private final String action;
  private final Map<String, Object> values;

  ActionParameters(String action, Map<String, ?> values) {
    this.action = action;
    this.values = new LinkedHashMap<>(values);
  }

  /** The parameters of a JSON object held in one parameter, as SSM's {@code documentParameters}. */
  ActionParameters nested(String name, String nestedAction) {
    Object raw = values.get(name);
    if (raw == null || raw.toString().isBlank()) {
      return new ActionParameters(nestedAction, Map.of());
    }
    if (raw instanceof Map<?, ?> map) {
      return new ActionParameters(nestedAction, stringKeys(map));
    }
    try {
      Map<?, ?> map = Json.MAPPER.readValue(raw.toString(), Map.class);
      return new ActionParameters(nestedAction, stringKeys(map));
    } catch (JsonProcessingException e) {
      throw invalid(name, raw, "a JSON object such as {\"DelayMilliseconds\":\"200\"}");
    }
  }

  /** A nested object such as Fault Testing's {@code abort}, or {@code null} when absent. */
  ActionParameters object(String name) {
    return values.get(name) instanceof Map<?, ?> map
        ? new ActionParameters(action + " " + name, stringKeys(map))
        : null;
  }

  boolean has(String name) {
    Object value = values.get(name);
    return value != null && !value.toString().isBlank();
  }

  double number(String name, double otherwise, double min, double max) {
    return has(name) ? requiredNumber(name, min, max) : otherwise;
  }

  double requiredNumber(String name, double min, double max) {
    Object value = values.get(name);
    String valid = "a number from " + plain(min) + " to " + plain(max);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException(
          "parameter " + name + " of " + action + " is required: " + valid);
    }
    double number;
    try {
      number =
          value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw invalid(name, value, valid);
    }
    if (!(number >= min && number <= max)) {
      throw invalid(name, value, valid);
    }
    return number;
  }

  Duration millis(String name, long otherwise, long max) {
    return Duration.ofMillis((long) number(name, otherwise, 0, max));
  }

  boolean bool(String name) {
    Object value = values.get(name);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw invalid(name, value, "true or false");
  }

  String text(String name) {
    if (!has(name)) {
      throw new IllegalArgumentException("parameter " + name + " of " + action + " is required");
    }
    return values.get(name).toString();
  }

  String choice(String name, String otherwise, Set<String> allowed) {
    String value = has(name) ? text(name).trim().toLowerCase(Locale.ROOT) : otherwise;
    if (!allowed.contains(value)) {
      throw invalid(name, values.get(name), "one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** A comma-separated list, e.g. FIS's {@code operations}. */
  Set<String> list(String name) {
    if (!has(name)) {
      return Set.of();
    }
    return Arrays.stream(text(name).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** An ISO-8601 duration (FIS's {@code PT5M}), or {@code null} when absent. */
  Duration isoDuration(String name) {
    if (!has(name)) {
      return null;
    }
    try {
      Duration duration = Duration.parse(text(name).trim());
      if (duration.isNegative()) {
        throw invalid(name, values.get(name), "a positive ISO-8601 duration such as PT5M");
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw invalid(name, values.get(name), "an ISO-8601 duration such as PT5M");
    }
  }

  /** Protobuf's JSON form of a duration: seconds with up to nine decimals and an {@code s}. */
  Duration protoDuration(String name) {
    String text = text(name).trim();
    try {
      if (!text.endsWith("s")) {
        throw new NumberFormatException("no unit");
      }
      BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
      return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(name, text, "a duration in seconds such as \"1.5s\"");
    }
  }

  /** A Go duration (Chaos Mesh's {@code 100ms}, {@code 1s}), or {@code otherwise} when absent. */
  Duration goDuration(String name, Duration otherwise) {
    if (!has(name)) {
      return otherwise;
    }
    try {
      Duration duration = GoDuration.parse(text(name).trim());
      if (duration.isNegative()) {
        throw invalid(name, values.get(name), "a positive Go duration such as 100ms");
      }
      return duration;
    } catch (IllegalArgumentException e) {
      throw invalid(name, values.get(name), "a Go duration such as 100ms or 1.5s");
    }
  }

  /** A port, 1 to 65535. */
  int port(String name) {
    return (int) requiredNumber(name, 1, 65535);
  }

  private IllegalArgumentException invalid(String name, Object value, String valid) {
    return new IllegalArgumentException(
        "parameter " + name + " of " + action + " must be " + valid + ", was '" + value + "'");
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
  }

  static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), value));
    return copy;
  }

  /** Created on first use: initialising Jackson costs a cold JVM about half a second. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
