package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.emulator.host.HostEffects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a host-stress effect costs the experiment that switches it on and off: from the action
 * starting to the stress running (a child JVM started and reporting its effect on), and from the
 * action ending to the child gone and its files removed. Runs on its own with {@code
 * -Dbench.main=io.github.faultexperiment.benchmarks.HostEffectBenchmark}.
 */
public final class HostEffectBenchmark {
  private static final int ROUNDS = 7;
  private static final Duration RESTART = Duration.ofSeconds(2);

  private HostEffectBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args none
   * @throws IOException when the temporary directory cannot be made or removed
   */
  public static void main(String[] args) throws IOException {
    Stats.keepStandardOutputForFigures();
    run();
  }

  /** Prints the host effects' start and stop figures. */
  static void run() throws IOException {
    Path directory = Files.createTempDirectory("host-effect-bench");
    try (HostEffects effects =
        new HostEffects(HostEffectSettings.on(directory).withDiskCap(16L << 20))) {
      measure(
          effects,
          "cpu_stress",
          "aws:ecs:task-cpu-stress",
          Map.of("percent", "50", "workers", "1"));
      measure(
          effects,
          "disk_fill",
          "aws:ssm:send-command/AWSFIS-Run-Disk-Fill",
          Map.of("documentParameters", "{\"Percent\": \"100\"}"));
    } finally {
      Files.deleteIfExists(directory);
    }
  }

  private static void measure(
      HostEffects effects, String name, String key, Map<String, String> parameters) {
    List<Double> starts = new ArrayList<>();
    List<Double> stops = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      long started = System.nanoTime();
      effects.start("bench/" + round, key, parameters, RESTART, true);
      long on = System.nanoTime();
      effects.stop("bench/" + round);
      long off = System.nanoTime();
      starts.add((on - started) / 1e6);
      stops.add((off - on) / 1e6);
    }
    Stats.note(name + " start ms (first = cold) " + Stats.summary(starts));
    Stats.note(name + " stop ms " + Stats.summary(stops));
    Stats.print("host_effect_" + name + "_start_ms", Stats.median(starts));
    Stats.print("host_effect_" + name + "_stop_ms", Stats.median(stops));
  }
}
