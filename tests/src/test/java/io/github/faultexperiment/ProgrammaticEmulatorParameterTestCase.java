package io.github.faultexperiment;

import io.github.faultexperiment.emulator.FaultEmulator;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A class that only uses {@link FaultInjection} (no annotation) and takes the emulator as a
 * parameter, as annotated classes can; run only via EngineTestKit.
 */
public class ProgrammaticEmulatorParameterTestCase {
  /** The endpoints the last run's {@code @BeforeEach} and test saw, or {@code null}. */
  public static volatile String beforeEachEmulator;

  /** Whether the last run's test got an emulator in its optional. */
  public static volatile Boolean optionalPresent;

  @RegisterExtension static FaultInjection chaos = FaultInjection.builder().build();

  @BeforeEach
  void registerTargets(FaultEmulator emulator) {
    beforeEachEmulator = emulator.endpoint().toString();
  }

  @Test
  void takesTheEmulator(Optional<FaultEmulator> emulator) {
    optionalPresent = emulator.isPresent();
  }
}
