package io.github.faultexperiment;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.spi.EmulatorEndpoint;
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
   * @param loader the class loader the tests run in
   * @return the running emulator
   */
  public static EmbeddedEmulator start(ClassLoader loader) {
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
    return new EmbeddedEmulator(FaultEmulator.builder().start());
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

  @Override
  public void close() {
    emulator.close();
  }
}
