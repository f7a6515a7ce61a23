package io.github.faultexperiment.emulator.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code moto_server} process, the AWS endpoint our machines have installed, for tests of calls
 * that pass through an API-error target (moto answers any service and checks no signature). Empty
 * where moto is not installed.
 */
final class MotoServer implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");

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
      // Port 0: moto binds a free port itself and says which, so no other process can take the
      // port between our choosing it and moto binding it.
      ProcessBuilder builder =
          new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", "0").redirectErrorStream(true);
      // moto is a stand-in needing no account: a developer's AWS_PROFILE, region or endpoint (the
      // CI
      // stage with a hostile environment sets a profile that does not exist) made every call a 500.
      builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
      Process process = builder.start();
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          Thread drain = new Thread(() -> drain(output), "moto-output");
          drain.setDaemon(true);
          drain.start();
          return Optional.of(
              new MotoServer(process, URI.create("http://127.0.0.1:" + listening.group(1))));
        }
      }
      process.destroy();
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  // moto blocks once the pipe of its output is full.
  private static void drain(BufferedReader output) {
    try (output) {
      while (output.readLine() != null) {
        // discarded
      }
    } catch (IOException ended) {
      // moto stopped.
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
