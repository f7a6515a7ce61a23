/**
 * The emulated Kubernetes cluster with Chaos Mesh: the apiserver subset a Chaos Mesh client uses,
 * the chaos-controller-manager's reconcilers, target selection, and the test controls. Depends only
 * on {@code common}; the pods local targets stand for come in through a supplier, and the records'
 * faults go out as action events.
 *
 * <p>The names follow Kubernetes where a class mirrors one of its parts; by job, as the FIS and
 * Fault Testing emulators name them:
 *
 * <ul>
 *   <li>{@code ChaosMeshEmulator}: the emulator and its test controls in Java (public);
 *   <li>{@code KubernetesApi}: the apiserver's answers on the wire (the service's API);
 *   <li>{@code ControlApi}: the test controls over HTTP;
 *   <li>{@code Storage}: the store of chaos objects (what etcd is to the apiserver); a chaos object
 *       is both what the other emulators split into a template and an experiment;
 *   <li>{@code ChaosController}: moves chaos objects through their phases over time, with the
 *       {@code ChaosMeshTimings} (public) — what the other emulators call the experiment runner;
 *   <li>{@code ActionEvents}: tells the action listeners (the local targets) when a record's fault
 *       is switched on and off;
 *   <li>{@code StatusException}: an error answer, as a Kubernetes {@code Status};
 *   <li>{@code Json}: reading requests and writing answers.
 * </ul>
 */
package io.github.faultexperiment.emulator.k8s;
