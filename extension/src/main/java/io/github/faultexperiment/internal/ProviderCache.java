package io.github.faultexperiment.internal;

import io.github.faultexperiment.Provider;
import io.github.faultexperiment.aws.AwsFaultProvider;
import io.github.faultexperiment.gcp.GcpFaultProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link FaultProvider} per service for a test run, created on first use from the run's
 * configuration; kept in JUnit's root Store, which closes it at the end of the run. Not public API.
 */
public final class ProviderCache implements AutoCloseable {
  private final Configuration configuration;
  private final Map<Provider, FaultProvider> providers = new ConcurrentHashMap<>();

  /**
   * Creates an empty cache.
   *
   * @param configuration what providers are created from
   */
  public ProviderCache(Configuration configuration) {
    this.configuration = configuration;
  }

  /** The provider for this service, created if needed. */
  public FaultProvider get(Provider provider) {
    return providers.computeIfAbsent(provider, this::create);
  }

  private FaultProvider create(Provider provider) {
    FaultProvider created =
        switch (provider) {
          case AWS -> AwsFaultProvider.create(configuration);
          case GCP -> GcpFaultProvider.create(configuration);
        };
    if (created.safety().sweep()) {
      // Experiments that earlier runs abandoned (SIGKILL, lost machine) end before ours start.
      Sweeper.sweepQuietly(created);
    }
    return created;
  }

  @Override
  public void close() {
    providers.values().forEach(FaultProvider::close);
    providers.clear();
  }
}
