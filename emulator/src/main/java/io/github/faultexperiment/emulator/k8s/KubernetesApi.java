package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Kubernetes API subset a Chaos Mesh client needs, as the apiserver answers it: discovery
 * ({@code /version}, {@code /api}, {@code /apis}), the chaos kinds ({@code
 * /apis/chaos-mesh.org/v1alpha1/[namespaces/NS/]PLURAL[/NAME]}: create with {@code dryRun=All},
 * get, list by {@code labelSelector}, JSON merge-patch, update, delete), pods and events ({@code
 * /api/v1/[namespaces/NS/]pods|events}), with {@code Status} objects for errors and a bearer token
 * on every call but {@code /version}.
 */
final class KubernetesApi {
  private static final String CHAOS_PREFIX = "/apis/" + ChaosKind.API_VERSION;
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final Map<String, String> CORE_KINDS = Map.of("pods", "Pod", "events", "Event");

  private final Storage storage;
  private final ChaosController controller;
  private final Supplier<List<Pod>> pods;
  private final Supplier<String> token;
  // RBAC is checked before admission and storage, so a refused create (dry run or not) leaves
  // nothing
  private volatile String refusedUser;

  KubernetesApi(
      Storage storage,
      ChaosController controller,
      Supplier<List<Pod>> pods,
      Supplier<String> token) {
    this.storage = storage;
    this.controller = controller;
    this.pods = pods;
    this.token = token;
  }

  /** Refuses every chaos-object create from now on as RBAC refuses {@code user}; null allows. */
  void refuseCreates(String user) {
    refusedUser = user;
  }

