package io.github.faultexperiment.emulator.embedded;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmbeddedBackend;
import io.github.faultexperiment.spi.EmbeddedBackendFactory;
import java.nio.file.Path;
import java.util.Optional;
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

  /**
   * Lets FIS's host-stress actions act on this machine ({@code true}/{@code false}, default false);
   * the core lists it as {@code FaultExperimentProperties.HOST_EFFECTS}.
   */
  static final String HOST_EFFECTS = "faultexperiment.emulator.host-effects";

  /** The only directory I/O stress and disk fill write in; default unset. */
  static final String HOST_EFFECTS_DIRECTORY = "faultexperiment.emulator.host-effects.directory";

  /**
   * Starts the run's emulator with the run's host-effects opt-in, and declares the project's own
   * SSM documents from {@code fault-experiments/aws/ssm-documents/} beside the embedded templates.
   */
  @Override
  public EmbeddedBackend start(Configuration configuration) {
    FaultEmulator emulator =
        FaultEmulator.builder().hostEffects(hostEffects(configuration)).start();
    try {
      emulator.localTargets().declareFromClassPath(Thread.currentThread().getContextClassLoader());
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
    return new EmulatorBackend(emulator);
  }

  private static HostEffectSettings hostEffects(Configuration configuration) {
    if (!configuration.bool(HOST_EFFECTS, false)) {
      return HostEffectSettings.off();
    }
    Optional<String> directory = configuration.parameter(HOST_EFFECTS_DIRECTORY);
    try {
      return HostEffectSettings.on(directory.map(Path::of).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          HOST_EFFECTS_DIRECTORY
              + " must name an existing directory, where I/O stress and disk fill may write: "
              + e.getMessage(),
          e);
    }
  }
}
