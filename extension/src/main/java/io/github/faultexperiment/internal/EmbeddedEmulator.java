package io.github.faultexperiment.internal;

import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The in-process emulator of embedded mode ({@value FaultExperimentProperties#EMULATOR} = {@code
 * embedded}): one per test run, closed with JUnit's root Store. Not public API.
 */
public final class EmbeddedEmulator implements AutoCloseable {
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

  /**
   * The configuration pointing both providers at this emulator: endpoints and the test credentials
   * always; region, project and location only where the user set none.
   */
  public Configuration overlay(Configuration configuration) {
    String endpoint = emulator.endpoint().toString();
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put(FaultExperimentProperties.AWS_ENDPOINT, endpoint);
    overrides.put(FaultExperimentProperties.AWS_S3_ENDPOINT, endpoint);
    overrides.put(FaultExperimentProperties.AWS_ACCESS_KEY_ID, emulator.settings().accessKeyId());
    overrides.put(
        FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, emulator.settings().secretAccessKey());
    overrides.put(
        FaultExperimentProperties.AWS_REGION,
        configuration.parameter(FaultExperimentProperties.AWS_REGION).orElse("us-east-1"));
    overrides.put(FaultExperimentProperties.GCP_ENDPOINT, endpoint);
    overrides.put(
        FaultExperimentProperties.GCP_PROJECT,
        configuration.parameter(FaultExperimentProperties.GCP_PROJECT).orElse("emulator-project"));
    overrides.put(
        FaultExperimentProperties.GCP_LOCATION,
        configuration.parameter(FaultExperimentProperties.GCP_LOCATION).orElse("us-central1"));
    return configuration.withParameters(overrides);
  }

  /** The emulator: for loading templates, and for tests that register local targets. */
  public FaultEmulator emulator() {
    return emulator;
  }

  @Override
  public void close() {
    emulator.close();
  }
}
