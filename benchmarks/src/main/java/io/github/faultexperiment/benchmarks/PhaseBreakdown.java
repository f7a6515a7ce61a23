package io.github.faultexperiment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.benchmarks.fixtures.SequentialTestCase;
import io.github.faultexperiment.benchmarks.fixtures.WarmUpTestCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the extension's overhead goes, phase by phase, from the timelines of its own reports: the
 * sequential experiments of {@link Benchmarks}, each phase's median in milliseconds.
 */
public final class PhaseBreakdown {
  private PhaseBreakdown() {}

  /**
   * Runs the warm-up and the sequential experiments, then prints the phases.
   *
   * @param args none
   * @throws IOException when the reports cannot be read
   */
  public static void main(String[] args) throws IOException {
    try (BenchEmulator emulator = new BenchEmulator()) {
      ExtensionRuns runs = new ExtensionRuns();
      var parameters = emulator.extensionParameters();
      runs.run(WarmUpTestCase.class, parameters);
      Path reports = Path.of(parameters.get("faultexperiment.report-dir"));
      Map<String, Instant[]> tests = new java.util.concurrent.ConcurrentHashMap<>();
      org.junit.platform.launcher.core.LauncherFactory.create()
          .execute(
              org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                  .selectors(
                      org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                          SequentialTestCase.class))
                  .configurationParameters(parameters)
                  .build(),
              new org.junit.platform.launcher.TestExecutionListener() {
                @Override
                public void executionStarted(org.junit.platform.launcher.TestIdentifier test) {
                  if (test.isTest()) {
                    tests.put(test.getDisplayName(), new Instant[] {Instant.now(), null});
                  }
                }

                @Override
                public void executionFinished(
                    org.junit.platform.launcher.TestIdentifier test,
                    org.junit.platform.engine.TestExecutionResult result) {
                  if (test.isTest()) {
                    tests.get(test.getDisplayName())[1] = Instant.now();
                  }
                }
              });
      List<Double> overheads = new ArrayList<>();
      tests.values().forEach(t -> overheads.add(Duration.between(t[0], t[1]).toNanos() / 1e6 - 3000));
      System.out.println("# overhead ms " + Stats.summary(overheads));
      Map<String, List<Double>> phases = phases(reports.resolve(SequentialTestCase.class.getName()), tests);
      phases.forEach(
          (name, values) -> System.out.println("# " + name + " " + Stats.summary(values)));
    }
  }

  static Map<String, List<Double>> phases(Path directory, Map<String, Instant[]> tests)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, List<Double>> phases = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(f -> f.toString().endsWith(".json")).toList();
    }
    for (Path file : files) {
      JsonNode timeline;
      try {
        timeline = mapper.readTree(file.toFile()).path("timeline");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, Instant> first = new LinkedHashMap<>();
      List<String> order = new ArrayList<>();
      String repetition = file.getParent().getFileName().toString().replace("experiment-", "");
      Instant[] test = tests.get("repetition " + repetition + " of " + SequentialTestCase.EXPERIMENTS);
      if (test != null) {
        first.put("TEST_STARTED", test[0]);
        order.add("TEST_STARTED");
      }
      for (JsonNode event : timeline) {
        String kind = event.path("kind").asText();
        if (kind.equals("EXPERIMENT_STATE") || kind.equals("ACTION_STATE")) {
          kind = kind + ":" + event.path("state").asText();
        }
        if (!first.containsKey(kind)) {
          first.put(kind, Instant.parse(event.path("time").asText()));
          order.add(kind);
        }
      }
      if (test != null) {
        first.put("TEST_FINISHED", test[1]);
        order.add("TEST_FINISHED");
      }
      for (int i = 1; i < order.size(); i++) {
        String name = order.get(i - 1) + " -> " + order.get(i);
        double ms =
            Duration.between(first.get(order.get(i - 1)), first.get(order.get(i))).toNanos() / 1e6;
        phases.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
      }
    }
    return phases;
  }
}
