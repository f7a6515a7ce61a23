package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceParametersTests {
  private static final String PODS = "arn:aws:eks:us-east-1:123456789012:pod/";
  private static final String TASKS = "arn:aws:ecs:us-east-1:123456789012:task/";
  private static final List<RegisteredResource> REGISTERED =
      List.of(
          pod("shop/default/checkout-7d9f5c-x2k4p", Map.of("app", "checkout", "tier", "web")),
          pod(
              "shop/default/checkout-canary-5b8c-q9z1",
              Map.of("app", "checkout", "tier", "canary")),
          pod("shop/batch/checkout-7d9f5c-a1b2c", Map.of("app", "checkout")),
          pod("ops/default/checkout-7d9f5c-m3n4o", Map.of("app", "checkout")),
          task("shop/5f1e7d2c", Map.of(ResourceParameters.SERVICE_TAG, "inventory")),
          task("shop/9a8b7c6d", Map.of(ResourceParameters.SERVICE_TAG, "pricing")),
          task("ops/1a2b3c4d", Map.of(ResourceParameters.SERVICE_TAG, "inventory")));

  @Test
  void podsAreThoseOfTheClusterAndNamespaceTheSelectorPicks() throws Exception {
    assertThat(pods("shop", "default", "labelSelector", "app=checkout"))
        .containsExactly(
            PODS + "shop/default/checkout-7d9f5c-x2k4p",
            PODS + "shop/default/checkout-canary-5b8c-q9z1");
    assertThat(pods("shop", "default", "labelSelector", "app==checkout, tier!=canary"))
        .containsExactly(PODS + "shop/default/checkout-7d9f5c-x2k4p");
    assertThat(pods("shop", "default", "deploymentName", "checkout"))
        .containsExactly(PODS + "shop/default/checkout-7d9f5c-x2k4p");
    assertThat(pods("shop", "batch", "podName", "checkout-7d9f5c-a1b2c"))
        .containsExactly(PODS + "shop/batch/checkout-7d9f5c-a1b2c");
    assertThat(
            pods(
                "arn:aws:eks:us-east-1:123456789012:cluster/ops",
                "default",
                "labelSelector",
                "app=checkout"))
        .containsExactly(PODS + "ops/default/checkout-7d9f5c-m3n4o");
    assertThat(pods("shop", "default", "labelSelector", "app=cart")).isEmpty();
  }

  @Test
  void tasksAreThoseOfTheClusterAndTheServiceTheirManagedTagNames() throws Exception {
    assertThat(resolve("aws:ecs:task", Map.of("cluster", "shop", "service", "inventory")))
        .containsExactly(TASKS + "shop/5f1e7d2c");
    assertThat(
            resolve(
                "aws:ecs:task",
                Map.of(
                    "cluster",
                    "arn:aws:ecs:us-east-1:123456789012:cluster/ops",
                    "service",
                    "inventory")))
        .containsExactly(TASKS + "ops/1a2b3c4d");
  }

  @Test
  void aLabelSelectorTermThatIsNotAnEqualityIsRefusedNamingIt() {
    assertThatThrownBy(() -> ResourceParameters.labelSelector("app=web,tier"))
        .hasMessageStartingWith("'tier' is not an equality-based label selector term")
        .hasMessageContaining("key=value, key==value or key!=value");
  }

  private static List<String> pods(String cluster, String namespace, String type, String value)
      throws Exception {
    return resolve(
        "aws:eks:pod",
        Map.of(
            "clusterIdentifier",
            cluster,
            "namespace",
            namespace,
            "selectorType",
            type,
            "selectorValue",
            value));
  }

  private static List<String> resolve(String type, Map<String, String> parameters)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    return TargetResolver.resolve(
        json.readTree(
            json.writeValueAsString(
                Map.of("resourceType", type, "parameters", parameters, "selectionMode", "ALL"))),
        REGISTERED);
  }

  private static RegisteredResource pod(String path, Map<String, String> labels) {
    return new RegisteredResource(PODS + path, "aws:eks:pod", labels, Map.of());
  }

  private static RegisteredResource task(String path, Map<String, String> tags) {
    return new RegisteredResource(TASKS + path, "aws:ecs:task", tags, Map.of());
  }
}
