package io.github.faultexperiment;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Starts JVMs on the test classpath, for what only a whole process shows (shutdown, SIGKILL). */
final class Forks {
  private Forks() {}

  /**
   * Starts {@code mainClass} in a new JVM with the parameters as {@code -D} system properties; its
   * output goes to {@code log}.
   */
  static Process start(Map<String, String> properties, Path log, String mainClass, String... args)
      throws IOException {
    return start(properties, log, entry -> true, mainClass, args);
  }

  /** {@link #start(Map, Path, String, String...)} with only the classpath entries kept. */
  static Process start(
      Map<String, String> properties,
      Path log,
      Predicate<String> classpathEntries,
      String mainClass,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    // The fork reads only what the test gives it, not the cloud settings of the developer's shell.
    Map<String, String> hermetic = new java.util.HashMap<>(properties);
    hermetic.putIfAbsent(FaultExperimentProperties.ENVIRONMENT, "ignore");
    // ForkedRun's Launcher reads this module's junit-platform.properties, which runs the module's
    // own test classes side by side; a fork runs one fixture class as a plain test JVM would.
    hermetic.putIfAbsent("junit.jupiter.execution.parallel.enabled", "false");
    hermetic.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(
        Arrays.stream(classPath().split(File.pathSeparator))
            .filter(classpathEntries)
            .collect(Collectors.joining(File.pathSeparator)));
    command.add(mainClass);
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Surefire may run tests from a manifest-only jar; its full test classpath is kept here. */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
