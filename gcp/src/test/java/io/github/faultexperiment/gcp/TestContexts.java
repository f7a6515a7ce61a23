package io.github.faultexperiment.gcp;

import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.SafetySettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What the core hands a provider outside embedded mode, built from the SPI's types alone. */
final class TestContexts {
  /** The documented defaults of the safety settings. */
  static final SafetySettings SAFETY =
      new SafetySettings(
          Duration.parse(FaultExperimentProperties.LEASE_DURATION_DEFAULT),
          Duration.parse(FaultExperimentProperties.INJECTION_TIMEOUT_DEFAULT)
              .plus(Duration.parse(FaultExperimentProperties.MAX_EXPERIMENT_LIFETIME_MARGIN)),
          Boolean.parseBoolean(FaultExperimentProperties.SWEEP_DEFAULT),
          FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS_DEFAULT,
          Duration.parse(FaultExperimentProperties.STOP_TIMEOUT_DEFAULT));

  private static final String OWNER = "test-host/" + ProcessHandle.current().pid() + "/run-test";

  private TestContexts() {}

  /** A context of these parameters and no environment. */
  static ProviderContext of(Map<String, String> parameters) {
    return of(Configuration.of(parameters, Map.of()));
  }

  /** A context of this configuration. */
  static ProviderContext of(Configuration configuration) {
    return new ProviderContext(configuration, SAFETY, OWNER, Optional.empty());
  }
}
