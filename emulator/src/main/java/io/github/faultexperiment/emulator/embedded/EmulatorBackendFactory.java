package io.github.faultexperiment.emulator.embedded;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmbeddedBackend;
import io.github.faultexperiment.spi.EmbeddedBackendFactory;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The emulator as the core's embedded backend: found with {@link java.util.ServiceLoader} when a
 * test run is in embedded mode ({@code faultexperiment.emulator=embedded}), it starts one {@link
 * FaultEmulator} for the run. Public only for the {@code ServiceLoader}; not for use in tests.
 */
@API(status = INTERNAL, since = "0.1")
public final class EmulatorBackendFactory implements EmbeddedBackendFactory {

  /**
   * The providers whose service API the emulator's front door answers: one entry per engine it
   * emulates.
   */
  static final Set<String> PROVIDER_IDS = Set.of("aws", "gcp", "chaos-mesh");

  /** Made by the {@code ServiceLoader}. */
  public EmulatorBackendFactory() {}

  @Override
  public String name() {
    return "fault-experiment-emulator";
  }

  @Override
  public Set<String> providerIds() {
    return PROVIDER_IDS;
  }

  @Override
  public Set<Class<?>> parameterTypes() {
    return Set.of(FaultEmulator.class);
  }

  @Override
  public EmbeddedBackend start(Configuration configuration) {
    return new EmulatorBackend(FaultEmulator.builder().start());
  }
}
