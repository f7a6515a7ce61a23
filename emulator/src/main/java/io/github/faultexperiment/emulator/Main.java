package io.github.faultexperiment.emulator;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.emulator.local.LocalTarget;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apiguardian.api.API;

/**
 * The standalone emulator: {@code java -jar fault-experiment-emulator.jar [--port N] [--host H]
 * [--credentials KEY:SECRET] [--local-target RESOURCE=UPSTREAM]…}.
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
          + "                           ;KEY=VALUE (k8s:pod/default/web-1;app=web=tcp://...)";

  private Main() {}

  /**
   * Starts the emulator and serves until the process is stopped.
   *
   * @param args command-line arguments
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    List<String> localTargets = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--local-target") && i + 1 < args.length) {
        localTargets.add(args[++i]);
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
    } catch (IllegalArgumentException e) {
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

  private static void exitWithUsage(IllegalArgumentException e) {
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
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return builder;
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
