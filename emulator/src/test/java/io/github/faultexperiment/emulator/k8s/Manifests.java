package io.github.faultexperiment.emulator.k8s;

/** Chaos Mesh manifests as a user writes them, in JSON. */
final class Manifests {
  private Manifests() {}

  static String podChaos(String name, String action, String labels, String extra) {
    return manifest(
        "PodChaos",
        name,
        labels,
        "\"action\": \""
            + action
            + "\", \"mode\": \"all\", \"selector\": {\"labelSelectors\": {\"app\": \"web\"}}"
            + extra);
  }

  static String networkDelay(String name, String latency, String extra) {
    return manifest(
        "NetworkChaos",
        name,
        "{}",
        "\"action\": \"delay\", \"mode\": \"all\", \"selector\": {\"labelSelectors\": {\"app\":"
            + " \"web\"}}, \"delay\": {\"latency\": \""
            + latency
            + "\"}"
            + extra);
  }

  static String manifest(String kind, String name, String labels, String spec) {
    return "{\"apiVersion\": \"chaos-mesh.org/v1alpha1\", \"kind\": \""
        + kind
        + "\", \"metadata\": {\"name\": \""
        + name
        + "\", \"labels\": "
        + labels
        + "}, \"spec\": {"
        + spec
        + "}}";
  }
}
