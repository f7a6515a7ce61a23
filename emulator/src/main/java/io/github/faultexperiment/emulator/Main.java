package io.github.faultexperiment.emulator;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.emulator.local.LocalTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apiguardian.api.API;

/**
 * The standalone emulator: {@code java -jar fault-experiment-emulator.jar [--port N] [--host H]
 * [--credentials KEY:SECRET] [--local-target RESOURCE=UPSTREAM]… [--document-effect FILE]…
 * [--host-effects DIRECTORY] [--local-process NAME=COMMAND]…}.
 *
 * <p>The first line on stdout is exactly {@code fault-experiment-emulator listening on
 * http://127.0.0.1:<port>} so scripts can wait for it and read the port. Bad arguments print the
 * usage and exit with code 2.
 */
@API(status = INTERNAL, since = "0.1")
public final class Main {
  static final String USAGE =
      "usage: java -jar fault-experiment-emulator.jar [--port N] [--host H]"
          + " [--credentials KEY:SECRET]\n"
          + "  --port N                 port to listen on, 0 (default) picks a free one\n"
          + "  --host H                 address to bind, default 127.0.0.1 (loopback)\n"
          + "  --credentials KEY:SECRET the only AWS credentials accepted, default test:test\n"
          + "  --local-target RESOURCE=UPSTREAM\n"
          + "                           a loopback proxy standing for RESOURCE (an ARN such as\n"
          + "                           arn:aws:rds:us-east-1:123456789012:cluster:orders or a\n"
          + "                           Google name such as projects/p/instances/orders-db) in\n"
          + "                           front of UPSTREAM (tcp://HOST:PORT or http://HOST:PORT);\n"
          + "                           experiments inject their faults into it (repeatable);\n"
          + "                           a pod of the emulated Kubernetes cluster is\n"
          + "                           k8s:pod/NAMESPACE/NAME, its labels after it as\n"
          + "                           ;KEY=VALUE (k8s:pod/default/web-1;app=web=tcp://...)\n"
          + "  --document-effect FILE   what your own SSM document does locally, as JSON (a file\n"
          + "                           or the JSON itself): {\"document\": NAME, \"effects\":\n"
          + "                           [{\"target\": RESOURCE, \"fault\": \"outage\"}]}; faults\n"
          + "                           latency, packet-loss, outage, blackhole, http-delay,\n"
          + "                           http-abort, api-error (repeatable, after --local-target)\n"
          + "  --host-effects DIRECTORY let FIS's CPU, memory, I/O, disk-fill and kill-process\n"
          + "                           actions act on this machine; I/O and disk fill write\n"
          + "                           only in DIRECTORY, and remove what they wrote\n"
          + "  --local-process NAME=COMMAND\n"
          + "                           run COMMAND (words split on spaces) as the process kill-\n"
          + "                           process actions name NAME, restarted after a kill";

  private Main() {}

  /**
   * Starts the emulator and serves until the process is stopped.
   *
   * @param args command-line arguments
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    List<String> localTargets = new ArrayList<>();
    List<String> documentEffects = new ArrayList<>();
    List<String> processes = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--local-target") && i + 1 < args.length) {
        localTargets.add(args[++i]);
      } else if (args[i].equals("--document-effect") && i + 1 < args.length) {
        documentEffects.add(args[++i]);
      } else if (args[i].equals("--local-process") && i + 1 < args.length) {
        processes.add(args[++i]);
      } else {
        options.add(args[i]);
      }
    }
    FaultEmulator.Builder builder;
    try {
      builder = parse(options.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      exitWithUsage(e);
      return;
    }
    FaultEmulator emulator = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
    List<LocalTarget> started = new ArrayList<>();
    try {
      localTargets.forEach(target -> started.add(emulator.localTargets().register(target)));
      for (String effect : documentEffects) {
        emulator.localTargets().declare(declaration(effect));
      }
      processes.forEach(process -> localProcess(emulator, process));
    } catch (IllegalArgumentException | IllegalStateException e) {
      exitWithUsage(e);
      return;
    }
    PrintStream out = System.out;
    out.println("fault-experiment-emulator listening on http://127.0.0.1:" + emulator.port());
    for (LocalTarget target : started) {
      out.println("local target " + target.resource() + " on " + target.uri());
    }
    out.flush();
    new CountDownLatch(1).await();
  }

  /** A declaration given as a file's path or as the JSON itself. */
  private static String declaration(String fileOrJson) {
    if (fileOrJson.trim().startsWith("{")) {
      return fileOrJson;
    }
    try {
      return Files.readString(Path.of(fileOrJson), StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException e) {
      throw new IllegalArgumentException(
          "--document-effect must be a JSON file or the JSON itself; could not read "
              + fileOrJson
              + ": "
              + e,
          e);
    }
  }

  private static void localProcess(FaultEmulator emulator, String description) {
    int equals = description.indexOf('=');
    if (equals <= 0 || description.substring(equals + 1).isBlank()) {
      throw new IllegalArgumentException(
          "--local-process must be NAME=COMMAND, e.g. redis=redis-server --port 6379, was '"
              + description
              + "'");
    }
    emulator
        .hostEffects()
        .process(
            description.substring(0, equals),
            List.of(description.substring(equals + 1).trim().split(" +")));
  }

  private static void exitWithUsage(RuntimeException e) {
    System.err.println("fault-experiment-emulator: " + e.getMessage());
    System.err.println(USAGE);
    System.exit(2);
  }

  static FaultEmulator.Builder parse(String[] args) {
    FaultEmulator.Builder builder = FaultEmulator.builder();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException("help requested");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> builder.port(port(value));
        case "--host" -> builder.host(value);
        case "--credentials" -> {
          int colon = value.indexOf(':');
          if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(
                "--credentials must be KEY:SECRET, was '" + value + "'");
          }
          builder.credentials(value.substring(0, colon), value.substring(colon + 1));
        }
        case "--host-effects" -> builder.hostEffects(HostEffectSettings.on(directory(value)));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return builder;
  }

  private static Path directory(String value) {
    Path directory;
    try {
      directory = Path.of(value);
    } catch (InvalidPathException e) {
      directory = null;
    }
    if (directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "--host-effects must name an existing directory (I/O stress and disk fill write only"
              + " there), was '"
              + value
              + "'");
    }
    return directory;
  }

  private static int port(String value) {
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be a number from 0 to 65535, was " + value);
    }
    return port;
  }
}
