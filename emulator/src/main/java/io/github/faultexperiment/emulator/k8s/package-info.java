/**
 * The emulated Kubernetes cluster with Chaos Mesh: the apiserver subset a Chaos Mesh client uses
 * ({@code KubernetesApi}), the chaos-controller-manager's reconcilers ({@code ChaosController}),
 * target selection, and the test controls. Depends only on {@code common}; the pods local targets
 * stand for come in through a supplier, and the records' faults go out as action events.
 */
package io.github.faultexperiment.emulator.k8s;
