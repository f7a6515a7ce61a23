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

  @Test
  void resolvesForClassesThatOnlyUseFaultInjectionToo() {
    ProgrammaticEmulatorParameterTestCase.beforeEachEmulator = null;
    ProgrammaticEmulatorParameterTestCase.optionalPresent = null;

    EngineRuns.run(
            ProgrammaticEmulatorParameterTestCase.class,
            Map.of(FaultExperimentProperties.EMULATOR, "embedded"),
            outputs)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(ProgrammaticEmulatorParameterTestCase.beforeEachEmulator).startsWith("http://");
    assertThat(ProgrammaticEmulatorParameterTestCase.optionalPresent).isTrue();
  }

  @Test
  void aPlainEmulatorParameterOutsideEmbeddedModeSaysHowToGetOne() {
    EngineRuns.run(ProgrammaticEmulatorParameterTestCase.class, Map.of(), outputs)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            org.junit.platform.testkit.engine.EventConditions.event(
                org.junit.platform.testkit.engine.EventConditions.finishedWithFailure(
                    org.junit.platform.testkit.engine.TestExecutionResultConditions.message(
                        m -> m.contains("faultexperiment.emulator=embedded")))));
  }

  private void run(Map<String, String> parameters) {
    EmulatorParameterTestCase.emulatorPresent = null;
    EngineRuns.run(EmulatorParameterTestCase.class, parameters, outputs)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
  }
}
