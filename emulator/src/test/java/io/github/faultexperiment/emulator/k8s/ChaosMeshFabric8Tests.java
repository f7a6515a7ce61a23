package io.github.faultexperiment.emulator.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.github.faultexperiment.emulator.FaultEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("fabric8's Kubernetes client (JDK HTTP) against the emulated apiserver")
class ChaosMeshFabric8Tests {
  private static final ResourceDefinitionContext POD_CHAOS =
      new ResourceDefinitionContext.Builder()
          .withGroup("chaos-mesh.org")
          .withVersion("v1alpha1")
          .withKind("PodChaos")
          .withPlural("podchaos")
          .withNamespaced(true)
          .build();

  private FaultEmulator emulator;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator.chaosMesh().timings(ChaosMeshTimings.of(Duration.ofMillis(10)));
    emulator
        .chaosMesh()
        .addPod(
            io.github.faultexperiment.emulator.k8s.Pod.of(
                "default", "web-1", Map.of("app", "web")));
    client = client("test");
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  @Test
  void createsGetsListsPatchesAndDeletesGenericChaosResources() {
    GenericKubernetesResource created =
        podChaos().resource(manifest("fab", "pod-failure", "{\"run\": \"r7\"}")).create();

    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(podChaos().withName("fab").get().getMetadata().getLabels())
        .containsEntry("run", "r7");
    assertThat(podChaos().withLabel("run", "r7").list().getItems()).hasSize(1);
    GenericKubernetesResourceList everywhere =
        client.genericKubernetesResources(POD_CHAOS).inAnyNamespace().withLabel("run", "r7").list();
    assertThat(everywhere.getItems()).hasSize(1);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "Injected".equals(firstPhase(podChaos().withName("fab").get())));

    GenericKubernetesResource paused =
        podChaos()
            .withName("fab")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\": {\"annotations\": {\"experiment.chaos-mesh.org/pause\": \"true\"}}}");
    assertThat(paused.getMetadata().getAnnotations())
        .containsEntry("experiment.chaos-mesh.org/pause", "true");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "Not Injected".equals(firstPhase(podChaos().withName("fab").get())));

    List<Event> events =
        client
            .v1()
            .events()
            .inNamespace("default")
            .withField("involvedObject.name", "fab")
            .list()
            .getItems();
    assertThat(events)
        .extracting(Event::getReason)
        .contains("Started", "Applied", "Paused", "Recovered");
    List<Pod> pods = client.pods().inNamespace("default").withLabel("app", "web").list().getItems();
    assertThat(pods).extracting(p -> p.getMetadata().getName()).containsExactly("web-1");

    assertThat(podChaos().withName("fab").delete()).hasSize(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> podChaos().withName("fab").get() == null);
  }

  @Test
  void aDryRunCreateStoresNothing() {
    GenericKubernetesResource dry =
        podChaos().resource(manifest("dry", "pod-kill", "{}")).dryRun().create();

    assertThat(dry.getMetadata().getName()).isEqualTo("dry");
    assertThat(podChaos().withName("dry").get()).isNull();
  }

  @Test
  void errorsReachTheClientWithTheirCodesAndReasons() {
    podChaos().resource(manifest("twice", "pod-failure", "{}")).create();

    assertThatThrownBy(() -> podChaos().resource(manifest("twice", "pod-failure", "{}")).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
            });
    assertThatThrownBy(() -> podChaos().resource(manifest("bad", "pod-explode", "{}")).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getDetails().getCauses().get(0).getField())
                  .isEqualTo("spec.action");
            });
    assertThatThrownBy(
            () ->
                podChaos()
                    .withName("twice")
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"mode\": \"one\"}}"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThat(podChaos().withName("absent").get()).as("404 reads as absent").isNull();
    try (KubernetesClient stranger = client("not-the-key")) {
      assertThatThrownBy(
              () -> stranger.genericKubernetesResources(POD_CHAOS).inNamespace("default").list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      podChaos() {
    return client.genericKubernetesResources(POD_CHAOS).inNamespace("default");
  }

  private KubernetesClient client(String token) {
    // Config.empty(): nothing from the developer's kubeconfig or environment.
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(emulator.endpoint().toString())
            .withOauthToken(token)
            .withNamespace("default")
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  private static GenericKubernetesResource manifest(String name, String action, String labels) {
    return Serialization.unmarshal(
        Manifests.podChaos(name, action, labels, ""), GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private static String firstPhase(GenericKubernetesResource chaos) {
    Map<String, Object> status =
        (Map<String, Object>) chaos.getAdditionalProperties().get("status");
    if (status == null) {
      return null;
    }
    Map<String, Object> experiment = (Map<String, Object>) status.get("experiment");
    List<Map<String, Object>> records =
        experiment == null ? null : (List<Map<String, Object>>) experiment.get("containerRecords");
    return records == null || records.isEmpty() ? null : (String) records.get(0).get("phase");
  }
}
