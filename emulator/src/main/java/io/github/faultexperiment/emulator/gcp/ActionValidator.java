package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an {@code Action} — exactly one of {@code cloudSqlFailover}, {@code l7LbHttpFault},
 * {@code gceFailCompute}, {@code gkeFailCompute} — and returns its normalised copy.
 */
final class ActionValidator {
  static final List<String> KINDS =
      List.of("cloudSqlFailover", "l7LbHttpFault", "gceFailCompute", "gkeFailCompute");

  private static final Pattern SQL_INSTANCE = Pattern.compile("projects/[^/]+/instances/[^/]+");
  private static final Pattern FORWARDING_RULE =
      Pattern.compile("projects/[^/]+/(global|regions/[^/]+)/forwardingRules/[^/]+");
  private static final Pattern BACKEND_SERVICE =
      Pattern.compile("projects/[^/]+/(global|regions/[^/]+)/backendServices/[^/]+");
  private static final Pattern GCE_INSTANCE =
      Pattern.compile("projects/[^/]+/zones/[^/]+/instances/[^/]+");
  private static final Pattern MIG =
      Pattern.compile("projects/[^/]+/(zones|regions)/[^/]+/instanceGroupManagers/[^/]+");
  private static final Pattern GKE_CLUSTER =
      Pattern.compile("projects/[^/]+/locations/[^/]+/clusters/[^/]+");

  private ActionValidator() {}

