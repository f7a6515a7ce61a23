package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.FaultInjection;
import io.github.faultexperiment.StartedExperiment;
import io.github.faultexperiment.SteadyState;
import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.local.LocalTarget;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resilience test in phases, with the fault in the middle: measure the checkout's baseline,
 * inject a 3 s delay into pricing, measure under the fault, end the fault, measure recovery; the
 * {@link SteadyState} check guards every experiment as it would an annotated one. It runs on an
 * emulator it starts itself, so it needs nothing from {@code junit-platform.properties}; against
 * real AWS, drop the emulator and the {@code configurationParameter(…)} lines.
 */
@Tag("chaos")
class PhasedResilienceTests {
  static final String PRICING_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:pricing";
  static final CheckoutService.Resilience RESILIENCE =
      new CheckoutService.Resilience(
          Duration.ofSeconds(1), 3, Duration.ofMillis(20), new BigDecimal("9.99"));
  static final int CHECKOUTS = 3;

  static final FaultEmulator emulator = FaultEmulator.builder().start();

  // tag::programmatic-setup[]
  @RegisterExtension
  static FaultInjection chaos =
      FaultInjection.builder()
          .provider("aws")
          .injectionTimeout(Duration.ofSeconds(30))
          .stopTimeout(Duration.ofSeconds(30))
          .tags(Map.of("team", "checkout"))
          .recoveryTimeout(Duration.ofSeconds(10))
          // Only because this test brings its own emulator:
          .configurationParameter(AwsProperties.ENDPOINT, emulator.endpoint())
          .configurationParameter(AwsProperties.REGION, "us-east-1")
          .configurationParameter(AwsProperties.ACCESS_KEY_ID, "test")
          .configurationParameter(AwsProperties.SECRET_ACCESS_KEY, "test")
          .build();

  // end::programmatic-setup[]

  static PricingService pricingService;
  LocalTarget pricing;
  CheckoutService checkout;

  @BeforeAll
  static void startPricingAndLoadTheTemplate() {
    pricingService = PricingService.start(Map.of("book-1", new BigDecimal("12.50")));
    emulator
        .fis()
        .createTemplate(
            """
            {"description": "Every pricing invocation starts 3 s late",
             "targets": {"pricing": {"resourceType": "aws:lambda:function",
               "resourceArns": ["%s"], "selectionMode": "ALL"}},
             "actions": {"delay-pricing": {"actionId": "aws:lambda:invocation-add-delay",
               "parameters": {"duration": "PT5M", "startupDelayMilliseconds": "3000",
                 "invocationPercentage": "100"},
               "targets": {"Functions": "pricing"}}},
             "stopConditions": [{"source": "none"}],
             "roleArn": "arn:aws:iam::123456789012:role/fis-pricing-chaos",
             "tags": {"Name": "pricing-slow"}}
            """
                .formatted(PRICING_FUNCTION));
  }

  @AfterAll
  static void stopPricingAndEmulator() {
    pricingService.close();
    emulator.close();
  }

  @BeforeEach
  void pointCheckoutAtThePricingFunction() {
    pricing = emulator.localTargets().lambda(PRICING_FUNCTION, pricingService.uri());
    checkout = new CheckoutService(pricing.uri(), RESILIENCE);
    // Warm up (class loading, the first connection) before anything is measured.
    assertThat(checkout.checkout("book-1", 1).priceSource()).isEqualTo(PriceSource.LIVE);
  }

  // tag::programmatic-steady-state[]
  // Must pass before every experiment the tests start, and again within 10 s after each has ended.
  @SteadyState
  void checkoutChargesTheLivePrice() {
    assertThat(checkout.checkout("book-1", 1).priceSource()).isEqualTo(PriceSource.LIVE);
  }

  // end::programmatic-steady-state[]

  // tag::during[]
  @Test
  void checkoutDegradesToTheCachedPriceAndRecovers() {
    List<Receipt> baseline = checkouts();
    assertThat(baseline).extracting(Receipt::priceSource).containsOnly(PriceSource.LIVE);
    chaos.mark("baseline measured");
    long delayedBefore = pricing.counters().delayed();

    // Starts the experiment, waits until the delay is injected, runs the block, stops it.
    List<Receipt> underFault = chaos.during("pricing-slow", this::checkouts);

    assertThat(underFault).extracting(Receipt::priceSource).containsOnly(PriceSource.CACHED);
    assertThat(underFault).extracting(Receipt::unitPrice).containsOnly(new BigDecimal("12.50"));
    // The fault really was applied: every checkout's call to pricing was held back.
    assertThat(pricing.counters().delayed() - delayedBefore).isEqualTo(CHECKOUTS);

    List<Receipt> recovery = checkouts();
    chaos.mark("recovery measured");
    assertThat(recovery).extracting(Receipt::priceSource).containsOnly(PriceSource.LIVE);
    assertThat(pricing.counters().delayed() - delayedBefore).isEqualTo(CHECKOUTS);
  }

  // end::during[]

  // tag::handle[]
  @Test
  void checkoutRecoversAsSoonAsTheFaultEnds() {
    assertThat(checkouts()).extracting(Receipt::priceSource).containsOnly(PriceSource.LIVE);
    chaos.mark("baseline measured");

    try (StartedExperiment experiment = chaos.start("pricing-slow")) {
      experiment.awaitInjected();
      assertThat(checkouts()).extracting(Receipt::priceSource).containsOnly(PriceSource.CACHED);
      chaos.mark("degradation measured");

      experiment.stop(); // returns once FIS confirms the end and the steady state is back

      assertThat(experiment.live()).isFalse();
      assertThat(checkouts()).extracting(Receipt::priceSource).containsOnly(PriceSource.LIVE);
      chaos.mark("recovery measured");
    }
  }

  // end::handle[]

  private List<Receipt> checkouts() {
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < CHECKOUTS; i++) {
      receipts.add(checkout.checkout("book-1", 1));
    }
    return receipts;
  }
}
