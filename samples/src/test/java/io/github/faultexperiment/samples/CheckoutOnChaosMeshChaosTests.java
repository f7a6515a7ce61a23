package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.Endpoints;
import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.LocalTargetCounters;
import io.github.faultexperiment.spi.Phase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout under Chaos Mesh faults on the pricing pods of a Kubernetes cluster. Offline the
 * embedded emulator's Chaos Mesh runs the manifests in {@code fault-experiments/chaos-mesh/}: its
 * local target stands for the pod {@code shop/pricing-1} (label {@code app=pricing}), which the
 * manifests' selectors pick, and injects their faults into the checkout's calls. Against a real
 * cluster (without embedded mode, with the allow-lists set) the same manifests are created there
 * and the tests call {@code -Dfaultexperiment.endpoint.pricing=<the pricing service's URL>}.
 */
class CheckoutOnChaosMeshChaosTests {
  // The pod the local target stands for; its labels follow the identity.
  static final String PRICING_POD = "k8s:pod/shop/pricing-1";
  static final CheckoutService.Resilience RESILIENCE =
      new CheckoutService.Resilience(
          Duration.ofSeconds(1), 1, Duration.ofMillis(20), new BigDecimal("9.99"));
  static final Duration MARGIN = Duration.ofSeconds(2);
  static final int CHECKOUTS = 3;

  CheckoutService checkout;

  @BeforeEach
  void pointCheckoutAtThePricingPod(Endpoints endpoints) {
    checkout =
        new CheckoutService(
            endpoints.of("pricing", PRICING_POD + ";app=pricing", LocalPricing::uri), RESILIENCE);
  }

  // tag::chaos-mesh-test[]
  @Test
  @FaultExperiment(template = "pricing-delay", provider = "chaos-mesh")
  void checkoutFallsBackWithinItsBudgetWhilePricingIsSlow(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    // Injected means every record Chaos Mesh selected reads exactly "Injected".
    assertThat(experiment.phase()).isEqualTo(Phase.INJECTED);

    for (int i = 0; i < CHECKOUTS; i++) {
      long started = System.nanoTime();
      Receipt receipt = checkout.checkout("pen-1", 3);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(receipt.priceSource()).isEqualTo(PriceSource.FALLBACK);
      assertThat(took).isLessThan(RESILIENCE.timeout().plus(MARGIN));
    }
    emulator.ifPresent(e -> assertThat(calls(e, experiment).delayed()).isPositive());
  }

  // end::chaos-mesh-test[]

  // While the pod is down its local target resets every connection: each is counted as felt.
  @Test
  @FaultExperiment(template = "pricing-down", provider = "chaos-mesh")
  void checkoutFallsBackWhileThePricingPodIsDown(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    for (int i = 0; i < CHECKOUTS; i++) {
      Receipt receipt = checkout.checkout("book-1", 1);

      assertThat(receipt.priceSource()).isEqualTo(PriceSource.FALLBACK);
      assertThat(receipt.total()).isEqualByComparingTo("9.99");
    }
    emulator.ifPresent(
        e -> {
          assertThat(calls(e, experiment).passed()).isZero();
          assertThat(calls(e, experiment).aborted()).isPositive();
        });
  }

  /** What the experiment's faults did to the calls to the pricing pod (offline only). */
  static LocalTargetCounters calls(FaultEmulator emulator, ExperimentHandle experiment) {
    return emulator.localTarget(PRICING_POD).counters(experiment.experimentId());
  }
}
