package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An {@code Optional<FaultEmulator>} parameter: the emulator in embedded mode, else empty. */
class EmulatorParameterTests {
  @TempDir Path outputs;

  @Test
  void isTheEmbeddedEmulatorInEmbeddedMode() {
    run(Map.of(FaultExperimentProperties.EMULATOR, "embedded"));

    assertThat(EmulatorParameterTestCase.emulatorPresent).isTrue();
  }

  @Test
  void isEmptyInAnyOtherMode() {
    run(Map.of());

    assertThat(EmulatorParameterTestCase.emulatorPresent).isFalse();
  }

  private void run(Map<String, String> parameters) {
    EmulatorParameterTestCase.emulatorPresent = null;
    EngineRuns.run(EmulatorParameterTestCase.class, parameters, outputs)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
  }
}
