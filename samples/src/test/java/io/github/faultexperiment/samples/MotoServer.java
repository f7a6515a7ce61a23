package io.github.faultexperiment.samples;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code moto_server}, an AWS endpoint that runs on a laptop, standing offline for EC2 behind the
 * application role's local target: one per JVM, started on first use with its EC2 backend loaded,
 * stopped with the JVM. Empty where moto is not installed ({@code pip install "moto[server]"}). Its
 * output goes to {@code target/moto_server.log}.
 */
final class MotoServer {
  private static final Pattern LISTENING =
      Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");

  private MotoServer() {}

  /**
   * Where moto listens, if it is installed; the first call starts it and makes its first EC2 call,
   * and every other caller waits for that: moto loads a backend on the first call to it, and a
   * second call arriving meanwhile can leave the backend broken (every EC2 call then answers 500).
   */
  static synchronized Optional<URI> uri() {
    if (started == null) {
      try {
        started = Starter.start();
      } catch (RuntimeException e) {
        failed = e;
        started = Optional.empty();
      }
    }
    if (failed != null) {
      throw new IllegalStateException(failed.getMessage(), failed);
    }
    return started;
  }

  private static Optional<URI> started;
  private static RuntimeException failed;

  /** Starts moto in the background, so that its start-up overlaps other tests. */
  static void warmUp() {
    try {
      uri();
    } catch (RuntimeException reportedByTheTest) {
      // The test's own call to uri() fails with the same cause.
    }
  }

  private static final class Starter {
    private static final Path LOG = Path.of("target", "moto_server.log");

    private static Optional<URI> start() {
      if (!onPath("moto_server")) {
        return Optional.empty();
      }
      try {
        // Port 0: moto binds a free port itself and says which, so no other process can take the
        // port between our choosing it and moto binding it.
        ProcessBuilder builder =
            new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", "0")
                .redirectErrorStream(true);
        // moto is a stand-in needing no account: a developer's AWS_PROFILE, region or endpoint (the
        // CI
        // stage with a hostile environment sets a profile that does not exist) made every call a
        // 500.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "moto-stop"));
        URI uri = listening(process);
        loadEc2(uri);
        return Optional.of(uri);
      } catch (IOException e) {
        throw new IllegalStateException("Could not start moto_server (see " + Starter.LOG + ")", e);
      }
    }

    private static URI listening(Process process) throws IOException {
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Files.createDirectories(LOG.getParent());
      Writer log = Files.newBufferedWriter(LOG, StandardCharsets.UTF_8);
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        log.write(line + System.lineSeparator());
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          log.flush();
          Thread pump = new Thread(() -> copy(output, log), "moto-log");
          pump.setDaemon(true);
          pump.start();
          return java.net.URI.create("http://127.0.0.1:" + matcher.group(1));
        }
      }
      log.close();
      throw new IllegalStateException("moto_server ended before it listened; see " + LOG);
    }

    private static void copy(BufferedReader output, Writer log) {
      try (output;
          log) {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          log.write(line + System.lineSeparator());
          log.flush();
        }
      } catch (IOException ended) {
        // moto stopped with the JVM.
      }
    }

    private static void loadEc2(URI moto) {
      try (Ec2Client ec2 =
          Ec2Client.builder()
              .endpointOverride(moto)
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
              .httpClient(UrlConnectionHttpClient.create())
              .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)))
              .build()) {
        ec2.describeAvailabilityZones();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "moto_server did not answer its first EC2 call; see " + LOG, e);
      }
    }

    private static boolean onPath(String command) {
      String path = System.getenv("PATH");
      return path != null
          && java.util.Arrays.stream(path.split(File.pathSeparator))
              .anyMatch(dir -> new File(dir, command).canExecute());
    }
  }
}
