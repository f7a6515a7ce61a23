package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.gcp.FaultTestingExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@link FaultInjection} end to end on the Fault Testing provider, against the emulator. */
@ResourceLock("ProgrammaticTestCase.emulator")
class GcpProgrammaticTests extends ProgrammaticScenarios {
  @RegisterExtension
  static final Emulated emulated = Emulated.withTemplates("primary", "secondary");

  @Override
  Emulated emulated() {
    return emulated;
  }

  @Override
  Cloud provider() {
    return Cloud.GCP;
  }

  @Override
  String stoppedState() {
    return "COMPLETED";
  }

  @Override
  void assertAllStopped(int experimentsStarted) {
    emulated.assertNothingLeftRunning();
    assertThat(emulated.emulator().faultTesting().experiments())
        .hasSize(experimentsStarted)
        .allSatisfy(
            record -> {
              assertThat(record.startTime()).as("injected").isNotNull();
              assertThat(record.endReason()).isEqualTo("CANCELLED");
            });
  }

  @Override
  @Test
  void overlappingExperimentsStopIndependently() {
    super.overlappingExperimentsStopIndependently();

    assertThat(emulated.emulator().faultTesting().experiments())
        .extracting(FaultTestingExperiment::experimentTemplate)
        .anyMatch(name -> name.endsWith("/primary"))
        .anyMatch(name -> name.endsWith("/secondary"));
  }
}
