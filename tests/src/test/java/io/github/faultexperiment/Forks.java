package io.github.faultexperiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts JVMs on the test classpath, for what only a whole process shows (shutdown, SIGKILL). */
final class Forks {
  private Forks() {}

  /**
   * Starts {@code mainClass} in a new JVM with the parameters as {@code -D} system properties; its
   * output goes to {@code log}.
   */
  static Process start(Map<String, String> properties, Path log, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(classPath());
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
