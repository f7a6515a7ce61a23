package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * What a whole test run shares, kept in JUnit's root Store (closed, in reverse order, when the run
 * ends): the configuration, the embedded backends if any, the providers. Not public API.
 */
final class RunResources {
  private static final Namespace NAMESPACE = Namespace.create(RunResources.class);

  private final Configuration configuration;
  private final RunSettings settings;
  private final ProviderCache providers;
  private final EmbeddedBackends embedded;
  private final LocalTargetMeter localTargets;

  private RunResources(
      Configuration configuration,
      RunSettings settings,
      ProviderCache providers,
      EmbeddedBackends embedded,
      LocalTargetMeter localTargets) {
    this.configuration = configuration;
    this.settings = settings;
    this.providers = providers;
    this.embedded = embedded;
    this.localTargets = localTargets;
  }

  /** The run's resources, created on first use. */
  public static RunResources of(ExtensionContext context) {
    Store store = context.getRoot().getStore(NAMESPACE);
    synchronized (RunResources.class) {
      RunResources existing = store.get(RunResources.class, RunResources.class);
      if (existing != null) {
        return existing;
      }
      Configuration configuration = Configuration.ofProcess(context::getConfigurationParameter);
      RunSettings settings = new SettingsResolver(configuration).run();
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      EmbeddedBackends embedded = null;
      LocalTargetMeter localTargets = LocalTargetMeter.NONE;
      if (settings.enabled() && settings.embedded()) {
        embedded = EmbeddedBackends.start(loader, configuration);
        store.put(EmbeddedBackends.class, embedded);
        localTargets = new EmbeddedLocalTargets(embedded);
      }
      ProviderCache providers =
          new ProviderCache(configuration, Optional.ofNullable(embedded), loader);
      store.put(ProviderCache.class, providers);
      RunResources resources =
          new RunResources(configuration, settings, providers, embedded, localTargets);
      store.put(RunResources.class, resources);
      return resources;
    }
  }

  /**
   * This run's resources seen through extra configuration parameters (a {@code FaultInjection}'s
   * builder values), which win over the run's own. Providers for each distinct set of parameters
   * are created once and closed with the run.
   *
   * @param parameters configuration parameters by key; empty means the run's own resources
   * @param context any context of this run
   */
  public RunResources withParameters(Map<String, String> parameters, ExtensionContext context) {
    if (parameters.isEmpty()) {
      return this;
    }
    Configuration overlaid = configuration.withParameters(parameters);
    Store store = context.getRoot().getStore(NAMESPACE);
    List<Object> key = List.of(ProviderCache.class, Map.copyOf(parameters));
    synchronized (RunResources.class) {
      ProviderCache cached = store.get(key, ProviderCache.class);
      if (cached == null) {
        cached =
            new ProviderCache(
                overlaid, embeddedBackends(), Thread.currentThread().getContextClassLoader());
        store.put(key, cached);
      }
      return new RunResources(overlaid, settings, cached, embedded, localTargets);
    }
  }

  /** Settings for one annotation in this run. */
  public SettingsResolver resolver() {
    return new SettingsResolver(configuration);
  }

  /** Where the application finds its dependencies in this run's mode. */
  public Endpoints endpoints() {
    return new RunEndpoints(configuration, embeddedBackends());
  }

  /** The run-wide settings. */
  public RunSettings settings() {
    return settings;
  }

  /** The running backends of embedded mode; empty in any other mode. */
  public Optional<EmbeddedBackends> embeddedBackends() {
    return Optional.ofNullable(embedded);
  }

  /** Reads the embedded backends' local targets; reads nothing in any other mode. */
  public LocalTargetMeter localTargets() {
    return localTargets;
  }

  /** The providers of this run. */
  public ProviderCache providers() {
    return providers;
  }
}