  static ObjectNode validate(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw ApiException.invalidArgument(path, "Field '" + path + "' is required.");
    }
    ObjectNode action = Fields.requireObject(node, path);
    Fields.allowOnly(action, path, Set.copyOf(KINDS));
    List<String> kinds = KINDS.stream().filter(kind -> Fields.present(action, kind)).toList();
    if (kinds.size() != 1) {
      throw ApiException.invalidArgument(
          path,
          "Field '"
              + path
              + "' must set exactly one of "
              + String.join(", ", KINDS)
              + "; it sets "
              + (kinds.isEmpty() ? "none" : String.join(", ", kinds))
              + ".");
    }
    String kind = kinds.get(0);
    String kindPath = path + "." + kind;
    ObjectNode body = Fields.requireObject(action.get(kind), kindPath);
    ObjectNode normalised = Json.object();
    normalised.set(
        kind,
        switch (kind) {
          case "cloudSqlFailover" -> cloudSqlFailover(body, kindPath);
          case "l7LbHttpFault" -> l7LbHttpFault(body, kindPath);
          case "gceFailCompute" -> gceFailCompute(body, kindPath);
          default -> gkeFailCompute(body, kindPath);
        });
    return normalised;
  }

  /** The action's kind, e.g. {@code l7LbHttpFault}. */
  static String kind(ObjectNode action) {
    return action.fieldNames().next();
  }

  private static ObjectNode cloudSqlFailover(ObjectNode body, String path) {
    Fields.allowOnly(body, path, Set.of("instance"));
    Fields.resourceName(
        body, "instance", path, SQL_INSTANCE, "projects/{project}/instances/{instance}");
    return body.deepCopy();
  }

  private static ObjectNode l7LbHttpFault(ObjectNode body, String path) {
    Fields.allowOnly(body, path, Set.of("forwardingRule", "backendService", "abort", "delay"));
    Fields.resourceName(
        body,
        "forwardingRule",
        path,
        FORWARDING_RULE,
        "projects/{project}/regions/{region}/forwardingRules/{rule} or"
            + " projects/{project}/global/forwardingRules/{rule}");
    if (Fields.present(body, "backendService")) {
      Fields.resourceName(
          body,
          "backendService",
          path,
          BACKEND_SERVICE,
          "projects/{project}/regions/{region}/backendServices/{service} or"
              + " projects/{project}/global/backendServices/{service}");
    }
    boolean abort = Fields.present(body, "abort");
    boolean delay = Fields.present(body, "delay");
    if (abort == delay) {
      throw ApiException.invalidArgument(
          path, "Field '" + path + "' must set exactly one of abort, delay.");
    }
    ObjectNode copy = body.deepCopy();
    if (abort) {
      ObjectNode fault = Fields.requireObject(body.get("abort"), path + ".abort");
      Fields.allowOnly(fault, path + ".abort", Set.of("percentage", "statusCode"));
      // Both are int32 in the reference; the stored action holds them as JSON numbers.
      ObjectNode written = (ObjectNode) copy.get("abort");
      written.put("percentage", Fields.integer(fault, "percentage", path + ".abort", 0, 100));
      written.put("statusCode", Fields.integer(fault, "statusCode", path + ".abort", 500, 599));
    } else {
      String delayPath = path + ".delay";
      ObjectNode fault = Fields.requireObject(body.get("delay"), delayPath);
      Fields.allowOnly(fault, delayPath, Set.of("delay", "percentage"));
      ((ObjectNode) copy.get("delay"))
          .put("percentage", Fields.number(fault, "percentage", delayPath, 0, 100));
      Duration duration =
          Json.parseDuration(
              Fields.requiredString(fault, "delay", delayPath), delayPath + ".delay");
      if (duration.isNegative() || duration.isZero()) {
        throw ApiException.invalidArgument(
            delayPath + ".delay", "Field '" + delayPath + ".delay' must be a positive duration.");
      }
      ((ObjectNode) copy.get("delay")).put("delay", Json.formatDuration(duration));
    }
    return copy;
  }

  private static ObjectNode gceFailCompute(ObjectNode body, String path) {
    List<String> selectors = List.of("instances", "location", "mig", "secureTagValue");
    Fields.allowOnly(body, path, Set.copyOf(selectors));
    List<String> set = selectors.stream().filter(name -> Fields.present(body, name)).toList();
    if (set.size() != 1) {
      throw ApiException.invalidArgument(
          path,
          "Field '" + path + "' must set exactly one of " + String.join(", ", selectors) + ".");
    }
    switch (set.get(0)) {
      case "instances" -> {
        String listPath = path + ".instances";
        ObjectNode instances = Fields.requireObject(body.get("instances"), listPath);
        Fields.allowOnly(instances, listPath, Set.of("instances"));
        JsonNode names = instances.get("instances");
        if (!(names instanceof ArrayNode array) || array.isEmpty()) {
          throw ApiException.invalidArgument(
              listPath + ".instances",
              "Field '" + listPath + ".instances' must list at least one instance.");
        }
        for (int i = 0; i < array.size(); i++) {
          JsonNode name = array.get(i);
          if (!name.isTextual() || !GCE_INSTANCE.matcher(name.asText()).matches()) {
            throw ApiException.invalidArgument(
                listPath + ".instances[" + i + "]",
                "Invalid resource name in '"
                    + listPath
                    + ".instances["
                    + i
                    + "]': "
                    + name
                    + "; expected projects/{project}/zones/{zone}/instances/{instance}.");
          }
        }
      }
      case "mig" -> {
        ObjectNode mig = Fields.requireObject(body.get("mig"), path + ".mig");
        Fields.allowOnly(mig, path + ".mig", Set.of("instanceGroupManager", "location"));
        Fields.resourceName(
            mig,
            "instanceGroupManager",
            path + ".mig",
            MIG,
            "projects/{project}/zones/{zone}/instanceGroupManagers/{name} (or regions/{region})");
        Fields.optionalString(mig, "location", path + ".mig", Integer.MAX_VALUE);
      }
      default -> Fields.requiredString(body, set.get(0), path);
    }
    return body.deepCopy();
  }

  private static ObjectNode gkeFailCompute(ObjectNode body, String path) {
    Fields.allowOnly(body, path, Set.of("cluster", "k8sNamespace", "location"));
    Fields.resourceName(
        body,
        "cluster",
        path,
        GKE_CLUSTER,
        "projects/{project}/locations/{location}/clusters/{cluster}");
    JsonNode namespaces = body.get("k8sNamespace");
    if (namespaces != null && !namespaces.isNull()) {
      if (!namespaces.isArray()) {
        throw ApiException.invalidArgument(
            path + ".k8sNamespace", "Field '" + path + ".k8sNamespace' must be a list of strings.");
      }
      for (JsonNode namespace : namespaces) {
        if (!namespace.isTextual() || namespace.asText().isEmpty()) {
          throw ApiException.invalidArgument(
              path + ".k8sNamespace",
              "Field '" + path + ".k8sNamespace' must list non-empty namespace names.");
        }
      }
    }
    Fields.optionalString(body, "location", path, Integer.MAX_VALUE);
    return body.deepCopy();
  }
}
