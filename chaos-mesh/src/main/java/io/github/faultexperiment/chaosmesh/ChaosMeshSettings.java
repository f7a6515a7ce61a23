package io.github.faultexperiment.chaosmesh;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Which cluster, as whom, and where experiments may run, resolved once from configuration: in
 * embedded mode the emulator's URL and token alone (no kubeconfig is ever read); otherwise the
 * kubeconfig file and context, the namespace and the allow-lists of contexts and namespaces.
 *
 * @param client the fabric8 configuration every call is made with
 * @param context the kubeconfig context (embedded: {@value ChaosMeshProperties#EMBEDDED_CONTEXT})
 * @param cluster the context's cluster name (embedded: the same), or the API server URL when the
 *     configuration has no context (a pod's service account)
 * @param namespace the namespace of manifests that name none
 * @param embedded whether this is the embedded emulator
 * @param allowedContexts the contexts, cluster names or server URLs experiments may run against
 * @param allowedNamespaces the namespaces experiments may touch; empty in embedded mode means any
 * @param recoveryTimeout how long records may stay injected after a stop
 */
record ChaosMeshSettings(
    Config client,
    String context,
    String cluster,
    String namespace,
    boolean embedded,
    List<String> allowedContexts,
    List<String> allowedNamespaces,
    Duration recoveryTimeout) {

  static final String KUBECONFIG_ENV = "KUBECONFIG";
  // RFC 1123 label: what Kubernetes accepts as a namespace.
  private static final Pattern NAMESPACE_FORMAT = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  ChaosMeshSettings {
    allowedContexts = List.copyOf(allowedContexts);
    allowedNamespaces = List.copyOf(allowedNamespaces);
  }

  /**
   * Resolves and validates every setting; throws {@link ExtensionConfigurationException} naming the
   * setting and what would be valid.
   */
  static ChaosMeshSettings resolve(
      Configuration configuration, Optional<EmulatorEndpoint> embedded) {
    Duration recoveryTimeout =
        configuration.duration(
            ChaosMeshProperties.RECOVERY_TIMEOUT,
            Duration.parse(ChaosMeshProperties.RECOVERY_TIMEOUT_DEFAULT));
    List<String> allowedNamespaces = namespaces(configuration);
    if (embedded.isPresent()) {
      return embedded(configuration, embedded.get(), allowedNamespaces, recoveryTimeout);
    }
    Config config = kubeconfig(configuration);
    NamedContext current = config.getCurrentContext();
    String context = current == null ? "" : current.getName();
    String cluster =
        current == null || current.getContext() == null || current.getContext().getCluster() == null
            ? config.getMasterUrl()
            : current.getContext().getCluster();
    String namespace =
        configuration
            .parameter(ChaosMeshProperties.NAMESPACE)
            .or(() -> Optional.ofNullable(config.getNamespace()).filter(n -> !n.isBlank()))
            .orElse(ChaosMeshProperties.DEFAULT_NAMESPACE);
    checkNamespace(Configuration.parameterSource(ChaosMeshProperties.NAMESPACE), namespace);
    Config client = new ConfigBuilder(config).withNamespace(namespace).build();
    oneRetry(client);
    return new ChaosMeshSettings(
        client,
        context,
        cluster,
        namespace,
        false,
        configuration.list(ChaosMeshProperties.ALLOWED_CONTEXTS),
        allowedNamespaces,
        recoveryTimeout);
  }

  /**
   * Refuses a cluster or namespace nobody allowed: outside embedded mode both allow-lists must be
   * set, and the current context (or its cluster, or the server URL) must be in the first.
   */
  void verifyCluster() {
    if (embedded) {
      // the emulator's own cluster: nothing a test does there reaches a real pod
      return;
    }
    if (allowedContexts.isEmpty()) {
      throw new FaultExperimentException(
          "Chaos Mesh experiments need an allow-list of clusters: set "
              + ChaosMeshProperties.ALLOWED_CONTEXTS
              + " to the kubeconfig context you mean to inject faults into (the current one is "
              + describeContext()
              + "). Chaos Mesh has no safety lever, so no test runs against a cluster nobody"
              + " allowed.");
    }
    if (!allowedContexts.contains(context)
        && !allowedContexts.contains(cluster)
        && !allowedContexts.contains(client.getMasterUrl())) {
      throw notAllowedContext();
    }
    if (allowedNamespaces.isEmpty()) {
      throw new FaultExperimentException(
          "Chaos Mesh experiments need an allow-list of namespaces: set "
              + ChaosMeshProperties.ALLOWED_NAMESPACES
              + " to the namespaces tests may inject faults into (e.g. "
              + namespace
              + "). An empty selector means every pod of a namespace, so no test touches a"
              + " namespace nobody allowed.");
    }
    verifyNamespace(namespace, "the default namespace");
  }

  /**
   * Refuses a namespace outside {@link #allowedNamespaces()} (any, in embedded mode without it).
   */
  void verifyNamespace(String candidate, String what) {
    if (allowedNamespaces.isEmpty() ? !embedded : !allowedNamespaces.contains(candidate)) {
      throw new FaultExperimentException(
          "Chaos Mesh namespace '"
              + candidate
              + "' ("
              + what
              + ") is not in "
              + ChaosMeshProperties.ALLOWED_NAMESPACES
              + " "
              + allowedNamespaces
              + ": add it there to allow fault experiments in it");
    }
  }

  /** The namespaces to look for experiments in; empty means every namespace (embedded mode). */
  List<String> searchedNamespaces() {
    return allowedNamespaces;
  }

  @Override
  public String toString() {
    // Never print the configuration: it holds the token.
    return "ChaosMeshSettings[server="
        + client.getMasterUrl()
        + ", context="
        + context
        + ", cluster="
        + cluster
        + ", namespace="
        + namespace
        + ", embedded="
        + embedded
        + ", allowedContexts="
        + allowedContexts
        + ", allowedNamespaces="
        + allowedNamespaces
        + "]";
  }

  private FaultExperimentException notAllowedContext() {
    return new FaultExperimentException(
        "Kubernetes context "
            + describeContext()
            + " is not in "
            + ChaosMeshProperties.ALLOWED_CONTEXTS
            + " "
            + allowedContexts
            + ": add it there to allow fault experiments against it, or pick an allowed one with "
            + ChaosMeshProperties.CONTEXT);
  }

  private String describeContext() {
    return (context.isEmpty() ? "(none)" : "'" + context + "'")
        + " (cluster '"
        + cluster
        + "', server "
        + client.getMasterUrl()
        + ")";
  }

  private static ChaosMeshSettings embedded(
      Configuration configuration,
      EmulatorEndpoint emulator,
      List<String> allowedNamespaces,
      Duration recoveryTimeout) {
    String namespace =
        configuration
            .parameter(ChaosMeshProperties.NAMESPACE)
            .orElse(ChaosMeshProperties.DEFAULT_NAMESPACE);
    checkNamespace(Configuration.parameterSource(ChaosMeshProperties.NAMESPACE), namespace);
    // Config.empty(): no kubeconfig, no service account, no system property reaches this client.
    Config client =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(emulator.uri().toString())
            .withOauthToken(emulator.secretAccessKey())
            .withNamespace(namespace)
            .build();
    oneRetry(client);
    return new ChaosMeshSettings(
        client,
        ChaosMeshProperties.EMBEDDED_CONTEXT,
        ChaosMeshProperties.EMBEDDED_CONTEXT,
        namespace,
        true,
        configuration.list(ChaosMeshProperties.ALLOWED_CONTEXTS),
        allowedNamespaces,
        recoveryTimeout);
  }

  /**
   * The lifecycle above waits and retries; fabric8's own retries (10 by default, with growing
   * pauses) would hide a failing server behind seconds of silence. One quick retry of a dropped
   * connection stays.
   */
  private static void oneRetry(Config client) {
    client.setRequestRetryBackoffLimit(1);
    client.setRequestRetryBackoffInterval(100);
  }

  private static List<String> namespaces(Configuration configuration) {
    List<String> namespaces = configuration.list(ChaosMeshProperties.ALLOWED_NAMESPACES);
    for (String namespace : namespaces) {
      checkNamespace(
          Configuration.parameterSource(ChaosMeshProperties.ALLOWED_NAMESPACES), namespace);
    }
    return namespaces;
  }

  private static void checkNamespace(String source, String namespace) {
    if (namespace.length() > 63 || !NAMESPACE_FORMAT.matcher(namespace).matches()) {
      throw Configuration.invalid(
          source,
          namespace,
          "Kubernetes namespace names (at most 63 lower-case letters, digits and '-', starting and"
              + " ending with a letter or digit), e.g. default");
    }
  }

  /**
   * The kubeconfig the configuration names ({@value ChaosMeshProperties#KUBECONFIG}, then {@code
   * KUBECONFIG}), else fabric8's own lookup when the process environment may be read.
   */
  private static Config kubeconfig(Configuration configuration) {
    Optional<String> context = configuration.parameter(ChaosMeshProperties.CONTEXT);
    String source = Configuration.parameterSource(ChaosMeshProperties.KUBECONFIG);
    Optional<String> file = configuration.parameter(ChaosMeshProperties.KUBECONFIG);
    if (file.isEmpty()) {
      source = "Environment variable " + KUBECONFIG_ENV;
      // kubectl merges every file of the list; the first is where its current context lives
      file =
          configuration
              .environment(KUBECONFIG_ENV)
              .map(list -> list.split(File.pathSeparator)[0].strip())
              .filter(first -> !first.isEmpty());
    }
    Config config;
    if (file.isPresent()) {
      Path path = Path.of(file.get());
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        throw Configuration.invalid(source, file.get(), "a readable kubeconfig file");
      }
      try {
        config = Config.fromKubeconfig(context.orElse(null), path.toFile());
      } catch (RuntimeException e) {
        throw Configuration.invalid(
            source,
            file.get(),
            "a kubeconfig file that holds "
                + context.map(c -> "the context '" + c + "'").orElse("a current-context")
                + " ("
                + e.getMessage()
                + ")",
            e);
      }
    } else if (configuration.readsProcessEnvironment()) {
      config = Config.autoConfigure(context.orElse(null));
    } else {
      throw Configuration.missing(
          "The kubeconfig for Chaos Mesh",
          "set the configuration parameter "
              + ChaosMeshProperties.KUBECONFIG
              + " to a kubeconfig file (the environment, KUBECONFIG and ~/.kube/config included,"
              + " is not read under "
              + Configuration.ENVIRONMENT
              + "=ignore), or run offline with faultexperiment.emulator=embedded");
    }
    if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
      throw Configuration.missing(
          "The Kubernetes API server for Chaos Mesh",
          "set the configuration parameter "
              + ChaosMeshProperties.KUBECONFIG
              + " to a kubeconfig file whose context names a cluster, or run offline with"
              + " faultexperiment.emulator=embedded");
    }
    if (context.isPresent()
        && (config.getCurrentContext() == null
            || !context.get().equals(config.getCurrentContext().getName()))) {
      throw Configuration.invalid(
          Configuration.parameterSource(ChaosMeshProperties.CONTEXT),
          context.get(),
          "a context of the kubeconfig: "
              + config.getContexts().stream().map(NamedContext::getName).toList());
    }
    return config;
  }
}
