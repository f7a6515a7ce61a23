package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Chaos Mesh kinds the emulator serves, with what its controller reads from each: the actions
 * the CRD's schema allows ({@code config/crd/bases/chaos-mesh.org_*.yaml}), the fields it requires,
 * whether records are pods or containers ({@code GetSelectorSpecs} in {@code
 * api/v1alpha1/*_types.go}) and whether applying passes through the {@code /Wait} phases.
 */
enum ChaosKind {
  POD_CHAOS(
      "PodChaos",
      "podchaos",
      List.of("pod-kill", "pod-failure", "container-kill"),
      List.of("action", "mode", "selector"),
      false),
  NETWORK_CHAOS(
      "NetworkChaos",
      "networkchaos",
      List.of("netem", "delay", "loss", "duplicate", "corrupt", "partition", "bandwidth"),
      List.of("action", "mode", "selector"),
      true),
  HTTP_CHAOS("HTTPChaos", "httpchaos", List.of(), List.of("mode", "selector", "target"), true),
  STRESS_CHAOS("StressChaos", "stresschaos", List.of(), List.of("mode", "selector"), false),
  IO_CHAOS(
      "IOChaos",
      "iochaos",
      List.of("latency", "fault", "attrOverride", "mistake"),
      List.of("action", "mode", "selector", "volumePath"),
      true),
  TIME_CHAOS("TimeChaos", "timechaos", List.of(), List.of("mode", "selector", "timeOffset"), false),
  DNS_CHAOS(
      "DNSChaos",
      "dnschaos",
      List.of("error", "random"),
      List.of("action", "mode", "selector"),
      false),
  JVM_CHAOS(
      "JVMChaos",
      "jvmchaos",
      List.of("latency", "return", "exception", "stress", "gc", "ruleData", "mysql"),
      List.of("action", "mode", "selector"),
      false);

  static final String GROUP = "chaos-mesh.org";
  static final String VERSION = "v1alpha1";
  static final String API_VERSION = GROUP + "/" + VERSION;
  static final List<String> MODES =
      List.of("one", "all", "fixed", "fixed-percent", "random-max-percent");

  final String kind;
  final String plural;
  final List<String> actions;
  final List<String> required;
  final boolean waits;

  ChaosKind(
      String kind, String plural, List<String> actions, List<String> required, boolean waits) {
    this.kind = kind;
    this.plural = plural;
    this.actions = actions;
    this.required = required;
    this.waits = waits;
  }

  static Optional<ChaosKind> byPlural(String plural) {
    return Arrays.stream(values()).filter(k -> k.plural.equals(plural)).findFirst();
  }

  /** The HTTP chaos fault an HTTPChaos spec asks for (it has no {@code action} field). */
  static String httpFault(JsonNode spec) {
    if (spec.path("abort").asBoolean(false)) {
      return "abort";
    }
    for (String fault : List.of("delay", "replace", "patch")) {
      if (spec.hasNonNull(fault)) {
        return fault;
      }
    }
    return "none";
  }

  /** The action of a spec: its {@code action}, or what stands for one in kinds without it. */
  String action(JsonNode spec) {
    return switch (this) {
      case HTTP_CHAOS -> httpFault(spec);
      case STRESS_CHAOS -> "stress";
      case TIME_CHAOS -> "time-offset";
      default -> spec.path("action").asText("");
    };
  }

  /**
   * Whether the controller runs it once and ignores pause and duration ({@code IsOneShot}: pod-kill
   * and container-kill).
   */
  boolean oneShot(JsonNode spec) {
    String action = spec.path("action").asText("");
    return this == POD_CHAOS && (action.equals("pod-kill") || action.equals("container-kill"));
  }

  /** Whether records name containers ({@code ns/pod/container}) rather than pods. */
  boolean containers(JsonNode spec) {
    return switch (this) {
      case POD_CHAOS -> spec.path("action").asText("").equals("container-kill");
      case NETWORK_CHAOS, HTTP_CHAOS -> false;
      default -> true;
    };
  }
}
