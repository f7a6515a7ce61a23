package io.github.faultexperiment.emulator.gcp;

import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.FaultEmulator;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded emulator per test class, reset with fast Fault Testing timings before each test, and
 * the steps the Fault Testing tests share. Registered per class ({@code @RegisterExtension static
 * final}) so that classes never share an emulator, even when run in parallel.
 */
final class FaultTestingHarness implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final Duration timings;
  private FaultEmulator emulator;
  private GoogleRest rest;

  private FaultTestingHarness(Duration timings) {
    this.timings = timings;
  }

  /** Every state transition of every experiment takes {@code transition}. */
  static FaultTestingHarness withTimings(Duration transition) {
    return new FaultTestingHarness(transition);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator = FaultEmulator.builder().start();
    rest = new GoogleRest(emulator.endpoint());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    emulator.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    emulator.reset();
    faultTesting().timings(FaultTestingTimings.of(timings));
  }

  FaultEmulator emulator() {
    return emulator;
  }

  FaultTestingEmulator faultTesting() {
    return emulator.faultTesting();
  }

  GoogleRest rest() {
    return rest;
  }

  /** Loads {@link Fixtures#LB_ABORT} as {@code lb-abort} in {@link Fixtures#PARENT}. */
  String createLbAbortTemplate() {
    return faultTesting()
        .createTemplate("test-project", "us-central1", "lb-abort", Fixtures.LB_ABORT);
  }

  /** Waits until the experiment {@code name} (a resource name) is in {@code state}. */
  void awaitState(String name, String state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rest.get("/v1alpha/" + name).text("/state").equals(state));
  }
}
