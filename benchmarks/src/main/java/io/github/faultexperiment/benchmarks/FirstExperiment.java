package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.benchmarks.fixtures.OneTestCase;
import io.github.faultexperiment.benchmarks.fixtures.SetUpThenOneTestCase;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The overhead of the first experiment in a fresh JVM — what every Surefire fork pays once: class
 * loading of the provider's SDK, JSON and report code, first waits with nothing learned. Each
 * sample is a new JVM that runs one annotated test against the benchmark's emulator and prints its
 * overhead (test wall time minus the emulator's transitions).
 */
final class FirstExperiment {
  private static final String PREFIX = "first-experiment-overhead-ms ";

  private FirstExperiment() {}

  /**
   * Prints {@code first_experiment_overhead_ms} (the class has a set-up of a few hundred
   * milliseconds, {@link SetUpThenOneTestCase}) and {@code
   * first_experiment_empty_class_overhead_ms} (nothing runs before the experiment, {@link
   * OneTestCase}), each the median of {@code samples} fresh JVMs, alternating.
   *
   * @param emulator the benchmark's emulator
   * @param samples how many fresh JVMs per fixture
   */
  static void printFigures(BenchEmulator emulator, int samples)
      throws IOException, InterruptedException {
    List<Double> withSetUp = new ArrayList<>();
    List<Double> empty = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      withSetUp.addAll(overheadsMillis(emulator, 1, SetUpThenOneTestCase.class));
      empty.addAll(overheadsMillis(emulator, 1, OneTestCase.class));
    }
    Stats.note(
        "first experiment of a fresh JVM after a "
            + SetUpThenOneTestCase.SET_UP_MS
            + " ms class set-up, overhead ms "
            + Stats.summary(withSetUp));
    Stats.note("first experiment of a fresh JVM, empty class, overhead ms " + Stats.summary(empty));
    Stats.print("first_experiment_overhead_ms", Stats.median(withSetUp));
    Stats.print("first_experiment_empty_class_overhead_ms", Stats.median(empty));
  }

  /**
   * Forks {@code samples} JVMs, one after the other.
   *
   * @param emulator the benchmark's emulator
   * @param samples how many fresh JVMs
   * @param fixture the test class each JVM runs: one annotated test
   * @return each JVM's overhead in milliseconds
   */
  static List<Double> overheadsMillis(BenchEmulator emulator, int samples, Class<?> fixture)
      throws IOException, InterruptedException {
    List<Double> overheads = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (Map.Entry<String, String> parameter : emulator.extensionParameters().entrySet()) {
        command.add("-D" + parameter.getKey() + "=" + parameter.getValue());
      }
      command.add("-Dbench.set-up-ms=" + SetUpThenOneTestCase.SET_UP_MS);
      command.add("-cp");
      command.add(classpath());
      command.add(FirstExperiment.class.getName());
      command.add(fixture.getName());
      Process fork =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String output = new String(fork.getInputStream().readAllBytes());
      if (!fork.waitFor(2, TimeUnit.MINUTES) || fork.exitValue() != 0) {
        throw new IllegalStateException("the fresh JVM failed: " + output);
      }
      overheads.add(
          output
              .lines()
              .filter(line -> line.startsWith(PREFIX))
              .map(line -> Double.parseDouble(line.substring(PREFIX.length())))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no figure in: " + output)));
    }
    return overheads;
  }

  /**
   * In the fresh JVM: runs one annotated test, configured by {@code -D} system properties.
   *
   * @param args the fixture class's name
   * @throws ClassNotFoundException when there is no such fixture
   */
  public static void main(String[] args) throws ClassNotFoundException {
    Map<String, String> parameters = new java.util.HashMap<>();
    System.getProperties()
        .forEach(
            (key, value) -> {
              if (key.toString().startsWith("faultexperiment.")) {
                parameters.put(key.toString(), value.toString());
              }
            });
    ExtensionRuns.Run run = new ExtensionRuns().run(Class.forName(args[0]), parameters);
    System.out.println(PREFIX + run.overheadsMillis().get(0));
    System.exit(0);
  }

  /** This JVM's classpath; under {@code exec:java} it is the plugin's class loader's. */
  private static String classpath() {
    List<String> entries = new ArrayList<>();
    for (ClassLoader loader = Thread.currentThread().getContextClassLoader();
        loader != null;
        loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException notAFile) {
            // not a local file: no use to a fork
          }
        }
      }
    }
    String own = System.getProperty("java.class.path");
    if (own != null && !own.isBlank()) {
      entries.add(own);
    }
    return String.join(File.pathSeparator, entries);
  }
}
