package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.fixtures.SummaryTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The run summary of several test JVMs writing into one report directory, as Surefire's and
 * Failsafe's {@code forkCount} makes them: real separate JVMs ({@link ForkedRun}) on the test
 * classpath, each with its own embedded emulator.
 */
// Alone in the JVM: three forked JVMs at once take both cores; other classes' timed waits would
// starve beside them.
@Isolated
class ForkedSummaryTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path reports;

  @Test
  void threeForksOfOneRunWriteOneSummaryWithEveryExperimentAndNoneOfAnEarlierRun()
      throws Exception {
    Process earlier = fork("build-1", SummaryTestCase.ForkOnGcp.class, Map.of());
    assertExitsWith(earlier, 0);

    List<Process> forks = new ArrayList<>();
    for (Class<?> fixture :
        List.of(
            SummaryTestCase.ForkOnAws.class,
            SummaryTestCase.ForkOnGcp.class,
            SummaryTestCase.ForkDryRun.class)) {
      forks.add(
          fork("build-2", fixture, Map.of("faultexperiment.summary.require-experiments", "true")));
    }
    for (Process fork : forks) {
      assertExitsWith(fork, 0);
    }

    JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
    assertThat(summary.get("runId").asText()).isEqualTo("run build-2");
    assertThat(summary.get("experiments").asInt()).as("the dry run is counted apart").isEqualTo(2);
    assertThat(summary.get("dryRuns").asInt()).isEqualTo(1);
    assertThat(summary.get("failed").asInt()).isZero();
    assertThat(summary.get("leftRunning").asInt()).isZero();
    assertThat(summary.get("gate").get("passed").asBoolean()).isTrue();
    List<String> tests = new ArrayList<>();
    summary.get("entries").forEach(entry -> tests.add(entry.get("test").asText()));
    assertThat(tests)
        .containsExactlyInAnyOrder("ForkOnAws.onAws", "ForkOnGcp.onGcp", "ForkDryRun.dryRunOnAws");
    for (JsonNode entry : summary.get("entries")) {
      assertThat(reports.resolve(entry.get("timeline").asText())).isRegularFile();
    }
    assertThat(Files.readString(reports.resolve("index.html")))
        .contains("2 experiments started", "1 dry run", "ForkOnAws.onAws", "ForkOnGcp.onGcp")
        .contains("embedded-delay <em>(dry run)</em>");
    assertThat(parts()).as("build-1's part is gone with its JVM; one part per fork").hasSize(3);
  }

  @Test
  void aForkedRunWithoutExperimentsFailsItsJvmWhenTheGateIsOn() throws Exception {
    Process fork =
        fork(
            "build-3",
            SummaryTestCase.Plain.class,
            Map.of("faultexperiment.summary.require-experiments", "true"));

    assertExitsWith(fork, 1);
    assertThat(Files.readString(reports.resolve("build-3-Plain.log")))
        .contains("No experiment ran in this test run")
        .contains("faultexperiment.summary.require-experiments is true");
    JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
    assertThat(summary.get("experiments").asInt()).isZero();
    assertThat(summary.get("gate").get("passed").asBoolean()).isFalse();
  }

  private Process fork(String runId, Class<?> fixture, Map<String, String> extra)
      throws IOException {
    Map<String, String> properties = new HashMap<>(extra);
    properties.put("faultexperiment.emulator", "embedded");
    properties.put("faultexperiment.provider", "aws");
    // the fixtures' faults address functions no local target stands for
    properties.put("faultexperiment.emulator.unreached-faults", "warn");
    properties.put("faultexperiment.report-dir", reports.toString());
    properties.put("faultexperiment.summary.run-id", runId);
    return Forks.start(
        properties,
        reports.resolve(runId + "-" + fixture.getSimpleName() + ".log"),
        ForkedRun.class.getName(),
        fixture.getName());
  }

  private static void assertExitsWith(Process fork, int exitCode) throws InterruptedException {
    assertThat(fork.waitFor(120, TimeUnit.SECONDS)).as("the fork ends").isTrue();
    assertThat(fork.exitValue()).isEqualTo(exitCode);
  }

  private List<Path> parts() throws IOException {
    try (Stream<Path> files = Files.list(reports.resolve(".summary-parts"))) {
      return files.filter(file -> file.toString().endsWith(".json")).toList();
    }
  }
}
