package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.faultexperiment.CloudApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The few Kubernetes calls the provider makes, on fabric8's generic custom-resource API (no typed
 * Chaos Mesh model): create (also {@code dryRun=All}), get, list by label, JSON merge-patch of
 * metadata, delete, and the events about an object. Objects travel as JSON trees; every failure
 * becomes a {@link CloudApiException}.
 */
final class ChaosMeshClient implements AutoCloseable {
  private final KubernetesClient client;
  private final KubernetesSerialization serialization;

  ChaosMeshClient(Config config) {
    // the JDK's java.net.http client, named explicitly: fabric8's default is Vert.x
    this.client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientFactory(new JdkHttpClientFactory())
            .build();
    this.serialization = client.getKubernetesSerialization();
  }

  /** Creates the object; with {@code dryRun} the server validates it ({@code ?dryRun=All}). */
  JsonNode create(ChaosKind kind, String namespace, ObjectNode manifest, boolean dryRun) {
    GenericKubernetesResource resource =
        serialization.convertValue(manifest, GenericKubernetesResource.class);
    String name = manifest.path("metadata").path("name").asText();
    return call(
        (dryRun ? "create (dry run) " : "create ") + ref(kind, namespace, name),
        () -> {
          Resource<GenericKubernetesResource> target =
              resources(kind).inNamespace(namespace).resource(resource);
          return tree(dryRun ? target.dryRun().create() : target.create());
        });
  }

  /** The object, or empty when it does not exist. */
  Optional<JsonNode> get(ChaosKind kind, String namespace, String name) {
    return call(
        "get " + ref(kind, namespace, name),
        () ->
            Optional.ofNullable(resources(kind).inNamespace(namespace).withName(name).get())
                .map(this::tree));
  }

  /**
   * Merge-patches the object's metadata (annotations): never a PUT, since the controller writes
   * status with plain updates (the CRDs have no status subresource) that a whole-object write could
   * undo.
   */
  JsonNode patchMetadata(ChaosKind kind, String namespace, String name, ObjectNode metadata) {
    ObjectNode patch = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    patch.set("metadata", metadata);
    String body = serialization.asJson(patch);
    return call(
        "merge-patch " + ref(kind, namespace, name),
        () ->
            tree(
                resources(kind)
                    .inNamespace(namespace)
                    .withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), body)));
  }

  /** Deletes the object; whether it existed. */
  boolean delete(ChaosKind kind, String namespace, String name) {
    return call(
        "delete " + ref(kind, namespace, name),
        () -> !resources(kind).inNamespace(namespace).withName(name).delete().isEmpty());
  }

  /** The objects of a kind carrying the labels, in a namespace or in every one (null). */
  List<JsonNode> list(ChaosKind kind, String namespace, Map<String, String> labels) {
    return call(
        "list " + kind.plural() + (namespace == null ? "" : " in " + namespace) + " " + labels,
        () ->
            (namespace == null
                    ? resources(kind).inAnyNamespace().withLabels(labels)
                    : resources(kind).inNamespace(namespace).withLabels(labels))
                .list().getItems().stream().map(this::tree).toList());
  }

  /** The events about an object ({@code fieldSelector=involvedObject.name=…}), oldest first. */
  List<JsonNode> events(String namespace, String name) {
    return call(
        "list events of " + namespace + "/" + name,
        () ->
            client
                .v1()
                .events()
                .inNamespace(namespace)
                .withField("involvedObject.name", name)
                .list()
                .getItems()
                .stream()
                .map(this::tree)
                .toList());
  }

  /** The API server's URL. */
  String server() {
    return client.getMasterUrl().toString();
  }

  @Override
  public void close() {
    client.close();
  }

  private MixedOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources(ChaosKind kind) {
    return client.genericKubernetesResources(kind.context());
  }

  private JsonNode tree(Object resource) {
    return serialization.convertValue(resource, JsonNode.class);
  }

  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw KubernetesErrors.of(what, e);
    }
  }

  static String ref(ChaosKind kind, String namespace, String name) {
    return kind.plural() + " " + namespace + "/" + name;
  }
}
