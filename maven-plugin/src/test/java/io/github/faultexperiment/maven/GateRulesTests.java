package io.github.faultexperiment.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's rules and its reading of {@code summary.json} files as the extension writes them. */
class GateRulesTests {
  private static final GateRules DEFAULTS = new GateRules(1, 0, false);
  private static final String PASSED =
      """
      {"test": "CheckoutTests.survives", "template": "checkout-delay", "experimentId": "EXP1",
       "outcome": "passed", "passed": true, "aborted": false, "leftRunning": false}""";

  @TempDir Path directory;

  @Test
  void aRunWithAStartedExperimentAndNothingElsePasses() throws IOException {
    RunSummaryFile summary = write(counts(1, 0, 0, 0, 0, ""), PASSED);

    assertThat(DEFAULTS.violations(summary)).isEmpty();
  }

  @Test
  void failedAndLeftRunningExperimentsAreNamedWithTheirTemplates() throws IOException {
    RunSummaryFile summary =
        write(
            counts(2, 1, 1, 0, 0, ""),
            PASSED,
            """
            {"test": "PaymentTests.retries", "template": "payment-abort", "outcome": "boom",
             "passed": false, "aborted": false, "leftRunning": true}""");

    assertThat(DEFAULTS.violations(summary))
        .containsExactly(
            "1 test failed: PaymentTests.retries (payment-abort)",
            "1 experiment left running: PaymentTests.retries (payment-abort)");
  }

  @Test
  void tooFewExperimentsSayWhatRanInstead() throws IOException {
    RunSummaryFile summary =
        write(
            counts(0, 0, 0, 1, 1, ""),
            """
            {"test": "CheckoutTests.lever", "template": "checkout-delay", "outcome": "lever",
             "passed": false, "aborted": true}""");

    assertThat(new GateRules(1, 1, false).violations(summary))
        .containsExactly(
            "no experiment started, at least 1 required (minExperiments): 1 aborted, 1 dry run");
    assertThat(DEFAULTS.violations(summary))
        .contains(
            "1 aborted (an engaged safety lever, an exclusion window, a failed assumption), at"
                + " most 0 allowed (allowedAborted): CheckoutTests.lever (checkout-delay)");
  }

  @Test
  void acknowledgedUnfeltFaultsFailUnlessAllowedAndTheirAbsenceCountsAsNone() throws IOException {
    RunSummaryFile acknowledged =
        write(
            counts(1, 0, 0, 0, 0, ", \"unfeltAcknowledged\": 2"),
            PASSED.replace("}", ", \"unfeltAcknowledged\": 2}"));
    RunSummaryFile without = write(counts(1, 0, 0, 0, 0, ""), PASSED);

    assertThat(DEFAULTS.violations(acknowledged))
        .containsExactly(
            "2 faults acknowledged as not felt by the application, not allowed"
                + " (allowAcknowledgedUnfelt is false): CheckoutTests.survives (checkout-delay)");
    assertThat(new GateRules(1, 0, true).violations(acknowledged)).isEmpty();
    assertThat(without.acknowledgedUnfelt()).isZero();
  }

  @Test
  void aSummaryOfAnotherBuildOrWrittenBeforeThisOneIsNotThisBuilds() throws IOException {
    RunSummaryFile summary = write(counts(1, 0, 0, 0, 0, ""), PASSED);

    assertThat(new ThisBuild("b2", Instant.parse("2026-01-01T00:00:00Z")).whyNot(summary))
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("it is from another build (runId 'run b1'"));
    assertThat(new ThisBuild("b1", Instant.parse("2026-12-31T00:00:00Z")).whyNot(summary))
        .hasValueSatisfying(why -> assertThat(why).contains("before this build started"));
    assertThat(new ThisBuild("b1", Instant.parse("2026-01-01T00:00:00Z")).whyNot(summary))
        .isEmpty();
  }

  @Test
  void aSummaryOfAnotherSchemaIsRefusedNamingTheVersions() throws IOException {
    Path file = directory.resolve("summary.json");
    Files.writeString(file, "{\"runId\": \"process 1\", \"experiments\": 1, \"entries\": []}");

    assertThatThrownBy(() -> RunSummaryFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("it has no schemaVersion")
        .hasMessageContaining("this plugin reads schemaVersion 1");
  }

  @Test
  void negativeToleranceIsRefusedNamingTheParameter() {
    assertThatThrownBy(() -> new GateRules(-1, 0, false))
        .hasMessage("minExperiments = -1 is not valid: use 0 or more (default 1)");
    assertThatThrownBy(() -> new GateRules(1, -2, false))
        .hasMessage("allowedAborted = -2 is not valid: use 0 or more (default 0)");
  }

  private static String counts(
      int experiments, int failed, int leftRunning, int aborted, int dryRuns, String more) {
    return """
        "schemaVersion": 1, "runId": "run b1", "generatedAt": "2026-06-01T10:00:00.123Z",
        "experiments": %d, "failed": %d, "leftRunning": %d, "aborted": %d, "notStarted": 0,
        "dryRuns": %d, "gate": {"passed": false, "verdict": "…"}%s"""
        .formatted(experiments, failed, leftRunning, aborted, dryRuns, more);
  }

  private RunSummaryFile write(String counts, String... entries) throws IOException {
    Path file = directory.resolve("summary.json");
    Files.writeString(file, "{" + counts + ", \"entries\": [" + String.join(",", entries) + "]}");
    return RunSummaryFile.read(file);
  }
}
