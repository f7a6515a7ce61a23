package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.fixtures.LocalTargetsTestCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * In embedded mode the experiment report carries what the local targets the experiment addresses
 * did with requests between its start and its confirmed end.
 */
// The LocalTargetsTestCase fixtures keep their upstream and proxy in static fields: one run of them
// at a time (RunSummaryTests runs them too).
@ResourceLock("LocalTargetsTestCase")
class LocalTargetReportTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  @Test
  void fisDelayCountsOnlyTheAddressedFunctionsRequestsWhileTheExperimentRan() throws Exception {
    run(LocalTargetsTestCase.DelayedCheckout.class);

    JsonNode report = report(LocalTargetsTestCase.DelayedCheckout.class, "embedded-delay");
    assertThat(report.path("localTargets")).hasSize(1);
    JsonNode checkout = report.path("localTargets").get(0);
    assertThat(checkout.path("kind").asText()).isEqualTo("LAMBDA_FUNCTION");
    assertThat(checkout.path("resource").asText())
        .isEqualTo(LocalTargetsTestCase.CHECKOUT_FUNCTION);
    assertThat(checkout.path("uri").asText())
        .isEqualTo(LocalTargetsTestCase.checkoutProxy.toString());
    assertThat(counters(checkout))
        .containsExactly(
            Map.entry("requests", 2L),
            Map.entry("delayed", 2L),
            Map.entry("aborted", 0L),
            Map.entry("passed", 2L),
            Map.entry("upstreamFailures", 0L));
    String html =
        Files.readString(html(LocalTargetsTestCase.DelayedCheckout.class, "embedded-delay"));
    assertThat(html).contains("<h2>Local targets</h2>", LocalTargetsTestCase.CHECKOUT_FUNCTION);
    assertThat(html).doesNotContain(LocalTargetsTestCase.INVENTORY_FUNCTION);
  }

  @Test
  void faultTestingAbortCountsOnlyTheAddressedForwardingRule() throws Exception {
    run(LocalTargetsTestCase.AbortedCheckout.class);

    JsonNode report = report(LocalTargetsTestCase.AbortedCheckout.class, "embedded-abort");
    assertThat(report.path("localTargets")).hasSize(1);
    JsonNode checkout = report.path("localTargets").get(0);
    assertThat(checkout.path("kind").asText()).isEqualTo("FORWARDING_RULE");
    assertThat(checkout.path("resource").asText()).isEqualTo(LocalTargetsTestCase.CHECKOUT_RULE);
    assertThat(counters(checkout))
        .containsExactly(
            Map.entry("requests", 2L),
            Map.entry("delayed", 0L),
            Map.entry("aborted", 2L),
            Map.entry("passed", 0L),
            Map.entry("upstreamFailures", 0L));
  }

  private void run(Class<?> fixture) {
    EngineRuns.run(
            fixture,
            Map.of(
                FaultExperimentProperties.EMULATOR,
                "embedded",
                FaultExperimentProperties.PROVIDER,
                "aws",
                FaultExperimentProperties.REPORT_DIR,
                reports.toString()),
            reports.resolve("published"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));
  }

  private JsonNode report(Class<?> fixture, String template) throws Exception {
    return JSON.readTree(file(fixture, template + ".json").toFile());
  }

  private Path html(Class<?> fixture, String template) {
    return file(fixture, template + ".html");
  }

  private Path file(Class<?> fixture, String name) {
    try (var files = Files.walk(reports.resolve(fixture.getName()))) {
      return files
          .filter(file -> file.getFileName().toString().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("No " + name + " under " + reports));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Long> counters(JsonNode target) {
    Map<String, Long> counters = new LinkedHashMap<>();
    target
        .path("counters")
        .properties()
        .forEach(f -> counters.put(f.getKey(), f.getValue().asLong()));
    return counters;
  }
}
