package io.github.faultexperiment.samples;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code moto_server}, an AWS endpoint that runs on a laptop, standing offline for EC2 behind the
 * application role's local target: one per JVM, started on first use, stopped with the JVM. Empty
 * where moto is not installed ({@code pip install "moto[server]"}).
 */
final class MotoServer {
  private MotoServer() {}

  /** Where moto listens, if it is installed; starts it on the first call. */
  static Optional<URI> uri() {
    return Holder.URI;
  }

  /** Starts moto and has it load its EC2 backend, whose first call takes seconds. */
  static void warmUp() {
    uri()
        .ifPresent(
            moto -> {
              try (Ec2Client ec2 =
                  Ec2Client.builder()
                      .endpointOverride(moto)
                      .region(Region.US_EAST_1)
                      .credentialsProvider(
                          StaticCredentialsProvider.create(
                              AwsBasicCredentials.create("test", "test")))
                      .httpClient(UrlConnectionHttpClient.create())
                      .build()) {
                ec2.describeAvailabilityZones();
              }
            });
  }

  private static final class Holder {
    static final Optional<URI> URI = start();

    private static Optional<URI> start() {
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
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "moto-stop"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
          try (Socket probe = new Socket("127.0.0.1", port)) {
            return Optional.of(java.net.URI.create("http://127.0.0.1:" + port));
          } catch (IOException notYet) {
            Thread.sleep(100);
          }
        }
        throw new IllegalStateException("moto_server did not listen on " + port + " within 30 s");
      } catch (IOException e) {
        throw new IllegalStateException("Could not start moto_server", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting moto_server", e);
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
