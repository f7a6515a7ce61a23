package io.github.faultexperiment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.benchmarks.fixtures.SequentialTestCase;
import io.github.faultexperiment.benchmarks.fixtures.WarmUpTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the extension's overhead goes: runs the benchmark's warm-up and sequential experiments and
 * prints, for each step between two consecutive events of an experiment's timeline (from its JSON
 * report, framed by the test's start and finish events), the distribution in milliseconds. Run with
 * {@code mvn -B -Pbench -pl benchmarks -am verify -DskipTests
 * -Dbench.main=io.github.faultexperiment.benchmarks.PhaseBreakdown}.
 */
public final class PhaseBreakdown {
  private static final String TEST_STARTED = "test started";
  private static final String TEST_FINISHED = "test finished";

  private PhaseBreakdown() {}

  /**
   * Runs the experiments and prints the steps.
   *
   * @param args none
   * @throws IOException when the reports cannot be read
   */
  public static void main(String[] args) throws IOException {
    try (BenchEmulator emulator = new BenchEmulator()) {
      Map<String, String> parameters = emulator.extensionParameters();
      ExtensionRuns runs = new ExtensionRuns();
      runs.run(WarmUpTestCase.class, parameters);
      Path reports =
          Path.of(parameters.get("faultexperiment.report-dir"))
              .resolve(SequentialTestCase.class.getName());
      deleteRecursively(reports);
      ExtensionRuns.Run sequential = runs.run(SequentialTestCase.class, parameters);
      System.out.println("# overhead ms " + Stats.summary(sequential.overheadsMillis()));
      steps(reports, sequential.windows())
          .forEach((step, millis) -> System.out.println("# " + step + " " + Stats.summary(millis)));
    }
  }

  /** Each step "A -> B" between consecutive first occurrences of timeline events, in ms. */
  private static Map<String, List<Double>> steps(
      Path reports, Map<String, ExtensionRuns.Window> windows) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, List<Double>> steps = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(reports)) {
      files = walk.filter(file -> file.toString().endsWith(".json")).toList();
    }
    for (Path file : files) {
      // reports of @RepeatedTest(n) live in "experiment-<i>", the test is "repetition <i> of n"
      String repetition = file.getParent().getFileName().toString().replace("experiment-", "");
      ExtensionRuns.Window window =
          windows.get("repetition " + repetition + " of " + SequentialTestCase.EXPERIMENTS);
      Map<String, Instant> firstSeen = new LinkedHashMap<>();
      if (window != null) {
        firstSeen.put(TEST_STARTED, window.started());
      }
      for (JsonNode event : mapper.readTree(file.toFile()).path("timeline")) {
        String kind = event.path("kind").asText();
        String name = kind.endsWith("_STATE") ? kind + ":" + event.path("state").asText() : kind;
        firstSeen.putIfAbsent(name, Instant.parse(event.path("time").asText()));
      }
      if (window != null) {
        firstSeen.put(TEST_FINISHED, window.finished());
      }
      List<String> order = new ArrayList<>(firstSeen.keySet());
      for (int i = 1; i < order.size(); i++) {
        Duration step =
            Duration.between(firstSeen.get(order.get(i - 1)), firstSeen.get(order.get(i)));
        steps
            .computeIfAbsent(order.get(i - 1) + " -> " + order.get(i), key -> new ArrayList<>())
            .add(step.toNanos() / 1e6);
      }
    }
    return steps;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
