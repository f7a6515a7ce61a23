package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Chaos Mesh kinds a template may hold ({@code api/v1alpha1} of Chaos Mesh v2.8), with what the
 * provider needs of each: its plural for the API path and whether it honours the pause annotation.
 */
enum ChaosKind {
  POD_CHAOS("PodChaos", "podchaos"),
  NETWORK_CHAOS("NetworkChaos", "networkchaos"),
  HTTP_CHAOS("HTTPChaos", "httpchaos"),
  STRESS_CHAOS("StressChaos", "stresschaos"),
  IO_CHAOS("IOChaos", "iochaos"),
  TIME_CHAOS("TimeChaos", "timechaos"),
  DNS_CHAOS("DNSChaos", "dnschaos"),
  JVM_CHAOS("JVMChaos", "jvmchaos");

  static final String GROUP = "chaos-mesh.org";
  static final String VERSION = "v1alpha1";
  static final String API_VERSION = GROUP + "/" + VERSION;

  private final String kind;
  private final String plural;

  ChaosKind(String kind, String plural) {
    this.kind = kind;
    this.plural = plural;
  }

  /** The manifest's {@code kind}, e.g. {@code PodChaos}. */
  String kind() {
    return kind;
  }

  /** The resource's plural in API paths, e.g. {@code podchaos}. */
  String plural() {
    return plural;
  }

  ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(GROUP)
        .withVersion(VERSION)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  /** The kind a manifest's {@code kind} names, exactly as Chaos Mesh spells it. */
  static Optional<ChaosKind> ofKind(String kind) {
    return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
  }

  /** The kind of an API plural, e.g. {@code networkchaos}. */
  static Optional<ChaosKind> ofPlural(String plural) {
    return Arrays.stream(values()).filter(k -> k.plural.equals(plural)).findFirst();
  }

  /** Every kind's name, for messages. */
  static List<String> names() {
    return Arrays.stream(values()).map(ChaosKind::kind).toList();
  }

  /**
   * Whether the controller runs the spec once and ignores pause and duration ({@code IsOneShot} in
   * {@code controllers/common/desiredphase}): pod-kill and container-kill. Such an experiment is
   * stopped by deleting it.
   */
  boolean oneShot(JsonNode spec) {
    String action = spec.path("action").asText("");
    return this == POD_CHAOS && (action.equals("pod-kill") || action.equals("container-kill"));
  }

  /** The fault a spec asks for, e.g. {@code delay}; kinds without an {@code action} say theirs. */
  String action(JsonNode spec) {
    return switch (this) {
      case HTTP_CHAOS ->
          List.of("abort", "delay", "replace", "patch").stream()
              .filter(spec::hasNonNull)
              .findFirst()
              .orElse("http");
      case STRESS_CHAOS -> "stress";
      case TIME_CHAOS -> "time-offset";
      default -> spec.path("action").asText("");
    };
  }
}
