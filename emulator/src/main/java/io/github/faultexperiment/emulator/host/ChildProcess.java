package io.github.faultexperiment.emulator.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A {@link StressChild} JVM seen from the emulator: started with its effect on, told to stop, and
 * forced to when it does not; its files are removed even when it had to be killed.
 */
final class ChildProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Process process;
  private final Path directory;
  private final OutputStream stdin;

  private ChildProcess(Process process, Path directory) {
    this.process = process;
    this.directory = directory;
    this.stdin = process.getOutputStream();
  }

  /**
   * Starts a child and waits until its effect is on.
   *
   * @param arguments the effect and its values, as {@link StressChild} reads them
   * @param heapBytes the child's maximum heap
   * @param directory where it writes files, or {@code null}
   * @param lines told every line the child prints after {@code ready}
   * @throws IllegalStateException when the child does not start, with its reason
   */
  static ChildProcess start(
      List<String> arguments, long heapBytes, Path directory, Consumer<String> lines) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + Math.max(16, (heapBytes >> 20) + 32) + "m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xss256k");
    command.add("-cp");
    command.add(codeSource());
    command.add(StressChild.class.getName());
    command.addAll(arguments);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start the host effect's process " + command, e);
    }
    ChildProcess child = new ChildProcess(process, directory);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.equals("ready")) {
                    ready.complete(null);
                  } else {
                    lines.accept(line);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(
                  new IllegalStateException("the host effect's process ended before its effect"));
            },
            "host-effect-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      IllegalStateException failed =
          new IllegalStateException(
              "the host effect " + arguments + " did not start: " + e.getMessage(), e);
      try {
        child.close();
      } catch (RuntimeException closing) {
        failed.addSuppressed(closing);
      }
      throw failed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.close();
      throw new IllegalStateException("interrupted while starting the host effect", e);
    }
    return child;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Sends one command line. */
  synchronized void send(String line) {
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the host effect's process " + process.pid() + " is gone", e);
    }
  }

  /**
   * Ends the effect: asks the child to stop, kills it (and what it started) when it does not within
   * five seconds, then removes any file it left.
   *
   * @throws UncheckedIOException when a file it wrote cannot be removed
   */
  @Override
  public void close() {
    try {
      synchronized (this) {
        stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
        stdin.close();
      }
    } catch (IOException alreadyGone) {
      // The child ended by itself (its pipe is closed): nothing to tell it.
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    removeFiles();
  }

  private void removeFiles() {
    if (directory == null) {
      return;
    }
    try (DirectoryStream<Path> left =
        Files.newDirectoryStream(directory, "fault-experiment-*-" + process.pid() + ".bin")) {
      for (Path file : left) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not remove the files of host effect process " + process.pid() + " in " + directory,
          e);
    }
  }

  private static String codeSource() {
    try {
      return Path.of(StressChild.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the emulator's classes", e);
    }
  }
}