  /** Whether a request path belongs to the Kubernetes API. */
  static boolean serves(String path) {
    return path.equals("/version")
        || path.equals("/api")
        || path.equals("/apis")
        || path.startsWith("/api/")
        || path.startsWith("/apis/");
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String method = exchange.getRequestMethod();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (!path.equals("/version")) {
        authenticate(exchange);
      }
      Answer answer = answer(exchange, method, path, query, body);
      send(exchange, answer.code(), answer.body());
    } catch (StatusException e) {
      send(exchange, e.code(), e.toJson());
    }
  }

  private record Answer(int code, JsonNode body) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body);
    }
  }

  private void authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String expected = "Bearer " + token.get();
    if (header == null
        || !MessageDigest.isEqual(
            header.trim().getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8))) {
      throw StatusException.unauthorized();
    }
  }

  private Answer answer(
      HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body) {
    if (query.containsKey("watch") && !"false".equals(query.get("watch"))) {
      throw StatusException.methodNotAllowed("watch");
    }
    switch (path) {
      case "/version":
        return Answer.ok(version());
      case "/api":
        return Answer.ok(coreVersions(exchange));
      case "/apis":
        return Answer.ok(groups());
      case "/api/v1":
        return Answer.ok(coreResources());
      case "/apis/" + ChaosKind.GROUP:
        return Answer.ok(group());
      case CHAOS_PREFIX:
        return Answer.ok(chaosResources());
      default:
        break;
    }
    String[] parts = path.substring(1).split("/");
    if (path.startsWith(CHAOS_PREFIX + "/")) {
      String[] rest = java.util.Arrays.copyOfRange(parts, 3, parts.length);
      return chaos(method, rest, query, body, exchange);
    }
    if (path.startsWith("/api/v1/")) {
      String[] rest = java.util.Arrays.copyOfRange(parts, 2, parts.length);
      return core(method, rest, query);
    }
    throw StatusException.pathNotFound();
  }

  // ---- chaos kinds

  private Answer chaos(
      String method, String[] rest, Map<String, String> query, byte[] body, HttpExchange exchange) {
    String namespace = null;
    int at = 0;
    if (rest.length >= 3 && rest[0].equals("namespaces")) {
      namespace = decode(rest[1]);
      at = 2;
    }
    if (rest.length - at < 1 || rest.length - at > 2) {
      throw StatusException.pathNotFound();
    }
    ChaosKind kind = ChaosKind.byPlural(rest[at]).orElseThrow(StatusException::pathNotFound);
    String name = rest.length - at == 2 ? decode(rest[at + 1]) : null;
    boolean dryRun = "All".equals(query.get("dryRun"));
    if (name == null) {
      return switch (method) {
        case "GET" -> Answer.ok(list(kind, namespace, query.get("labelSelector")));
        case "POST" -> {
          if (namespace == null) {
            throw StatusException.methodNotAllowed("POST without a namespace");
          }
          String refused = refusedUser;
          if (refused != null) {
            throw StatusException.forbiddenCreate(kind, namespace, refused);
          }
          yield new Answer(201, create(kind, namespace, Json.parse(body), dryRun));
        }
        default -> throw StatusException.methodNotAllowed(method);
      };
    }
    if (namespace == null) {
      throw StatusException.pathNotFound();
    }
    ObjectKey key = new ObjectKey(kind, namespace, name);
    return switch (method) {
      case "GET" -> Answer.ok(existing(key).deepCopy());
      case "PATCH" -> Answer.ok(patch(key, contentType(exchange), Json.parse(body), dryRun));
      case "PUT" -> Answer.ok(update(key, Json.parse(body), dryRun));
      case "DELETE" -> Answer.ok(delete(key, dryRun));
      default -> throw StatusException.methodNotAllowed(method);
    };
  }

  private ObjectNode list(ChaosKind kind, String namespace, String labelSelector) {
    Predicate<Map<String, String>> labels = LabelQuery.parse(labelSelector);
    synchronized (storage) {
      ObjectNode list = Json.object();
      list.put("apiVersion", ChaosKind.API_VERSION);
      list.put("kind", kind.kind + "List");
      list.putObject("metadata").put("resourceVersion", storage.version());
      ArrayNode items = list.putArray("items");
      storage.list(kind, namespace, object -> labels.test(labels(object))).forEach(items::add);
      return list;
    }
  }

  private ObjectNode create(ChaosKind kind, String namespace, JsonNode body, boolean dryRun) {
    if (!body.isObject()) {
      throw StatusException.badRequest("the body of a create must be a JSON object");
    }
    ObjectNode object = ((ObjectNode) body).deepCopy();
    checkType(kind, object);
    ObjectNode metadata = object.withObjectProperty("metadata");
    String bodyNamespace = metadata.path("namespace").asText("");
    if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
      throw StatusException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    String name = metadata.path("name").asText("");
    if (name.isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
      name = metadata.path("generateName").asText() + suffix();
    }
    object.put("apiVersion", ChaosKind.API_VERSION);
    object.put("kind", kind.kind);
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    Admission.admitCreate(kind, object, name);
    // The controller owns status and deletion: what a client sends there is not kept.
    object.remove("status");
    metadata.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion"));
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("generation", 1);
    metadata.put("creationTimestamp", Json.time(Instant.now()));
    ObjectKey key = new ObjectKey(kind, namespace, name);
    synchronized (storage) {
      if (storage.get(key).isPresent()) {
        throw StatusException.alreadyExists(kind, name);
      }
      if (dryRun) {
        return object;
      }
      storage.put(key, object);
    }
    controller.changed(key);
    return object.deepCopy();
  }

  private ObjectNode patch(ObjectKey key, String contentType, JsonNode patch, boolean dryRun) {
    if (!contentType.startsWith(MERGE_PATCH)) {
      throw StatusException.unsupportedMediaType(contentType);
    }
    synchronized (storage) {
      ObjectNode current = existing(key);
      JsonNode changed = mergePatch(current.deepCopy(), patch);
      if (!changed.isObject()) {
        throw StatusException.badRequest("a merge patch of an object must leave an object");
      }
      return write(key, current, (ObjectNode) changed, dryRun);
    }
  }

  private ObjectNode update(ObjectKey key, JsonNode body, boolean dryRun) {
    if (!body.isObject()) {
      throw StatusException.badRequest("the body of an update must be a JSON object");
    }
    synchronized (storage) {
      ObjectNode current = existing(key);
      String version = body.path("metadata").path("resourceVersion").asText("");
      if (version.isEmpty()) {
        throw StatusException.invalid(
            key.kind(),
            key.name(),
            "metadata.resourceVersion",
            "Invalid value: 0x0: must be specified for an update");
      }
      return write(key, current, ((ObjectNode) body).deepCopy(), dryRun);
    }
  }

  /**
   * Stores a changed object: identity, status and deletion stay the server's, spec is immutable.
   */
  private ObjectNode write(ObjectKey key, ObjectNode current, ObjectNode changed, boolean dryRun) {
    ObjectNode before = (ObjectNode) current.get("metadata");
    ObjectNode metadata = changed.withObjectProperty("metadata");
    String version = metadata.path("resourceVersion").asText("");
    if (!version.isEmpty() && !version.equals(before.path("resourceVersion").asText())) {
      throw StatusException.conflict(
          key.kind(),
          key.name(),
          "the object has been modified; please apply your changes to the latest version and try"
              + " again");
    }
    checkType(key.kind(), changed);
    for (String field :
        List.of(
            "name",
            "namespace",
            "uid",
            "creationTimestamp",
            "generation",
            "resourceVersion",
            "deletionTimestamp",
            "deletionGracePeriodSeconds")) {
      if (before.has(field)) {
        metadata.set(field, before.get(field));
      } else {
        metadata.remove(field);
      }
    }
    Admission.admitUpdate(key.kind(), current, changed);
    if (current.has("status")) {
      changed.set("status", current.get("status"));
    } else {
      changed.remove("status");
    }
    if (dryRun) {
      return changed;
    }
    if (metadata.hasNonNull("deletionTimestamp") && metadata.path("finalizers").isEmpty()) {
      // The last finalizer went with this change: the object goes, whatever its records say.
      storage.remove(key);
      controller.changed(key);
      return changed;
    }
    storage.put(key, changed);
    controller.changed(key);
    return changed.deepCopy();
  }

  private ObjectNode delete(ObjectKey key, boolean dryRun) {
    synchronized (storage) {
      ObjectNode current = existing(key);
      if (dryRun) {
        return current.deepCopy();
      }
      ObjectNode metadata = (ObjectNode) current.get("metadata");
      if (metadata.path("finalizers").isEmpty()) {
        storage.remove(key);
        controller.changed(key);
        return current;
      }
      if (!metadata.hasNonNull("deletionTimestamp")) {
        metadata.put("deletionTimestamp", Json.time(Instant.now()));
        metadata.put("deletionGracePeriodSeconds", 0);
        storage.put(key, current);
      }
    }
    controller.changed(key);
    return existing(key).deepCopy();
  }

  private ObjectNode existing(ObjectKey key) {
    return storage.get(key).orElseThrow(() -> StatusException.notFound(key.kind(), key.name()));
  }

  private static void checkType(ChaosKind kind, ObjectNode object) {
    String apiVersion = object.path("apiVersion").asText("");
    String objectKind = object.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(ChaosKind.API_VERSION)) {
      throw StatusException.badRequest(
          "the API version in the data ("
              + apiVersion
              + ") does not match the expected API version ("
              + ChaosKind.API_VERSION
              + ")");
    }
    if (!objectKind.isEmpty() && !objectKind.equals(kind.kind)) {
      throw StatusException.badRequest(
          "the kind in the data ("
              + objectKind
              + ") does not match the expected kind ("
              + kind.kind
              + ")");
    }
  }

  /** RFC 7386: objects merge, {@code null} removes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : Json.object();
    patch
        .properties()
        .forEach(
            entry -> {
              if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
              } else {
                result.set(
                    entry.getKey(), mergePatch(result.get(entry.getKey()), entry.getValue()));
              }
            });
    return result;
  }

  // ---- pods, events, namespaces

  private Answer core(String method, String[] rest, Map<String, String> query) {
    if (!method.equals("GET")) {
      throw StatusException.methodNotAllowed(method);
    }
    String namespace = null;
    int at = 0;
    if (rest.length >= 1 && rest[0].equals("namespaces")) {
      if (rest.length == 2) {
        return Answer.ok(namespace(decode(rest[1])));
      }
      if (rest.length < 3) {
        throw StatusException.pathNotFound();
      }
      namespace = decode(rest[1]);
      at = 2;
    }
    if (rest.length - at < 1 || rest.length - at > 2 || !CORE_KINDS.containsKey(rest[at])) {
      throw StatusException.pathNotFound();
    }
    String resource = rest[at];
    String name = rest.length - at == 2 ? decode(rest[at + 1]) : null;
    if (resource.equals("pods")) {
      return Answer.ok(pods(namespace, name, query.get("labelSelector")));
    }
    if (name != null) {
      String wanted = name;
      return Answer.ok(
          storage.events(namespace, Map.of()).stream()
              .filter(e -> e.path("metadata").path("name").asText().equals(wanted))
              .findFirst()
              .orElseThrow(() -> StatusException.notFound("events", wanted)));
    }
    ObjectNode list = coreList("EventList");
    ArrayNode items = list.putArray("items");
    storage.events(namespace, fields(query.get("fieldSelector"))).forEach(items::add);
    return Answer.ok(list);
  }

  private JsonNode pods(String namespace, String name, String labelSelector) {
    Predicate<Map<String, String>> labels = LabelQuery.parse(labelSelector);
    List<Pod> matching =
        pods.get().stream()
            .filter(p -> namespace == null || p.namespace().equals(namespace))
            .filter(p -> name == null || p.name().equals(name))
            .filter(p -> labels.test(p.labels()))
            .toList();
    if (name != null) {
      if (matching.isEmpty()) {
        throw StatusException.notFound("pods", name);
      }
      return podJson(matching.get(0));
    }
    ObjectNode list = coreList("PodList");
    ArrayNode items = list.putArray("items");
    matching.forEach(p -> items.add(podJson(p)));
    return list;
  }

  private static ObjectNode podJson(Pod pod) {
    ObjectNode json = Json.object();
    json.put("apiVersion", "v1");
    json.put("kind", "Pod");
    ObjectNode metadata = json.putObject("metadata");
    metadata.put("name", pod.name());
    metadata.put("namespace", pod.namespace());
    metadata.put(
        "uid",
        UUID.nameUUIDFromBytes((Pod.CLUSTER + "/" + pod.id()).getBytes(StandardCharsets.UTF_8))
            .toString());
    metadata.put("resourceVersion", "1");
    ObjectNode labels = metadata.putObject("labels");
    pod.labels().forEach(labels::put);
    ObjectNode spec = json.putObject("spec");
    ArrayNode containers = spec.putArray("containers");
    pod.containers().forEach(c -> containers.addObject().put("name", c).put("image", "emulated"));
    spec.put("nodeName", Pod.CLUSTER + "-node");
    ObjectNode status = json.putObject("status");
    status.put("phase", "Running");
    status.put("podIP", "127.0.0.1");
    return json;
  }

  private static ObjectNode namespace(String name) {
    ObjectNode json = Json.object();
    json.put("apiVersion", "v1");
    json.put("kind", "Namespace");
    json.putObject("metadata").put("name", name);
    json.putObject("status").put("phase", "Active");
    return json;
  }

  private ObjectNode coreList(String kind) {
    ObjectNode list = Json.object();
    list.put("apiVersion", "v1");
    list.put("kind", kind);
    list.putObject("metadata").put("resourceVersion", storage.version());
    return list;
  }

  /** {@code involvedObject.name=x,involvedObject.kind=y}: the only field selectors events take. */
  private static Map<String, String> fields(String selector) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (selector == null || selector.isBlank()) {
      return fields;
    }
    for (String part : selector.split(",")) {
      String[] pair = part.split("==?", 2);
      String field = pair[0].trim();
      if (pair.length != 2
          || !(field.startsWith("involvedObject.")
              || field.equals("reason")
              || field.equals("type")
              || field.equals("metadata.name"))) {
        throw StatusException.badRequest(
            "field label not supported: "
                + field
                + " (the emulator takes involvedObject.*,"
                + " reason, type and metadata.name with =)");
      }
      fields.put(field, pair[1].trim());
    }
    return fields;
  }

  // ---- discovery

  private static ObjectNode version() {
    ObjectNode json = Json.object();
    json.put("major", "1");
    json.put("minor", "33");
    json.put("gitVersion", "v1.33.0-fault-experiment-emulator");
    json.put("platform", "linux/amd64");
    return json;
  }

  private static ObjectNode coreVersions(HttpExchange exchange) {
    ObjectNode json = Json.object();
    json.put("kind", "APIVersions");
    json.putArray("versions").add("v1");
    ObjectNode address = json.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put(
        "serverAddress",
        exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort());
    return json;
  }

  private static ObjectNode groups() {
    ObjectNode json = Json.object();
    json.put("kind", "APIGroupList");
    json.put("apiVersion", "v1");
    json.putArray("groups").add(group());
    return json;
  }

  private static ObjectNode group() {
    ObjectNode group = Json.object();
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    group.put("name", ChaosKind.GROUP);
    ObjectNode version = Json.object();
    version.put("groupVersion", ChaosKind.API_VERSION);
    version.put("version", ChaosKind.VERSION);
    group.putArray("versions").add(version);
    group.set("preferredVersion", version.deepCopy());
    return group;
  }

  private static ObjectNode chaosResources() {
    ObjectNode json = resourceList(ChaosKind.API_VERSION);
    ArrayNode resources = json.putArray("resources");
    for (ChaosKind kind : ChaosKind.values()) {
      resource(
          resources,
          kind.plural,
          kind.kind,
          true,
          "create",
          "delete",
          "get",
          "list",
          "patch",
          "update");
    }
    return json;
  }

  private static ObjectNode coreResources() {
    ObjectNode json = resourceList("v1");
    ArrayNode resources = json.putArray("resources");
    resource(resources, "namespaces", "Namespace", false, "get");
    resource(resources, "pods", "Pod", true, "get", "list");
    resource(resources, "events", "Event", true, "get", "list");
    return json;
  }

  private static ObjectNode resourceList(String groupVersion) {
    ObjectNode json = Json.object();
    json.put("kind", "APIResourceList");
    json.put("apiVersion", "v1");
    json.put("groupVersion", groupVersion);
    return json;
  }

  private static void resource(
      ArrayNode resources, String plural, String kind, boolean namespaced, String... verbs) {
    ObjectNode resource = resources.addObject();
    resource.put("name", plural);
    resource.put("singularName", kind.toLowerCase(java.util.Locale.ROOT));
    resource.put("namespaced", namespaced);
    resource.put("kind", kind);
    ArrayNode list = resource.putArray("verbs");
    for (String verb : verbs) {
      list.add(verb);
    }
  }

  // ---- HTTP

  private static Map<String, String> labels(JsonNode object) {
    Map<String, String> labels = new LinkedHashMap<>();
    object
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static String contentType(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    return type == null ? "" : type.trim();
  }

  private static String suffix() {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return suffix.toString();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      query.put(
          decode(eq < 0 ? pair : pair.substring(0, eq)),
          eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  static void send(HttpExchange exchange, int code, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
