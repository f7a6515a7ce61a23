package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.common.ApiFault.Kind;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiFaultTests {
  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final FaultEmulator emulator = HARNESS.emulator();
  private final GoogleRest rest = HARNESS.rest();
  private final FaultTestingEmulator gcp = HARNESS.faultTesting();

  @ParameterizedTest
  @CsvSource({
    "THROTTLE, 429, RESOURCE_EXHAUSTED",
    "SERVER_ERROR, 500, INTERNAL",
    "UNAVAILABLE, 503, UNAVAILABLE"
  })
  void errorFaultsAnswerGooglesErrorForTheNamedMethodOnly(Kind kind, int status, String code) {
    gcp.injectApiFault(ApiFault.times("experiments.list", kind, 1));

    Response faulted = rest.get(API + "/experiments");
    Response other = rest.get(API + "/experimentTemplates");
    Response next = rest.get(API + "/experiments");

    assertThat(faulted.status()).isEqualTo(status);
    assertThat(faulted.text("/error/status")).isEqualTo(code);
    assertThat(faulted.text("/error/message")).contains("experiments.list");
    assertThat(other.status()).isEqualTo(200);
    assertThat(next.status()).isEqualTo(200);
  }

  @Test
  void aResetConnectionGetsNoAnswer() {
    gcp.injectApiFault(ApiFault.always("experimentTemplates.get", Kind.CONNECTION_RESET));

    assertThatThrownBy(() -> rest.get(API + "/experimentTemplates/any-template"))
        .isInstanceOf(UncheckedIOException.class);

    gcp.clearApiFaults();
    assertThat(rest.get(API + "/experimentTemplates/any-template").status()).isEqualTo(404);
  }

  @Test
  void latencyDelaysButAnswers() {
    gcp.injectApiFault(new ApiFault("*", Kind.LATENCY, 1.0, Duration.ofMillis(300), 1));
    long before = System.nanoTime();

    Response answer = rest.get(API + "/experiments");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - before))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void everyCallIsCountedPerMethod() {
    rest.get(API + "/experiments");
    rest.get(API + "/experiments");
    rest.get(API + "/experiments/nope-1");
    gcp.injectApiFault(ApiFault.times("experiments.list", Kind.THROTTLE, 1));
    rest.get(API + "/experiments");

    assertThat(gcp.requestCount("experiments.list")).isEqualTo(3);
    assertThat(gcp.requestCount("experiments.get")).isEqualTo(1);
    assertThat(gcp.requestCounts()).containsOnlyKeys("experiments.list", "experiments.get");

    emulator.reset();
    assertThat(gcp.requestCounts()).isEmpty();
  }
}
