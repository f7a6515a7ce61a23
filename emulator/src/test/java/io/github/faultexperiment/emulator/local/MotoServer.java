package io.github.faultexperiment.emulator.local;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@code moto_server} process, the AWS endpoint our machines have installed, for tests of calls
 * that pass through an API-error target (moto answers any service and checks no signature). Empty
 * where moto is not installed.
 */
final class MotoServer implements AutoCloseable {
  private final Process process;
  private final URI uri;

  private MotoServer(Process process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  static Optional<MotoServer> start() {
    if (!onPath("moto_server")) {
      return Optional.empty();
    }
    try {
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      Process process =
          new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
          return Optional.of(new MotoServer(process, URI.create("http://127.0.0.1:" + port)));
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      process.destroy();
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  URI uri() {
    return uri;
  }

  @Override
  public void close() {
    process.destroy();
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
