package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.local.FaultReach;
import io.github.faultexperiment.fixtures.LocalEffectsTestCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Embedded mode with the templates teams copy from AWS's library: a custom SSM automation is felt
 * as its declaration file beside the templates says, an undeclared one names the declaration to
 * add, and FIS's CPU-stress document loads this machine only when the run opts in, ending with the
 * run.
 */
// Alone: the fixtures record into shared lists, and the CPU stress should not slow other classes.
@Isolated
class LocalEffectsTests {
  @TempDir Path outputs;

  @BeforeEach
  void clear() {
    LocalEffectsTestCase.clear();
  }

  @Test
  void aDeclaredCustomAutomationIsFeltByTheApplicationThroughItsLocalTarget() {
    run(LocalEffectsTestCase.Declared.class, Map.of())
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    assertThat(LocalEffectsTestCase.CALLS).containsExactly("timed out");
    assertThat(LocalEffectsTestCase.REACHES)
        .singleElement()
        .satisfies(
            reach -> {
              assertThat(reach.status()).isEqualTo(FaultReach.Status.REACHED);
              assertThat(reach.localTargets()).containsExactly(LocalEffectsTestCase.ORDERS);
              assertThat(reach.effect()).contains("Orders-Blocking-Locks", "Blackhole");
            });
  }

  @Test
  void anUndeclaredCustomAutomationReachesNothingAndNamesTheDeclarationToAdd() {
    run(
        LocalEffectsTestCase.Undeclared.class,
        Map.of(FaultExperimentProperties.UNREACHED_FAULTS, "warn"));

    assertThat(LocalEffectsTestCase.REACHES)
        .singleElement()
        .satisfies(
            reach -> {
              assertThat(reach.status()).isEqualTo(FaultReach.Status.NO_LOCAL_EFFECT);
              assertThat(reach.detail() + " " + reach.remedy())
                  .contains(
                      "Orders-Undeclared-Automation, which is your own",
                      "src/test/resources/fault-experiments/aws/ssm-documents/"
                          + "Orders-Undeclared-Automation.json");
            });
  }

  @Test
  void aCpuStressWithoutTheOptInReachesNothingAndNamesTheOptIn() {
    run(
        LocalEffectsTestCase.CpuStress.class,
        Map.of(FaultExperimentProperties.UNREACHED_FAULTS, "warn"));

    assertThat(LocalEffectsTestCase.HOST_PIDS).isEmpty();
    assertThat(LocalEffectsTestCase.REACHES)
        .singleElement()
        .satisfies(
            reach -> {
              assertThat(reach.status()).isEqualTo(FaultReach.Status.NOT_FELT_LOCALLY);
              assertThat(reach.detail() + " " + reach.remedy())
                  .contains(FaultExperimentProperties.HOST_EFFECTS + "=true");
            });
  }

  @Test
  void aCpuStressWithTheOptInRunsDuringTheBodyAndNothingIsLeftRunningAfterTheRun() {
    run(
            LocalEffectsTestCase.CpuStress.class,
            Map.of(FaultExperimentProperties.HOST_EFFECTS, "true"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    assertThat(LocalEffectsTestCase.REACHES)
        .singleElement()
        .satisfies(reach -> assertThat(reach.status()).isEqualTo(FaultReach.Status.REACHED));
    assertThat(LocalEffectsTestCase.HOST_PIDS).hasSize(1);
    long child = LocalEffectsTestCase.HOST_PIDS.get(0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(child).filter(ProcessHandle::isAlive).isEmpty());
  }

  private org.junit.platform.testkit.engine.EngineExecutionResults run(
      Class<?> fixture, Map<String, String> extra) {
    Map<String, String> parameters = new HashMap<>(extra);
    parameters.put(FaultExperimentProperties.EMULATOR, "embedded");
    parameters.put(FaultExperimentProperties.PROVIDER, "aws");
    parameters.put(FaultExperimentProperties.REPORT_DIR, outputs.resolve("reports").toString());
    return EngineRuns.run(fixture, parameters, outputs.resolve("published"));
  }
}
