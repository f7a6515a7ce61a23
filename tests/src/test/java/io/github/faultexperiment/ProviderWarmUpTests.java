package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.faultexperiment.fixtures.LifecycleTestCase;
import io.github.faultexperiment.fixtures.NoExperimentTestCase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The provider's warm-up, through the JUnit Platform launcher (as Surefire runs a class: the
 * extension's execution listener is registered by the service loader, which EngineTestKit does not
 * use).
 */
class ProviderWarmUpTests {
  @RegisterExtension static final Emulated emulated = Emulated.withTemplates("primary");

  @Test
  void aPlanHoldingAChaosTestSendsTheFirstReadsBesideItsFirstExperiment() {
    emulated.emulator().fis().resetCounters();

    TestExecutionSummary summary = launch(LifecycleTestCase.Succeeds.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    assertThat(summary.getTotalFailureCount()).isZero();
    // the warm-up reads the lever once, and the experiment's start once more
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(emulated.emulator().fis().requestCount("GetSafetyLever")).isEqualTo(2));
    assertThat(emulated.emulator().fis().requestCount("StartExperiment")).isEqualTo(1);
    assertThat(emulated.emulator().fis().requestCount("ListExperimentTemplates")).isPositive();
  }

  @Test
  void aPlanWithoutAChaosTestSendsNothing() {
    emulated.emulator().fis().resetCounters();

    TestExecutionSummary summary = launch(NoExperimentTestCase.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> emulated.emulator().fis().requestCounts().isEmpty());
  }

  private static TestExecutionSummary launch(Class<?> fixture) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameters(emulated.parameters(Cloud.AWS))
                .build(),
            summary);
    return summary.getSummary();
  }
}
