package io.github.faultexperiment.emulator.k8s;

/** Where a chaos object is stored: its kind, namespace and name. */
record ObjectKey(ChaosKind kind, String namespace, String name) {
  @Override
  public String toString() {
    return kind.kind + " " + namespace + "/" + name;
  }
}
