package io.github.faultexperiment;

import io.github.faultexperiment.emulator.FaultEmulator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test written to run both offline and against the real clouds; run only via EngineTestKit. In
 * this package because the extension class is package-private (users get it from the annotation).
 */
@ExtendWith(FaultExperimentExtension.class)
public class EmulatorParameterTestCase {
  /** Whether the last run's test got an emulator. */
  public static volatile Boolean emulatorPresent;

  @Test
  void takesTheEmulatorWhenThereIsOne(Optional<FaultEmulator> emulator) {
    emulatorPresent = emulator.map(FaultEmulator::endpoint).isPresent();
  }
}
