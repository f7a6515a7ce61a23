package io.github.faultexperiment.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a user pays on their test classpath for one cloud: a fresh Maven project that imports {@code
 * fault-experiment-bom} and adds one cloud's artifact (and JUnit), resolved by Maven exactly as a
 * user's build would. Counts the jars outside JUnit and their size, and whether the other cloud's
 * SDK came along.
 *
 * <p>Needs the project's artifacts in the local Maven repository at this version; {@link
 * #installProject(Path)} puts them there first, so the figures are of the code being measured.
 */
final class ConsumerClasspath {
  private static final List<String> JUNIT =
      List.of("/org/junit/", "/org/opentest4j/", "/org/apiguardian/");

  private ConsumerClasspath() {}

  /**
   * One cloud's classpath.
   *
   * @param jars the jars outside JUnit
   * @param bytes their total size
   * @param otherCloud jars of the other cloud's SDK (must be none)
   */
  record Result(List<Path> jars, long bytes, List<Path> otherCloud) {
    double megabytes() {
      return bytes / 1_000_000.0;
    }
  }

  /** {@code mvn install} of the published modules, quietly, so the fresh projects resolve them. */
  static void installProject(Path root) throws IOException, InterruptedException {
    run(root, "mvn", "-B", "-q", "install", "-DskipTests", "-pl", "bom,core,aws,gcp,emulator");
  }

  /**
   * Resolves a fresh project's test classpath.
   *
   * @param root the project's root (for its version)
   * @param artifact {@code fault-experiment-aws} or {@code fault-experiment-gcp}
   * @param otherCloudPath a path part that marks the other cloud's SDK, e.g. {@code /com/google/}
   */
  static Result of(Path root, String artifact, String otherCloudPath)
      throws IOException, InterruptedException {
    Path project = Files.createTempDirectory("consumer-" + artifact);
    Files.writeString(project.resolve("pom.xml"), pom(version(root), artifact));
    Path classpath = project.resolve("classpath.txt");
    run(
        project,
        "mvn",
        "-B",
        "-q",
        "dependency:build-classpath",
        "-Dmdep.includeScope=test",
        "-Dmdep.outputFile=" + classpath);
    List<Path> jars =
        Arrays.stream(Files.readString(classpath).strip().split(java.io.File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .filter(entry -> JUNIT.stream().noneMatch(entry::contains))
            .map(Path::of)
            .toList();
    long bytes = 0;
    for (Path jar : jars) {
      bytes += Files.size(jar);
    }
    List<Path> other =
        jars.stream().filter(jar -> jar.toString().contains(otherCloudPath)).toList();
    return new Result(jars, bytes, other);
  }

  private static String version(Path root) throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
    int start = pom.indexOf("<version>", pom.indexOf("<artifactId>fault-experiment-parent"));
    return pom.substring(start + "<version>".length(), pom.indexOf("</version>", start));
  }

  private static String pom(String version, String artifact) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId>
          <artifactId>consumer</artifactId>
          <version>1</version>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>io.github.faultexperiment</groupId>
                <artifactId>fault-experiment-bom</artifactId>
                <version>%s</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>io.github.faultexperiment</groupId>
              <artifactId>%s</artifactId>
              <scope>test</scope>
            </dependency>
            <dependency>
              <groupId>org.junit.jupiter</groupId>
              <artifactId>junit-jupiter</artifactId>
              <version>5.14.1</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
        </project>
        """
        .formatted(version, artifact);
  }

  private static void run(Path directory, String... command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed in " + directory);
    }
  }
}
