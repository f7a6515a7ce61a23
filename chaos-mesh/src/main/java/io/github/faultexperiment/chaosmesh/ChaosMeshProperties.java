package io.github.faultexperiment.chaosmesh;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Names of the JUnit configuration parameters the Chaos Mesh provider reads, each with its default.
 * The core's own parameters are in {@link io.github.faultexperiment.FaultExperimentProperties}.
 *
 * <p>INTERNAL for now: users write these names in {@code junit-platform.properties} (see
 * docs/configuration.md); the public API stays within its twenty types.
 */
@API(status = INTERNAL, since = "0.1")
public final class ChaosMeshProperties {
  private ChaosMeshProperties() {}

  /**
   * The provider id: {@code @FaultExperiment(provider = "chaos-mesh")}, {@code
   * faultexperiment.provider=chaos-mesh}.
   */
  public static final String PROVIDER_ID = "chaos-mesh";

  /**
   * The kubeconfig file. Default: env {@code KUBECONFIG} (its first file), then fabric8's own
   * lookup ({@code ~/.kube/config}, or the pod's service account inside a cluster) unless {@code
   * faultexperiment.environment=ignore}. Never read in embedded mode.
   */
  public static final String KUBECONFIG = "faultexperiment.chaos-mesh.kubeconfig";

  /** The kubeconfig context. Default: the kubeconfig's {@code current-context}. */
  public static final String CONTEXT = "faultexperiment.chaos-mesh.context";

  /**
   * The namespace of experiments whose manifest names none. Default: the context's namespace, else
   * {@value #DEFAULT_NAMESPACE}.
   */
  public static final String NAMESPACE = "faultexperiment.chaos-mesh.namespace";

  /** The namespace when neither {@link #NAMESPACE} nor the context names one. */
  public static final String DEFAULT_NAMESPACE = "default";

  /**
   * Comma-separated kubeconfig contexts (or cluster names, or API server URLs) experiments may run
   * against. Required outside embedded mode: Chaos Mesh has no safety lever, and a test must never
   * inject faults into a cluster nobody allowed. Embedded mode allows its cluster, {@value
   * #EMBEDDED_CONTEXT}.
   */
  public static final String ALLOWED_CONTEXTS = "faultexperiment.chaos-mesh.allowed-contexts";

  /**
   * Comma-separated namespaces experiments may be created in and select pods in. Required outside
   * embedded mode (an empty selector means every pod of a namespace); embedded mode allows any
   * namespace unless set.
   */
  public static final String ALLOWED_NAMESPACES = "faultexperiment.chaos-mesh.allowed-namespaces";

  /**
   * How long after a stop the records may stay injected (the {@code chaos-mesh/records} finalizer
   * not cleared) before the stop fails with a {@link io.github.faultexperiment
   * .RecoveryTimeoutException} naming them. Default {@value #RECOVERY_TIMEOUT_DEFAULT}.
   */
  public static final String RECOVERY_TIMEOUT = "faultexperiment.chaos-mesh.recovery-timeout";

  /** Default of {@link #RECOVERY_TIMEOUT}. */
  public static final String RECOVERY_TIMEOUT_DEFAULT = "PT2M";

  /** The only context (and cluster) of embedded mode. */
  public static final String EMBEDDED_CONTEXT = "emulator";
}
