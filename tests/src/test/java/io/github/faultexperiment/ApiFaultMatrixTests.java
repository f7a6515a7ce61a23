package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix's API-fault cells: every fault mode of every operation the providers call, on
 * both providers, against the emulator; each cell prints {@code matrix <provider> api-<operation>-
 * <kind> left_running=<n>} and asserts 0. Apart from {@link FaultMatrixTests} (the cleanup paths),
 * which must run alone in the JVM, because these cells touch nothing outside their own emulator and
 * so run beside other classes.
 */
class ApiFaultMatrixTests {
  @RegisterExtension
  static final Emulated emulated = Emulated.withTemplates("primary", "secondary");

  @AfterEach
  void noFaultsLeft() {
    emulated.clearApiFaults();
    // A failed cell must not leave a live experiment (and its template's slot) to the next one.
    // Only
    // this emulator's: other classes' experiments run in this JVM at the same time.
    List<String> ours = new ArrayList<>();
    for (Cloud provider : Cloud.values()) {
      ours.addAll(emulated.experimentIds(provider));
    }
    ShutdownHook.runNow(ours);
  }

  static Stream<Arguments> apiFaults() {
    Map<Cloud, List<String>> operations =
        Map.of(
            Cloud.AWS,
            List.of("StartExperiment", "GetExperiment", "StopExperiment"),
            Cloud.GCP,
            List.of(
                "experiments.create", "experiments.get", "experiments.start", "experiments.stop"));
    return Stream.of(Cloud.values())
        .flatMap(
            provider ->
                operations.get(provider).stream()
                    .flatMap(
                        operation ->
                            Stream.of(ApiFault.Kind.values())
                                .map(kind -> Arguments.of(provider, operation, kind))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("apiFaults")
  void apiFault(Cloud provider, String operation, ApiFault.Kind kind) {
    emulated.inject(provider, new ApiFault(operation, kind, 1.0, Duration.ofMillis(300), 2));

    emulated
        .run(provider, LifecycleTestCase.Succeeds.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(emulated.experiments(provider)).as("experiments started").isEqualTo(1);
    assertThat(cell(provider, "api-" + operation + "-" + kind.name().toLowerCase(Locale.ROOT)))
        .isZero();
  }

  private static int cell(Cloud provider, String cell) {
    return emulated.leftRunningAfter(provider, cell);
  }
}
