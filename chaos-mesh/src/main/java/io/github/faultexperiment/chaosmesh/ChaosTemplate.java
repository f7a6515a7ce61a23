package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One template file: a single Chaos Mesh manifest, validated.
 *
 * @param name the file's name without its extension: what {@code @FaultExperiment(template)} names
 * @param location where it was read, for messages
 * @param kind its kind
 * @param manifest the manifest as written (metadata, spec)
 */
record ChaosTemplate(String name, String location, ChaosKind kind, ObjectNode manifest) {

  /** The manifest's {@code spec}. */
  JsonNode spec() {
    return manifest.path("spec");
  }

  /** The namespace the manifest names, or {@code null}. */
  String namespace() {
    String namespace = manifest.path("metadata").path("namespace").asText("");
    return namespace.isBlank() ? null : namespace;
  }

  /** The fault it asks for, e.g. {@code NetworkChaos/delay}. */
  String fault() {
    return kind.kind() + "/" + kind.action(spec());
  }
}
