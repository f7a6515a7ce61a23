package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.FaultReach;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * FIS's own {@code AWSFIS-Run-CPU-Stress} on the checkout instance, against the latency budget of
 * the CPU-bound part of checkout (signing receipts). Offline the instance is this machine: with
 * {@code faultexperiment.emulator.host-effects=true} (see junit-platform.properties) the emulator
 * loads every core at the document's {@code LoadPercent} in a child process for as long as the
 * action runs, and ends it with the experiment or the JVM. Without the opt-in the action reaches
 * nothing and says how to opt in.
 */
class CpuStressLatencyBudgetTests {
  static final Duration BUDGET = Duration.ofSeconds(2);
  static final int RECEIPTS = 5_000;

  private final ReceiptSigner signer = new ReceiptSigner("checkout-signing-key");

  @Test
  @FaultExperiment(template = "checkout-host-cpu-stress")
  void signingABatchOfReceiptsStaysWithinItsBudgetUnderCpuStress(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    long started = System.nanoTime();
    for (int i = 0; i < RECEIPTS; i++) {
      assertThat(signer.sign("receipt-" + i + ";total=42.00;currency=EUR")).hasSize(64);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(BUDGET);
    emulator.ifPresent(
        e -> {
          assertThat(e.faultReach(experiment.experimentId()))
              .singleElement()
              .satisfies(
                  reach -> {
                    assertThat(reach.status()).isEqualTo(FaultReach.Status.REACHED);
                    assertThat(reach.effect()).contains("cpu stress", "at 100%");
                  });
          assertThat(e.hostEffects().running()).isEqualTo(1);
        });
  }
}
