package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.ProviderContext;
import java.util.Map;
import java.util.Optional;

/**
 * What the core hands a provider, built from configuration parameters alone, for provider tests.
 */
public final class ProviderContexts {
  private ProviderContexts() {}

  /** A context of these parameters and no environment, outside embedded mode. */
  public static ProviderContext of(Map<String, String> parameters) {
    return of(Configuration.of(parameters, Map.of()));
  }

  /** A context of this configuration, outside embedded mode. */
  public static ProviderContext of(Configuration configuration) {
    return new ProviderContext(
        configuration,
        new SettingsResolver(configuration).safety(),
        Owner.CURRENT,
        Optional.empty());
  }
}
