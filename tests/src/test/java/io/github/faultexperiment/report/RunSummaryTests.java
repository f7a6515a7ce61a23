package io.github.faultexperiment.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.RunSummaryListener;
import io.github.faultexperiment.fixtures.FeltFaultsTestCase;
import io.github.faultexperiment.fixtures.LocalTargetsTestCase;
import io.github.faultexperiment.fixtures.SummaryTestCase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.launcher.TagFilter;
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
    assertThat(summary.get("schemaVersion").asInt()).isEqualTo(RunSummary.SCHEMA_VERSION);
    assertThat(summary.get("experiments").asInt()).isEqualTo(2);
    assertThat(summary.get("failed").asInt()).isEqualTo(1);
    assertThat(summary.get("leftRunning").asInt()).isZero();
    assertThat(summary.get("gate").get("passed").asBoolean())
        .as("a failed experiment fails the gate, whatever require-experiments says")
        .isFalse();
    assertThat(summary.get("gate").get("verdict").asText())
        .isEqualTo("not passed: 1 test failed — 2 experiments started");
    JsonNode aws = entry(summary, "embedded-delay");
    assertThat(aws.get("provider").asText()).isEqualTo("aws");
    assertThat(aws.get("test").asText()).isEqualTo("Mixed.passesOnAws");
    assertThat(aws.get("outcome").asText()).isEqualTo("passed");
    assertThat(aws.get("passed").asBoolean()).isTrue();
    assertThat(aws.get("finalState").asText()).isEqualTo("stopped");
    assertThat(aws.get("leftRunning").asBoolean()).isFalse();
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
        .contains("2 experiments started", "1 failed", "Mixed.passesOnAws", "Mixed.failsOnGcp")
        .contains("Gate: not passed: 1 test failed")
        .contains("<th>Blast radius</th>", "<td>1 resource</td>")
        .contains("href=\"" + aws.get("timeline").asText() + "\"");
  }

  // The LocalTargetsTestCase fixtures keep their upstream and proxy in static fields: one run of
  // them at a time (LocalTargetReportTests runs them too).
  @Test
  @ResourceLock("LocalTargetsTestCase")
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

  // The FeltFaultsTestCase fixtures keep what they saw in static fields (FeltFaultsTests runs
  // them).
  @Test
  @ResourceLock("FeltFaultsTestCase")
  void countsTheFaultActionsNotFeltButAcknowledged() throws Exception {
    FeltFaultsTestCase.reset();
    long failedTests =
        run(
            FeltFaultsTestCase.AcknowledgedAutomation.class,
            Map.of("faultexperiment.emulator.unreached-faults", "fail"),
            List.of());

    assertThat(failedTests).isZero();
    JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
    assertThat(summary.get("unfeltAcknowledged").asInt()).isEqualTo(1);
    assertThat(entry(summary, "embedded-automation").get("unfeltAcknowledged").asInt())
        .isEqualTo(1);
    assertThat(Files.readString(reports.resolve("index.html")))
        .contains("1 fault action not felt, acknowledged");
  }

  @Test
  void writesNothingWhenNoExperimentRan() throws Exception {
    long failedTests = run(SummaryTestCase.Plain.class);

    assertThat(failedTests).isZero();
    assertThat(reports).isEmptyDirectory();
  }

  @Nested
  class FailedBeforeStart {
    @Test
    void aMisspelledTemplateIsAnEntryBesideTheExperimentsThatPassed() throws Exception {
      long failedTests = run(SummaryTestCase.NotStarted.class);

      assertThat(failedTests).isEqualTo(1);
      JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
      assertThat(summary.get("experiments").asInt())
          .as("the misspelled template's experiment never started")
          .isEqualTo(2);
      assertThat(summary.get("failed").asInt()).isEqualTo(1);
      assertThat(summary.get("notStarted").asInt()).isEqualTo(1);
      assertThat(summary.get("entries")).hasSize(3);
      assertThat(summary.get("gate").get("verdict").asText())
          .isEqualTo(
              "not passed: 1 test failed (1 before its experiment started) — 2 experiments"
                  + " started");
      for (String test : List.of("NotStarted.passesOnAws", "NotStarted.onGcp")) {
        assertThat(entryOf(summary, test).get("passed").asBoolean()).isTrue();
        assertThat(entryOf(summary, test).get("started").asBoolean()).isTrue();
      }
      JsonNode misspelled = entryOf(summary, "NotStarted.misspelledTemplate");
      assertThat(misspelled.get("template").asText()).isEqualTo("embeded-delay");
      assertThat(misspelled.get("started").asBoolean()).isFalse();
      assertThat(misspelled.get("passed").asBoolean()).isFalse();
      assertThat(misspelled.get("outcome").asText())
          .contains("Template 'embeded-delay' is not an embedded template");
      assertThat(Files.readString(reports.resolve("index.html")))
          .contains("2 experiments started", "1 failed</span> (1 before its experiment started)")
          .contains(
              "not started: FaultExperimentException: Template &#39;embeded-delay&#39; is not");
    }

    @Test
    void anUnreachableEndpointIsAnEntryWithItsError() throws Exception {
      int closed = closedPort();

      long failedTests =
          run(
              SummaryTestCase.NotStarted.class,
              Map.of("faultexperiment.aws.endpoint", "http://127.0.0.1:" + closed),
              List.of());

      assertThat(failedTests).isEqualTo(2);
      JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
      assertThat(summary.get("experiments").asInt()).isEqualTo(1);
      assertThat(summary.get("notStarted").asInt()).isEqualTo(2);
      assertThat(entryOf(summary, "NotStarted.onGcp").get("passed").asBoolean()).isTrue();
      for (String test : List.of("NotStarted.passesOnAws", "NotStarted.misspelledTemplate")) {
        JsonNode entry = entryOf(summary, test);
        assertThat(entry.get("started").asBoolean()).isFalse();
        assertThat(entry.get("passed").asBoolean()).isFalse();
        assertThat(entry.get("outcome").asText()).contains("127.0.0.1:" + closed);
      }
    }

    @Test
    void missingCredentialsAreAnEntryWithTheirError() throws Exception {
      long failedTests =
          run(
              SummaryTestCase.NotStarted.class,
              // a key without its secret: credentials that cannot be used, whatever the machine has
              Map.of("faultexperiment.aws.access-key-id", "AKIDEXAMPLE"),
              List.of());

      assertThat(failedTests).isEqualTo(2);
      JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
      assertThat(summary.get("experiments").asInt()).isEqualTo(1);
      JsonNode passed = entryOf(summary, "NotStarted.onGcp");
      assertThat(passed.get("passed").asBoolean()).isTrue();
      for (String test : List.of("NotStarted.passesOnAws", "NotStarted.misspelledTemplate")) {
        JsonNode entry = entryOf(summary, test);
        assertThat(entry.get("started").asBoolean()).isFalse();
        assertThat(entry.get("experimentId").asText()).isEmpty();
        assertThat(entry.get("outcome").asText()).contains("faultexperiment.aws.secret-access-key");
        assertThat(entry.get("timeline").isNull()).isTrue();
      }
    }
  }

  @Nested
  class RequireExperiments {
    private final Map<String, String> required =
        Map.of("faultexperiment.summary.require-experiments", "true");

    @Test
    void aClassWithoutTestsFailsTheRunAndTheSummarySaysSo() throws Exception {
      assertThatThrownBy(() -> run(SummaryTestCase.WithoutTests.class, required, List.of()))
          .hasMessageContaining("No experiment ran")
          .hasMessageContaining("faultexperiment.summary.require-experiments");

      JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
      assertThat(summary.get("experiments").asInt()).isZero();
      assertThat(summary.get("gate").get("passed").asBoolean()).isFalse();
      assertThat(Files.readString(reports.resolve("index.html")))
          .contains("0 experiments started", "Gate: not passed: no experiment started");
    }

    @Test
    void aTagFilterThatExcludedEveryChaosTestFailsTheRun() {
      assertThatThrownBy(() -> run(SummaryTestCase.Mixed.class, required, List.of("chaos")))
          .hasMessageContaining("No experiment ran");
    }

    @Test
    void aRunWithExperimentsPassesTheGate() throws Exception {
      long failedTests = run(SummaryTestCase.ForkOnAws.class, required, List.of());

      assertThat(failedTests).isZero();
      JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
      assertThat(summary.get("gate").get("passed").asBoolean()).isTrue();
      assertThat(summary.get("gate").get("verdict").asText())
          .isEqualTo("1 experiment started, none failed");
    }

    @Test
    void aRunOfDryRunsOnlyStartedNoExperimentAndFailsTheRun() throws Exception {
      assertThatThrownBy(() -> run(SummaryTestCase.ForkDryRun.class, required, List.of()))
          .hasMessageContaining("No experiment started in this test run (only aborted tests and")
          .hasMessageContaining("faultexperiment.summary.require-experiments");

      JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
      assertThat(summary.get("experiments").asInt()).isZero();
      assertThat(summary.get("dryRuns").asInt()).isEqualTo(1);
      assertThat(summary.get("gate").get("passed").asBoolean()).isFalse();
      assertThat(summary.get("gate").get("verdict").asText())
          .startsWith(
              "not passed: no experiment started, and faultexperiment.summary.require-experiments"
                  + " is true")
          .endsWith("— 0 experiments started, 1 dry run");
    }

    @Test
    void aValueThatIsNotABooleanFailsTheRunNamingTheParameter() {
      assertThatThrownBy(
              () ->
                  run(
                      SummaryTestCase.ForkOnAws.class,
                      Map.of("faultexperiment.summary.require-experiments", "yes"),
                      List.of()))
          .hasMessageContaining("faultexperiment.summary.require-experiments = 'yes' is not valid")
          .hasMessageContaining("true");
    }

    @Test
    void withoutTheParameterARunWithoutExperimentsStaysGreen() {
      assertThat(run(SummaryTestCase.WithoutTests.class)).isZero();
      assertThat(reports).isEmptyDirectory();
    }
  }

  private long run(Class<?> fixture) {
    return run(fixture, Map.of(), List.of());
  }

  private long run(Class<?> fixture, Map<String, String> extra, List<String> excludedTags) {
    Map<String, String> parameters = new HashMap<>(parameters());
    parameters.putAll(extra);
    SummaryGeneratingListener results = new SummaryGeneratingListener();
    LauncherDiscoveryRequestBuilder request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .configurationParameters(parameters);
    if (!excludedTags.isEmpty()) {
      request.filters(TagFilter.excludeTags(excludedTags));
    }
    LauncherFactory.create().execute(request.build(), results);
    results
        .getSummary()
        .getFailures()
        .forEach(failure -> System.out.println("fixture failure: " + failure.getException()));
    return results.getSummary().getTotalFailureCount();
  }

  private Map<String, String> parameters() {
    return Map.of(
        // The real Launcher reads this module's junit-platform.properties, which runs the module's
        // own test classes side by side; the fixture runs as a plain single-threaded run would.
        "junit.jupiter.execution.parallel.enabled",
        "false",
        "faultexperiment.emulator",
        "embedded",
        "faultexperiment.provider",
        "aws",
        // the fixtures' faults address functions no local target stands for
        "faultexperiment.emulator.unreached-faults",
        "warn",
        "faultexperiment.report-dir",
        reports.toString(),
        "faultexperiment.environment",
        "ignore",
        "junit.platform.reporting.output.dir",
        outputs.toString());
  }

  private static JsonNode entryOf(JsonNode summary, String test) {
    for (JsonNode entry : summary.get("entries")) {
      if (entry.get("test").asText().equals(test)) {
        return entry;
      }
    }
    throw new AssertionError("No entry for " + test + " in " + summary);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
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
