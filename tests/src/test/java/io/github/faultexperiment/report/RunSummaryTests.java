package io.github.faultexperiment.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.RunSummaryListener;
import io.github.faultexperiment.fixtures.LocalTargetsTestCase;
import io.github.faultexperiment.fixtures.SummaryTestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The run summary through the real Launcher (which loads {@link RunSummaryListener} from {@code
 * META-INF/services}), against the embedded emulator.
 */
class RunSummaryTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;
  @TempDir Path outputs;

  @Test
  void listsEveryExperimentOfTheRunWithItsOutcomeTimesAndTimeline() throws Exception {
    long failedTests = run(SummaryTestCase.Mixed.class);

    assertThat(failedTests).isEqualTo(1);
    JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
    assertThat(summary.get("experiments").asInt()).isEqualTo(2);
    assertThat(summary.get("failed").asInt()).isEqualTo(1);
    JsonNode aws = entry(summary, "embedded-delay");
    assertThat(aws.get("provider").asText()).isEqualTo("aws");
    assertThat(aws.get("test").asText()).isEqualTo("Mixed.passesOnAws");
    assertThat(aws.get("outcome").asText()).isEqualTo("passed");
    assertThat(aws.get("passed").asBoolean()).isTrue();
    assertThat(aws.get("finalState").asText()).isEqualTo("stopped");
    assertThat(aws.get("timeToInject").asText()).startsWith("PT");
    assertThat(aws.get("timeUnderFault").asText()).startsWith("PT");
    assertThat(aws.get("timeToStop").asText()).startsWith("PT");
    assertThat(aws.get("localTraffic").isNull()).isTrue();
    assertThat(aws.get("blastRadius").asText()).isEqualTo("1 resource");
    JsonNode gcp = entry(summary, "embedded-abort");
    assertThat(gcp.get("provider").asText()).isEqualTo("gcp");
    assertThat(gcp.get("passed").asBoolean()).isFalse();
    assertThat(gcp.get("outcome").asText()).contains("checkout failed under the abort");
    assertThat(gcp.get("blastRadius").asText()).matches("\\d+ resources?");
    for (JsonNode entry : summary.get("entries")) {
      assertThat(reports.resolve(entry.get("timeline").asText())).isRegularFile();
      assertThat(reports.resolve(entry.get("report").asText())).isRegularFile();
    }
    String index = Files.readString(reports.resolve("index.html"));
    assertThat(index)
        .contains("2 experiments", "1 failed", "Mixed.passesOnAws", "Mixed.failsOnGcp")
        .contains("<th>Blast radius</th>", "<td>1 resource</td>")
        .contains("href=\"" + aws.get("timeline").asText() + "\"");
  }

  @Test
  void addsUpTheLocalTargetsCountersPerExperiment() throws Exception {
    long failedTests = run(LocalTargetsTestCase.DelayedCheckout.class);

    assertThat(failedTests).isZero();
    JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
    JsonNode traffic = entry(summary, "embedded-delay").get("localTraffic");
    assertThat(traffic.get("requests").asLong()).isEqualTo(2);
    assertThat(traffic.get("delayed").asLong()).isEqualTo(2);
    assertThat(traffic.get("aborted").asLong()).isZero();
    assertThat(Files.readString(reports.resolve("index.html")))
        .contains("2 requests: 2 delayed, 0 aborted");
  }

  @Test
  void writesNothingWhenNoExperimentRan() throws Exception {
    long failedTests = run(SummaryTestCase.Plain.class);

    assertThat(failedTests).isZero();
    assertThat(reports).isEmptyDirectory();
  }

  private long run(Class<?> fixture) {
    SummaryGeneratingListener results = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameters(
                    Map.of(
                        "faultexperiment.emulator",
                        "embedded",
                        "faultexperiment.provider",
                        "aws",
                        // the fixtures' faults address functions no local target stands for
                        "faultexperiment.emulator.unreached-faults",
                        "warn",
                        "faultexperiment.report-dir",
                        reports.toString(),
                        "junit.platform.reporting.output.dir",
                        outputs.toString()))
                .build(),
            results);
    results
        .getSummary()
        .getFailures()
        .forEach(failure -> System.out.println("fixture failure: " + failure.getException()));
    return results.getSummary().getTotalFailureCount();
  }

  private static JsonNode entry(JsonNode summary, String template) {
    for (JsonNode entry : summary.get("entries")) {
      if (entry.get("template").asText().equals(template)) {
        return entry;
      }
    }
    throw new AssertionError("No entry for " + template + " in " + summary);
  }
}
