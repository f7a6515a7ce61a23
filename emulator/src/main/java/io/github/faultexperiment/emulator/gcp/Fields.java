package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks on the fields of a JSON request message, with errors naming the field's path. */
final class Fields {
  private Fields() {}

  static ObjectNode requireObject(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw ApiException.invalidArgument(
        path, "Invalid value at '" + path + "': expected a JSON object.");
  }

  /** Rejects unknown names, as Google's JSON transcoding does. */
  static void allowOnly(ObjectNode node, String path, Set<String> names) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        throw ApiException.invalidArgument(
            path,
            "Invalid JSON payload received. Unknown name \""
                + name
                + "\" at '"
                + path
                + "': Cannot find field.");
      }
    }
  }

  static boolean present(ObjectNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  static String optionalString(ObjectNode node, String name, String path, int maxLength) {
    if (!present(node, name)) {
      return null;
    }
    JsonNode value = node.get(name);
    if (!value.isTextual()) {
      throw ApiException.invalidArgument(
          path + "." + name, "Invalid value at '" + path + "." + name + "': expected a string.");
    }
    if (value.asText().length() > maxLength) {
      throw ApiException.invalidArgument(
          path + "." + name,
          "Field '"
              + path
              + "."
              + name
              + "' is "
              + value.asText().length()
              + " characters long; at most "
              + maxLength
              + " are allowed.");
    }
    return value.asText();
  }

  static String requiredString(ObjectNode node, String name, String path) {
    String value = optionalString(node, name, path, Integer.MAX_VALUE);
    if (value == null || value.isEmpty()) {
      throw ApiException.invalidArgument(
          path + "." + name, "Field '" + path + "." + name + "' is required.");
    }
    return value;
  }

  /** A required resource name in the given format (the message shows the format). */
  static String resourceName(
      ObjectNode node, String name, String path, Pattern pattern, String format) {
    String value = requiredString(node, name, path);
    if (!pattern.matcher(value).matches()) {
      throw ApiException.invalidArgument(
          path + "." + name,
          "Invalid resource name in '"
              + path
              + "."
              + name
              + "': \""
              + value
              + "\"; expected "
              + format
              + ".");
    }
    return value;
  }

  /**
   * A floating-point field; as the protobuf JSON mapping reads numbers, a JSON number or a string
   * holding one ({@code 12.5} or {@code "12.5"}).
   */
  static double number(ObjectNode node, String name, String path, double min, double max) {
    return inRange(numeric(node, name, path, "TYPE_DOUBLE"), node, name, path, min, max)
        .doubleValue();
  }

  /**
   * An int32 field; as the protobuf JSON mapping reads integers, a JSON number or a string holding
   * one ({@code 50}, {@code "50"}, {@code 50.0}); a fraction such as {@code 50.5} is
   * INVALID_ARGUMENT naming the field.
   */
  static int integer(ObjectNode node, String name, String path, int min, int max) {
    BigDecimal number = numeric(node, name, path, "TYPE_INT32");
    String field = path + "." + name;
    try {
      number.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw ApiException.invalidArgument(
          field,
          "Invalid value at '"
              + field
              + "' (TYPE_INT32), "
              + node.get(name)
              + ": an integer is required.");
    }
    return inRange(number, node, name, path, min, max).intValue();
  }

  private static BigDecimal numeric(ObjectNode node, String name, String path, String type) {
    JsonNode value = node.get(name);
    String field = path + "." + name;
    if (value == null || value.isNull()) {
      throw ApiException.invalidArgument(field, "Field '" + field + "' is required.");
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        // answered below
      }
    }
    throw ApiException.invalidArgument(
        field,
        "Invalid value at '"
            + field
            + "' ("
            + type
            + "), "
            + value
            + ": expected a number, or a string holding one.");
  }

  private static BigDecimal inRange(
      BigDecimal number, ObjectNode node, String name, String path, double min, double max) {
    if (number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      String field = path + "." + name;
      throw ApiException.invalidArgument(
          field,
          "Invalid value for '"
              + field
              + "': "
              + node.get(name)
              + "; must be between "
              + format(min)
              + " and "
              + format(max)
              + ".");
    }
    return number;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
