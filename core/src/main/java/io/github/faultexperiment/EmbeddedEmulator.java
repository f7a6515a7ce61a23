package io.github.faultexperiment;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.emulator.local.LocalTarget;
import io.github.faultexperiment.emulator.local.LocalTargets;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The in-process emulator of embedded mode ({@value FaultExperimentProperties#EMULATOR} = {@code
 * embedded}): one per test run, closed with JUnit's root Store. Not public API.
 */
final class EmbeddedEmulator implements AutoCloseable {
  private static final String EMULATOR_CLASS = "io.github.faultexperiment.emulator.FaultEmulator";

  private final FaultEmulator emulator;

  private EmbeddedEmulator(FaultEmulator emulator) {
    this.emulator = emulator;
  }

  /**
   * Starts the emulator; fails with what to add when it is not on the test classpath.
   *
   * @param loader the class loader the tests run in; the emulator reads the declarations of the
   *     project's own SSM documents from it, beside the embedded templates
   * @param configuration the run's configuration, for the host-effects opt-in
   * @return the running emulator
   */
  public static EmbeddedEmulator start(ClassLoader loader, Configuration configuration) {
    try {
      Class.forName(EMULATOR_CLASS, false, loader);
    } catch (ClassNotFoundException e) {
      throw new ExtensionConfigurationException(
          FaultExperimentProperties.EMULATOR
              + " = embedded needs the emulator on the test classpath: add the test dependency"
              + " io.github.faultexperiment:fault-experiment-emulator (same version as"
              + " fault-experiment-junit), or unset "
              + FaultExperimentProperties.EMULATOR
              + " to use the real clouds.",
          e);
    }
    FaultEmulator emulator =
        FaultEmulator.builder().hostEffects(hostEffects(configuration)).start();
    emulator.localTargets().declareFromClassPath(loader);
    return new EmbeddedEmulator(emulator);
  }

  private static HostEffectSettings hostEffects(Configuration configuration) {
    if (!configuration.bool(FaultExperimentProperties.HOST_EFFECTS, false)) {
      return HostEffectSettings.off();
    }
    Optional<String> directory =
        configuration.parameter(FaultExperimentProperties.HOST_EFFECTS_DIRECTORY);
    try {
      return HostEffectSettings.on(directory.map(Path::of).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          FaultExperimentProperties.HOST_EFFECTS_DIRECTORY
              + " must name an existing directory, where I/O stress and disk fill may write: "
              + e.getMessage(),
          e);
    }
  }

  /** Where the providers find the emulator, and the credentials it accepts. */
  public EmulatorEndpoint endpoint() {
    return new EmulatorEndpoint(
        emulator.endpoint(),
        emulator.settings().accessKeyId(),
        emulator.settings().secretAccessKey());
  }

  /** The emulator, for tests that register local targets. */
  public FaultEmulator emulator() {
    return emulator;
  }

  /**
   * The address of the local target standing for {@code resource} in front of {@code upstream}: the
   * registered one when it has that upstream, else a new one (replacing a target in front of
   * another upstream, e.g. a service an earlier test class started and stopped).
   *
   * @param name the dependency's name, for messages
   * @throws ExtensionConfigurationException when the emulator refuses the resource or upstream
   */
  public synchronized URI localTarget(String name, String resource, URI upstream) {
    LocalTargets targets = emulator.localTargets();
    try {
      targets
          .find(resource)
          .filter(existing -> !existing.upstream().equals(upstream))
          .map(LocalTarget::resource)
          .ifPresent(targets::remove);
      return emulator.registerLocalTarget(resource, upstream).uri();
    } catch (IllegalArgumentException refused) {
      throw new ExtensionConfigurationException(
          "No local target for the endpoint of '" + name + "': " + refused.getMessage(), refused);
    }
  }

  @Override
  public void close() {
    emulator.close();
  }
}
