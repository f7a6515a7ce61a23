package io.github.faultexperiment.emulator.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fault kinds a document's declaration may name in its text form (JSON over HTTP, on the
 * command line and in files), each with its fields; every error names the input and what would be
 * valid.
 *
 * <pre>{@code
 * {"document": "Redis-Failover-Automation",
 *  "effects": [{"target": "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:carts",
 *               "fault": "outage"}]}
 * }</pre>
 */
final class DeclaredFaults {
  /** Each kind with its fields, in the order the docs list them. */
  static final Map<String, List<String>> KINDS = kinds();

  private DeclaredFaults() {}

  private static Map<String, List<String>> kinds() {
    Map<String, List<String>> kinds = new LinkedHashMap<>();
    kinds.put("latency", List.of("delayMilliseconds", "jitterMilliseconds"));
    kinds.put("packet-loss", List.of("percentage"));
    kinds.put("outage", List.of("cause"));
    kinds.put("blackhole", List.of("port"));
    kinds.put("http-delay", List.of("delayMilliseconds", "percentage"));
    kinds.put("http-abort", List.of("statusCode", "percentage"));
    kinds.put("api-error", List.of("service", "operations", "error", "percentage"));
    return Collections.unmodifiableMap(kinds);
  }

  /**
   * Reads a declaration: {@code {"document": NAME, "effects": [{"target", "fault", …fields}]}}.
   *
   * @param json the declaration as Jackson reads a JSON object
   * @param defaultName the document's name when {@code document} is absent (a file's base name), or
   *     {@code null}
   * @throws IllegalArgumentException naming the field and what would be valid
   */
  static DocumentEffect read(Map<?, ?> json, String defaultName) {
    Object document = json.get("document");
    String name = document == null ? defaultName : document.toString();
    if (name == null) {
      throw new IllegalArgumentException(
          "a declaration needs \"document\": the SSM document's name or ARN");
    }
    for (Object key : json.keySet()) {
      if (!"document".equals(key) && !"effects".equals(key)) {
        throw new IllegalArgumentException(
            "unknown field '"
                + key
                + "' in the declaration of "
                + name
                + "; valid: document, effects");
      }
    }
    if (!(json.get("effects") instanceof Collection<?> effects) || effects.isEmpty()) {
      throw new IllegalArgumentException(
          "the declaration of "
              + name
              + " needs \"effects\": [{\"target\": ARN, \"fault\": KIND, …}], KIND one of "
              + String.join(", ", KINDS.keySet()));
    }
    DocumentEffect declared = DocumentEffect.of(name);
    for (Object effect : effects) {
      if (!(effect instanceof Map<?, ?> fields)) {
        throw new IllegalArgumentException(
            "each effect of "
                + name
                + " must be an object {\"target\", \"fault\", …}, was "
                + effect);
      }
      Object target = fields.get("target");
      declared =
          declared.on(
              target == null ? null : target.toString(), fault(declared.document(), fields));
    }
    return declared;
  }

  /** Reads one effect's fault from its {@code fault} kind and fields. */
  static LocalFault fault(String document, Map<?, ?> fields) {
    Object kindValue = fields.get("fault");
    String kind = kindValue == null ? null : kindValue.toString().trim().toLowerCase(Locale.ROOT);
    if (kind == null || !KINDS.containsKey(kind)) {
      throw new IllegalArgumentException(
          "fault of an effect of "
              + document
              + " must be one of "
              + String.join(", ", KINDS.keySet())
              + ", was '"
              + kindValue
              + "'");
    }
    Set<String> allowed = new LinkedHashSet<>(List.of("target", "fault"));
    allowed.addAll(KINDS.get(kind));
    for (Object key : fields.keySet()) {
      if (!allowed.contains(key.toString())) {
        throw new IllegalArgumentException(
            "fault "
                + kind
                + " of "
                + document
                + " has no field '"
                + key
                + "'; valid: "
                + String.join(", ", allowed));
      }
    }
    ActionParameters p =
        new ActionParameters(
            "fault " + kind + " of " + document, ActionParameters.stringKeys(fields));
    return switch (kind) {
      case "latency" ->
          new LocalFault.Latency(
              Duration.ofMillis((long) p.requiredNumber("delayMilliseconds", 0, 3_600_000)),
              p.millis("jitterMilliseconds", 0, 3_600_000));
      case "packet-loss" -> new LocalFault.PacketLoss(p.requiredNumber("percentage", 0, 100));
      case "outage" -> new LocalFault.Down(p.has("cause") ? p.text("cause") : "outage", null);
      case "blackhole" -> new LocalFault.Blackhole((int) p.number("port", 0, 0, 65535));
      case "http-delay" ->
          new LocalFault.Delay(
              Duration.ofMillis((long) p.requiredNumber("delayMilliseconds", 0, 900_000)),
              p.number("percentage", 100, 0, 100));
      case "http-abort" ->
          new LocalFault.Abort(
              (int) p.requiredNumber("statusCode", 100, 599),
              p.number("percentage", 100, 0, 100),
              false);
      default -> apiError(p, fields);
    };
  }

  private static LocalFault apiError(ActionParameters p, Map<?, ?> fields) {
    Map<String, LocalFault.ApiErrorKind> errors =
        Map.of(
            "internal-error", LocalFault.ApiErrorKind.INTERNAL_ERROR,
            "throttle", LocalFault.ApiErrorKind.THROTTLE,
            "unavailable", LocalFault.ApiErrorKind.UNAVAILABLE);
    String error = p.choice("error", "unavailable", errors.keySet());
    Set<String> operations;
    if (fields.get("operations") instanceof Collection<?> list) {
      List<String> names = new ArrayList<>();
      list.forEach(operation -> names.add(operation.toString().trim()));
      operations = Set.copyOf(names);
    } else {
      operations = p.list("operations");
    }
    return new LocalFault.ApiError(
        p.text("service").trim(),
        operations,
        errors.get(error),
        p.number("percentage", 100, 0, 100));
  }

  /** The text form of a fault, as {@code GET /_emulator/document-effects} shows it. */
  static Map<String, Object> view(DocumentEffect.TargetEffect effect) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("target", effect.target());
    LocalFault fault = effect.fault();
    if (fault instanceof LocalFault.Latency l) {
      view.put("fault", "latency");
      view.put("delayMilliseconds", l.delay().toMillis());
      view.put("jitterMilliseconds", l.jitter().toMillis());
    } else if (fault instanceof LocalFault.PacketLoss l) {
      view.put("fault", "packet-loss");
      view.put("percentage", l.percentage());
    } else if (fault instanceof LocalFault.Down d) {
      view.put("fault", "outage");
      view.put("cause", d.cause());
    } else if (fault instanceof LocalFault.Blackhole b) {
      view.put("fault", "blackhole");
      view.put("port", b.port());
    } else if (fault instanceof LocalFault.Delay d) {
      view.put("fault", "http-delay");
      view.put("delayMilliseconds", d.delay().toMillis());
      view.put("percentage", d.percentage());
    } else if (fault instanceof LocalFault.Abort a) {
      view.put("fault", "http-abort");
      view.put("statusCode", a.statusCode());
      view.put("percentage", a.percentage());
    } else if (fault instanceof LocalFault.Respond r) {
      view.put("fault", "http-respond");
      view.put("statusCode", r.statusCode());
      view.put("percentage", r.percentage());
    } else if (fault instanceof LocalFault.ApiError e) {
      view.put("fault", "api-error");
      view.put("service", e.service());
      view.put("operations", e.operations().stream().sorted().toList());
      view.put("error", e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      view.put("percentage", e.percentage());
    }
    return view;
  }
}
