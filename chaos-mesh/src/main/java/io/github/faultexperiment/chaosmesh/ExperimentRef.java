package io.github.faultexperiment.chaosmesh;

import io.github.faultexperiment.FaultExperimentException;
import java.util.Optional;

/**
 * Where one Chaos Mesh experiment lives: its kind, namespace and name. Its experiment id is {@code
 * <namespace>/<plural>/<name>}, e.g. {@code shop/networkchaos/fx-checkout-delay-1a2b3c4d5e}.
 *
 * @param kind the kind
 * @param namespace the namespace
 * @param name the object's name
 */
record ExperimentRef(ChaosKind kind, String namespace, String name) {

  /** The id the lifecycle knows the experiment by. */
  String id() {
    return namespace + "/" + kind.plural() + "/" + name;
  }

  /** The object's API path, for reports. */
  String path() {
    return "/apis/"
        + ChaosKind.API_VERSION
        + "/namespaces/"
        + namespace
        + "/"
        + kind.plural()
        + "/"
        + name;
  }

  /** The reference an id names. */
  static ExperimentRef parse(String id) {
    String[] parts = id.split("/");
    Optional<ChaosKind> kind = parts.length == 3 ? ChaosKind.ofPlural(parts[1]) : Optional.empty();
    if (kind.isEmpty()) {
      throw new FaultExperimentException(
          "'"
              + id
              + "' is not a Chaos Mesh experiment id: use <namespace>/<plural>/<name>, e.g."
              + " default/podchaos/fx-example-0123456789");
    }
    return new ExperimentRef(kind.get(), parts[0], parts[2]);
  }

  @Override
  public String toString() {
    return id();
  }
}
