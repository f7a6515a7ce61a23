package io.github.faultexperiment.chaosmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.spi.TargetKey;
import org.junit.jupiter.api.Test;

/** Template files: one manifest of one of the eight kinds, YAML or JSON, else a clear refusal. */
class ChaosTemplatesTests {
  private static final String DELAY =
      """
      apiVersion: chaos-mesh.org/v1alpha1
      kind: NetworkChaos
      metadata:
        namespace: shop
      spec:
        action: delay
        mode: all
        selector:
          labelSelectors: {app: web}
        delay: {latency: 100ms}
      """;

  @Test
  void readsYamlAndJsonFromTheClasspath() {
    ChaosTemplate yaml =
        ChaosTemplates.find(getClass().getClassLoader(), "web-delay").orElseThrow();
    ChaosTemplate json =
        ChaosTemplates.find(getClass().getClassLoader(), "web-failure.json").orElseThrow();

    assertThat(yaml.kind()).isEqualTo(ChaosKind.NETWORK_CHAOS);
    assertThat(yaml.fault()).isEqualTo("NetworkChaos/delay");
    assertThat(yaml.location()).endsWith("fault-experiments/chaos-mesh/web-delay.yaml");
    assertThat(json.kind()).isEqualTo(ChaosKind.POD_CHAOS);
    assertThat(json.name()).isEqualTo("web-failure");
    assertThat(ChaosTemplates.find(getClass().getClassLoader(), "missing")).isEmpty();
  }

  @Test
  void everyKindIsAccepted() {
    for (ChaosKind kind : ChaosKind.values()) {
      ChaosTemplate template =
          ChaosTemplates.parse(
              "t", "t.yaml", DELAY.replace("kind: NetworkChaos", "kind: " + kind.kind()));
      assertThat(template.kind()).isEqualTo(kind);
    }
  }

  @Test
  void aFileThatIsNotOneChaosManifestIsRefusedNamingItAndWhatIsValid() {
    assertRefused("apiVersion: v1\nkind: Pod\nspec: {}\n", "its apiVersion is 'v1'");
    assertRefused(
        DELAY.replace("kind: NetworkChaos", "kind: Schedule"),
        "its kind is 'Schedule' (a Schedule has no injected state of its own");
    assertRefused(
        DELAY.replace("kind: NetworkChaos", "kind: KernelChaos"), "its kind is 'KernelChaos'");
    assertRefused(DELAY + "---\n" + DELAY, "it holds 2 YAML documents");
    assertRefused("apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\n", "it has no spec object");
    assertRefused("spec: [unclosed\n", "it is not valid YAML");
    assertRefused("", "it holds no manifest");
    assertThatThrownBy(() -> ChaosTemplates.parse("j", "dir/j.json", "{\"kind\": }"))
        .isInstanceOf(FaultExperimentException.class)
        .hasMessageContaining("dir/j.json")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void targetKeysAreTheNamespaceAndTheSelector() {
    ChaosTemplate template = ChaosTemplates.parse("t", "t.yaml", DELAY);

    assertThat(ChaosTargets.of(template.spec(), "shop"))
        .containsExactly(
            TargetKey.partOf("chaos-mesh namespace shop"),
            TargetKey.whole("chaos-mesh selector shop {labelSelectors={app=web}}"));
    assertThat(ChaosTargets.ofFile(DELAY)).isPresent();
    assertThat(ChaosTargets.ofFile(DELAY.replace("  namespace: shop\n", "  name: x\n")))
        .as("the namespace comes from configuration: unknown at discovery")
        .isEmpty();
  }

  @Test
  void anEmptySelectorHoldsTheWholeNamespaceAndNamedPodsTheirOwnKeys() {
    ChaosTemplate everyPod =
        ChaosTemplates.parse(
            "t",
            "t.yaml",
            "apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nspec:\n  action: pod-kill\n"
                + "  mode: one\n  selector: {}\n");
    ChaosTemplate named =
        ChaosTemplates.parse(
            "t",
            "t.yaml",
            "apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nspec:\n  action: pod-kill\n"
                + "  mode: one\n  selector:\n    pods:\n      shop: [web-1]\n");

    assertThat(ChaosTargets.of(everyPod.spec(), "shop"))
        .containsExactly(TargetKey.whole("chaos-mesh namespace shop"));
    assertThat(ChaosTargets.of(named.spec(), "default"))
        .containsExactly(
            TargetKey.partOf("chaos-mesh namespace shop"),
            TargetKey.whole("chaos-mesh pod shop/web-1"));
    assertThat(ChaosTargets.namespaces(named.spec(), "default")).containsExactly("default", "shop");
  }

  private static void assertRefused(String text, String why) {
    assertThatThrownBy(
            () -> ChaosTemplates.parse("bad", "fault-experiments/chaos-mesh/bad.yaml", text))
        .isInstanceOf(FaultExperimentException.class)
        .hasMessageContaining(
            "Chaos Mesh template fault-experiments/chaos-mesh/bad.yaml is not valid")
        .hasMessageContaining(why)
        .hasMessageContaining(
            "PodChaos, NetworkChaos, HTTPChaos, StressChaos, IOChaos, TimeChaos, DNSChaos, JVMChaos");
  }
}
