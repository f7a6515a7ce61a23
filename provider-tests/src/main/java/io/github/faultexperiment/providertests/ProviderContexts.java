package io.github.faultexperiment.providertests;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.SafetySettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * What the core hands a {@link io.github.faultexperiment.spi.FaultProviderFactory}, made from the
 * SPI's types alone: for a provider's own unit tests, and for {@link FaultProviderContract}.
 * Contexts made here read no environment variable, so a test passes whatever the shell holds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProviderContexts {
  /** The owner of the experiments that contexts made here start: one per JVM. */
  static final String OWNER =
      "provider-tests/" + ProcessHandle.current().pid() + "/run-" + UUID.randomUUID();

  private ProviderContexts() {}

  /**
   * The safety settings of a run that sets none: the documented defaults of {@link
   * FaultExperimentProperties}.
   */
  public static SafetySettings defaultSafety() {
    return new SafetySettings(
        Duration.parse(FaultExperimentProperties.LEASE_DURATION_DEFAULT),
        Duration.parse(FaultExperimentProperties.INJECTION_TIMEOUT_DEFAULT)
            .plus(Duration.parse(FaultExperimentProperties.MAX_EXPERIMENT_LIFETIME_MARGIN)),
        Boolean.parseBoolean(FaultExperimentProperties.SWEEP_DEFAULT),
        FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS_DEFAULT,
        Duration.parse(FaultExperimentProperties.STOP_TIMEOUT_DEFAULT));
  }

  /**
   * A context outside embedded mode, of these configuration parameters and no environment.
   *
   * @param parameters configuration parameters by key, e.g. the provider's endpoint
   */
  public static ProviderContext of(Map<String, String> parameters) {
    return of(Configuration.of(parameters, Map.of()));
  }

  /** A context outside embedded mode, of this configuration and the default safety settings. */
  public static ProviderContext of(Configuration configuration) {
    return new ProviderContext(configuration, defaultSafety(), OWNER, Optional.empty());
  }

  /**
   * A context of embedded mode: the provider talks to {@code backend} instead of its service.
   *
   * @param parameters configuration parameters by key (no environment is read)
   * @param backend where the embedded backend serving the provider answers
   * @param safety leases and lifetimes, e.g. short ones to see a lease lapse
   * @param owner who owns the experiments the provider starts ({@code host/pid/run-…})
   */
  public static ProviderContext embedded(
      Map<String, String> parameters,
      EmulatorEndpoint backend,
      SafetySettings safety,
      String owner) {
    return new ProviderContext(
        Configuration.of(parameters, Map.of()), safety, owner, Optional.of(backend));
  }
}
