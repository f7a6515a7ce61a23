package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The resilience gate on real Maven builds of a user's project configured as docs/ci.md says
 * ({@code forked-summary-fixture}: Failsafe with {@code groups} {@code chaos}, {@code
 * faultexperiment.summary.require-experiments}, and the plugin's {@code prepare} and {@code verify}
 * goals), each build on a fresh copy of the project, so nothing an earlier build left in {@code
 * target/} can pass it.
 *
 * <p>Not in the default suite (eight Maven builds take minutes): {@code .ci/run} runs it after
 * installing the project, with {@code -Dtest=GateMavenBuildTests}. The builds use the local
 * repository of the Maven build that runs this class (Surefire passes it as {@code
 * localRepository}), so a build run with {@code -Dmaven.repo.local=...} tests the artifacts
 * installed there.
 */
// Each build forks test JVMs of its own: alone, so that the class's builds do not starve others.
@Isolated
class GateMavenBuildTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FIXTURE =
      Path.of(System.getProperty("basedir", "."), "forked-summary-fixture");

  @TempDir Path work;

  @Test
  void withTwoForksAPassingRunPassesAndItsSummaryCountsEveryForksExperiments() throws Exception {
    Build build = build(project("two-forks"), "-Dfork.count=2");

    assertThat(build.exitCode()).as(build.tail()).isZero();
    assertThat(build.output()).contains("Resilience gate passed: 3 experiments started");
    JsonNode summary = build.summary();
    assertThat(summary.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(summary.get("runId").asText()).startsWith("run ");
    assertThat(summary.get("experiments").asInt()).isEqualTo(3);
    assertThat(summary.get("gate").get("passed").asBoolean()).isTrue();
    assertThat(build.summaryParts()).as("one part per fork, merged into one summary").hasSize(2);
  }

  @Test
  void withOneForkAPassingRunPassesAndItsSummaryCountsItsExperiments() throws Exception {
    Build build = build(project("one-fork"), "-Dfork.count=1");

    assertThat(build.exitCode()).as(build.tail()).isZero();
    assertThat(build.output()).contains("Resilience gate passed: 3 experiments started");
    assertThat(build.summary().get("experiments").asInt()).isEqualTo(3);
    assertThat(build.summaryParts()).hasSize(1);
  }

  @Test
  void withTwoForksAFilterThatSelectsNothingFailsTheBuildNamingTheMissingSummary()
      throws Exception {
    Build build = build(project("two-forks-nothing"), "-Dfork.count=2", "-Dchaos.groups=none");

    assertThat(build.exitCode()).as(build.tail()).isNotZero();
    assertThat(build.output())
        .contains("Resilience gate failed: no run summary at " + build.summaryFile())
        .contains("Check the tag filter (groups chaos)");
  }

  @Test
  void withOneForkAFilterThatSelectsNothingFailsTheBuildAndTheSummarySaysWhy() throws Exception {
    Build build = build(project("one-fork-nothing"), "-Dfork.count=1", "-Dchaos.groups=none");

    assertThat(build.exitCode()).as(build.tail()).isNotZero();
    JsonNode summary = build.summary();
    assertThat(summary.get("experiments").asInt()).isZero();
    assertThat(summary.get("gate").get("passed").asBoolean()).isFalse();
    assertThat(summary.get("gate").get("verdict").asText()).startsWith("not passed: no experiment");
  }

  @Test
  void aFailingChaosTestFailsTheGateAndRebuildsWithoutCleanThatSelectNothingStillFail()
      throws Exception {
    Path project = project("failing-then-nothing");
    // Failsafe told to ignore the failure: the gate alone must fail the build, naming the test.
    Build failing = build(project, "-Dcheckout.broken=true", "-Dmaven.test.failure.ignore=true");

    assertThat(failing.exitCode()).as(failing.tail()).isNotZero();
    assertThat(failing.output())
        .contains(
            "Resilience gate failed: 1 test failed: CheckoutOneTests.survivesTheDelay"
                + " (embedded-delay) (run summary "
                + failing.summaryFile()
                + ")");
    JsonNode summary = failing.summary();
    assertThat(summary.get("failed").asInt()).isEqualTo(1);
    assertThat(summary.get("experiments").asInt()).isEqualTo(3);
    assertThat(summary.get("gate").get("passed").asBoolean()).isFalse();
    String failingRun = summary.get("runId").asText();

    // As docs/ci.md configures it: Failsafe's own verify reads the failsafe-summary.xml the failing
    // build left (it writes none when no test JVM started) and fails first; the build fails.
    Build nothing = build(project, "-Dchaos.groups=none");

    assertThat(nothing.exitCode()).as(nothing.tail()).isNotZero();

    // With Failsafe told to ignore test failures, that stale file passes it: the gate still fails.
    Build nothingIgnored =
        build(project, "-Dchaos.groups=none", "-Dmaven.test.failure.ignore=true");

    assertThat(nothingIgnored.exitCode()).as(nothingIgnored.tail()).isNotZero();
    assertThat(nothingIgnored.output())
        .contains(
            "Resilience gate failed: no run summary from this build at "
                + nothingIgnored.summaryFile()
                + ": it is from another build (runId '"
                + failingRun
                + "'");
    assertThat(nothingIgnored.summary().get("runId").asText()).isEqualTo(failingRun);
  }

  /** A fresh copy of the fixture, without anything a build of it left. */
  private Path project(String name) throws IOException {
    Path copy = work.resolve(name);
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path file : files.toList()) {
        Path relative = FIXTURE.relativize(file);
        if (relative.startsWith("target")) {
          continue;
        }
        Path target = copy.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return copy;
  }

  private static Build build(Path project, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "verify"));
    String repository = System.getProperty("localRepository");
    if (repository != null) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    command.add("-Dfaultexperiment.version=" + System.getProperty("gate.fixture.version"));
    command.addAll(List.of(args));
    Path log = project.resolve("build-" + System.nanoTime() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // A user's build on a machine without cloud settings: the developer's shell must not matter.
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith("AWS_")
                    || name.startsWith("GOOGLE_")
                    || name.startsWith("CLOUDSDK_")
                    || name.equals("FAULT_TESTING_EMULATOR_HOST")
                    || name.equals("KUBECONFIG"));
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mvn verify did not end in 5 minutes: " + log);
    }
    return new Build(project, process.exitValue(), Files.readString(log));
  }

  private record Build(Path project, int exitCode, String output) {
    Path summaryFile() {
      return project.resolve("target/fault-experiments/summary.json").toAbsolutePath().normalize();
    }

    JsonNode summary() throws IOException {
      assertThat(summaryFile()).as(tail()).isRegularFile();
      return JSON.readTree(summaryFile().toFile());
    }

    List<Path> summaryParts() {
      try (Stream<Path> files =
          Files.list(project.resolve("target/fault-experiments/.summary-parts"))) {
        return files.filter(file -> file.toString().endsWith(".json")).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The end of the build's output, for an assertion's description. */
    String tail() {
      return output.substring(Math.max(0, output.length() - 4000));
    }
  }
}
