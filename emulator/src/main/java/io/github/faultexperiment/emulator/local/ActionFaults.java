package io.github.faultexperiment.emulator.local;

import io.github.faultexperiment.emulator.ActionEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the local fault an experiment's action stands for, and which targets it applies to, from
 * the action as the cloud defines it: FIS Lambda invocation actions and Fault Testing's {@code
 * l7LbHttpFault}. Other actions have no local effect.
 */
final class ActionFaults {
  static final String LAMBDA_ADD_DELAY = "aws:lambda:invocation-add-delay";
  static final String LAMBDA_ERROR = "aws:lambda:invocation-error";
  static final String LAMBDA_HTTP_RESPONSE = "aws:lambda:invocation-http-integration-response";
  static final String L7_LB_HTTP_FAULT = "l7LbHttpFault";

  /**
   * The status a Lambda function URL or API Gateway answers when the function's invocation fails.
   */
  static final int LAMBDA_ERROR_STATUS = 502;

  private ActionFaults() {}

  /**
   * A fault and the targets it applies to.
   *
   * @param fault what the targets do while the action runs
   * @param appliesTo which registered targets the action targets
   */
  record Injection(LocalFault fault, Predicate<LocalTarget> appliesTo) {}

  /**
   * The local fault of an action, or empty when the action has none.
   *
   * @throws IllegalArgumentException when a parameter is malformed, naming it
   */
  static Optional<Injection> of(ActionEvent event) {
    Map<String, Object> p = event.parameters();
    switch (event.actionType()) {
      case LAMBDA_ADD_DELAY:
        return lambda(
            event,
            new LocalFault.Delay(
                Duration.ofMillis((long) number(p, "startupDelayMilliseconds", 1000)),
                number(p, "invocationPercentage", 100)));
      case LAMBDA_ERROR:
        return lambda(
            event,
            new LocalFault.Abort(
                LAMBDA_ERROR_STATUS,
                number(p, "invocationPercentage", 100),
                !bool(p, "preventExecution")));
      case LAMBDA_HTTP_RESPONSE:
        return lambda(
            event,
            new LocalFault.Respond(
                (int) requiredNumber(p, "statusCode"),
                text(p, "contentTypeHeader"),
                number(p, "invocationPercentage", 100),
                !bool(p, "preventExecution")));
      case L7_LB_HTTP_FAULT:
        return loadBalancer(event);
      default:
        return Optional.empty();
    }
  }

  private static Optional<Injection> lambda(ActionEvent event, LocalFault fault) {
    List<String> arns = event.targets();
    return Optional.of(
        new Injection(
            fault,
            target ->
                target.kind() == LocalTarget.Kind.LAMBDA_FUNCTION
                    && arns.stream().anyMatch(arn -> sameFunction(target.resource(), arn))));
  }

  /** A qualified ARN (version or alias) targets the function registered without qualifier. */
  private static boolean sameFunction(String registered, String targeted) {
    return targeted.equals(registered) || targeted.startsWith(registered + ":");
  }

  private static Optional<Injection> loadBalancer(ActionEvent event) {
    Map<String, Object> p = event.parameters();
    if (p.get(L7_LB_HTTP_FAULT) instanceof Map<?, ?> wrapped) {
      p = stringKeys(wrapped);
    }
    List<String> rules = new ArrayList<>(event.targets());
    if (p.get("forwardingRule") instanceof String rule) {
      rules.add(rule);
    }
    List<String> forwardingRules = rules.stream().map(ActionFaults::resourceName).toList();
    String backendService =
        p.get("backendService") instanceof String service ? resourceName(service) : null;
    LocalFault fault;
    if (p.get("abort") instanceof Map<?, ?> abort) {
      Map<String, Object> a = stringKeys(abort);
      fault =
          new LocalFault.Abort(
              (int) requiredNumber(a, "statusCode"), number(a, "percentage", 100), false);
    } else if (p.get("delay") instanceof Map<?, ?> delay) {
      Map<String, Object> d = stringKeys(delay);
      fault = new LocalFault.Delay(duration(d, "delay"), number(d, "percentage", 100));
    } else {
      throw new IllegalArgumentException(
          "l7LbHttpFault needs either abort {percentage, statusCode} or delay {delay,"
              + " percentage}, was "
              + p);
    }
    return Optional.of(
        new Injection(
            fault,
            target ->
                target.kind() == LocalTarget.Kind.FORWARDING_RULE
                    && forwardingRules.contains(target.resource())
                    && (backendService == null
                        || backendService.equals(target.backendService().orElse(null)))));
  }

  /**
   * Google resource names come as {@code projects/…}, {@code //compute.googleapis.com/projects/…}
   * or full {@code https://…/compute/v1/projects/…} URLs; all name the same resource.
   */
  static String resourceName(String name) {
    int start = name.indexOf("projects/");
    return start < 0 ? name : name.substring(start);
  }

  private static double number(Map<String, Object> parameters, String name, double otherwise) {
    return parameters.get(name) == null ? otherwise : requiredNumber(parameters, name);
  }

  private static double requiredNumber(Map<String, Object> parameters, String name) {
    Object value = parameters.get(name);
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(text(parameters, name).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter " + name + " must be a number, was '" + value + "'", e);
    }
  }

  private static boolean bool(Map<String, Object> parameters, String name) {
    Object value = parameters.get(name);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException(
        "parameter " + name + " must be true or false, was '" + value + "'");
  }

  private static String text(Map<String, Object> parameters, String name) {
    Object value = parameters.get(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException("parameter " + name + " is required");
    }
    return value.toString();
  }

  /** Protobuf's JSON form of a duration: seconds with up to nine decimals and an {@code s}. */
  private static Duration duration(Map<String, Object> parameters, String name) {
    String text = text(parameters, name).trim();
    try {
      if (!text.endsWith("s")) {
        throw new NumberFormatException("no unit");
      }
      BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
      return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "parameter "
              + name
              + " must be a duration in seconds such as \"1.5s\", was '"
              + text
              + "'",
          e);
    }
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), value));
    return copy;
  }
}
