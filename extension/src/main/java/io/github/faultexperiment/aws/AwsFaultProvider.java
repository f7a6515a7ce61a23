package io.github.faultexperiment.aws;

import io.github.faultexperiment.internal.Configuration;
import io.github.faultexperiment.internal.FaultProvider;

/** Placeholder until the aws backend lands: creates the provider from configuration. */
public final class AwsFaultProvider {
  private AwsFaultProvider() {}

  /**
   * Creates the provider; validates its configuration (endpoint, region or project) first.
   *
   * @param configuration JUnit configuration parameters and environment
   * @return a provider ready to use
   */
  public static FaultProvider create(Configuration configuration) {
    throw new UnsupportedOperationException("the aws backend is not built yet");
  }
}
