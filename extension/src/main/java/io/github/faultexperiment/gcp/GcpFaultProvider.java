package io.github.faultexperiment.gcp;

import io.github.faultexperiment.internal.Configuration;
import io.github.faultexperiment.internal.FaultProvider;

/** Placeholder until the gcp backend lands: creates the provider from configuration. */
public final class GcpFaultProvider {
  private GcpFaultProvider() {}

  /**
   * Creates the provider; validates its configuration (endpoint, region or project) first.
   *
   * @param configuration JUnit configuration parameters and environment
   * @return a provider ready to use
   */
  public static FaultProvider create(Configuration configuration) {
    throw new UnsupportedOperationException("the gcp backend is not built yet");
  }
}
