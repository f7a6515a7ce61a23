package io.github.faultexperiment.emulator.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The standalone emulator ({@code Main}) in its own JVM, as the jar would run it. */
final class StandaloneEmulator implements AutoCloseable {
  private final Process process;
  private final BufferedReader stdout;
  private final String firstLine;

  private StandaloneEmulator(Process process, BufferedReader stdout, String firstLine) {
    this.process = process;
    this.stdout = stdout;
    this.firstLine = firstLine;
  }

  static StandaloneEmulator start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.github.faultexperiment.emulator.Main");
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      return new StandaloneEmulator(process, stdout, stdout.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String firstLine() {
    return firstLine;
  }

  /** The next line the emulator prints after the first, e.g. a local target's address. */
  String nextLine() {
    try {
      return stdout.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String endpoint() {
    return firstLine.substring(firstLine.indexOf("http://"));
  }

  Process process() {
    return process;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
