package io.github.faultexperiment.chaosmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** Which cluster, and the allow-lists a real one needs; no call is made. */
class ChaosMeshSettingsTests {
  private static final EmulatorEndpoint EMULATOR =
      new EmulatorEndpoint(URI.create("http://127.0.0.1:41234"), "key-id", "secret-token");

  @TempDir Path directory;

  @Test
  void embeddedModeTalksToTheEmulatorAndNeverReadsAKubeconfig() throws Exception {
    Path kubeconfig = kubeconfig("prod", "https://prod.example.invalid:6443");
    Configuration configuration =
        Configuration.of(
            Map.of(ChaosMeshProperties.KUBECONFIG, kubeconfig.toString()),
            Map.of("KUBECONFIG", kubeconfig.toString()));

    ChaosMeshSettings settings = ChaosMeshSettings.resolve(configuration, Optional.of(EMULATOR));

    assertThat(settings.client().getMasterUrl()).startsWith("http://127.0.0.1:41234");
    assertThat(settings.client().getOauthToken()).isEqualTo("secret-token");
    assertThat(settings.context()).isEqualTo("emulator");
    assertThat(settings.namespace()).isEqualTo("default");
    assertThat(settings.toString()).doesNotContain("secret-token");
    settings.verifyCluster();
  }

  @Test
  void aRealClusterNeedsBothAllowListsAndItsContextInThem() throws Exception {
    Path kubeconfig = kubeconfig("staging", "https://127.0.0.1:6443");
    Map<String, String> parameters = new HashMap<>();
    parameters.put(ChaosMeshProperties.KUBECONFIG, kubeconfig.toString());

    assertThatThrownBy(() -> real(parameters).verifyCluster())
        .isInstanceOf(FaultExperimentException.class)
        .hasMessageContaining(ChaosMeshProperties.ALLOWED_CONTEXTS)
        .hasMessageContaining("'staging'");

    parameters.put(ChaosMeshProperties.ALLOWED_CONTEXTS, "prod");
    assertThatThrownBy(() -> real(parameters).verifyCluster())
        .hasMessageContaining("Kubernetes context 'staging' (cluster 'staging-cluster'")
        .hasMessageContaining("faultexperiment.chaos-mesh.allowed-contexts [prod]");

    parameters.put(ChaosMeshProperties.ALLOWED_CONTEXTS, "staging-cluster");
    assertThatThrownBy(() -> real(parameters).verifyCluster())
        .hasMessageContaining(ChaosMeshProperties.ALLOWED_NAMESPACES);

    parameters.put(ChaosMeshProperties.ALLOWED_NAMESPACES, "shop");
    assertThatThrownBy(() -> real(parameters).verifyCluster())
        .hasMessageContaining("namespace 'team-ns' (the default namespace)");

    parameters.put(ChaosMeshProperties.NAMESPACE, "shop");
    ChaosMeshSettings allowed = real(parameters);
    allowed.verifyCluster();
    assertThat(allowed.namespace()).isEqualTo("shop");
  }

  @Test
  void badSettingsAreNamed() throws Exception {
    assertThatThrownBy(
            () ->
                real(Map.of(ChaosMeshProperties.KUBECONFIG, directory.resolve("none").toString())))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("Configuration parameter faultexperiment.chaos-mesh.kubeconfig");
    Path kubeconfig = kubeconfig("staging", "https://127.0.0.1:6443");
    assertThatThrownBy(
            () ->
                real(
                    Map.of(
                        ChaosMeshProperties.KUBECONFIG,
                        kubeconfig.toString(),
                        ChaosMeshProperties.CONTEXT,
                        "other")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(ChaosMeshProperties.CONTEXT);
    assertThatThrownBy(
            () ->
                ChaosMeshSettings.resolve(
                    Configuration.of(
                        Map.of(ChaosMeshProperties.NAMESPACE, "Not_A_Namespace"), Map.of()),
                    Optional.of(EMULATOR)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("'Not_A_Namespace' is not valid");
    assertThatThrownBy(() -> real(Map.of()))
        .as("under environment=ignore nothing but the parameter names a kubeconfig")
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(ChaosMeshProperties.KUBECONFIG);
  }

  @Test
  void kubernetesErrorsMapOntoTheNeutralReasons() {
    assertThat(KubernetesErrors.reason(429, "")).isEqualTo(CloudApiException.Reason.THROTTLED);
    assertThat(KubernetesErrors.reason(404, "")).isEqualTo(CloudApiException.Reason.NOT_FOUND);
    assertThat(KubernetesErrors.reason(409, "")).isEqualTo(CloudApiException.Reason.CONFLICT);
    assertThat(KubernetesErrors.reason(403, "forbidden"))
        .isEqualTo(CloudApiException.Reason.ACCESS_DENIED);
    assertThat(KubernetesErrors.reason(403, "exceeded quota: chaos"))
        .isEqualTo(CloudApiException.Reason.QUOTA_EXCEEDED);
    assertThat(KubernetesErrors.reason(422, ""))
        .isEqualTo(CloudApiException.Reason.INVALID_REQUEST);
    assertThat(KubernetesErrors.reason(503, "")).isEqualTo(CloudApiException.Reason.UNAVAILABLE);
    assertThat(KubernetesErrors.reason(0, "")).isEqualTo(CloudApiException.Reason.UNAVAILABLE);

    CloudApiException denied =
        KubernetesErrors.of("get podchaos shop/x", new KubernetesClientException("no", 403, null));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.provider()).isEqualTo("chaos-mesh");
    assertThat(denied)
        .hasMessageContaining("get podchaos shop/x")
        .hasMessageContaining("docs/chaos-mesh.md");
  }

  private static ChaosMeshSettings real(Map<String, String> parameters) {
    return ChaosMeshSettings.resolve(Configuration.of(parameters, Map.of()), Optional.empty());
  }

  private Path kubeconfig(String context, String server) throws Exception {
    Path file = Files.createTempFile(directory, "kubeconfig", ".yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: CONTEXT-cluster
          cluster: {server: "SERVER"}
        users:
        - name: tester
          user: {token: not-a-real-token}
        contexts:
        - name: CONTEXT
          context: {cluster: CONTEXT-cluster, user: tester, namespace: team-ns}
        current-context: CONTEXT
        """
            .replace("CONTEXT", context)
            .replace("SERVER", server));
    return file;
  }
}
