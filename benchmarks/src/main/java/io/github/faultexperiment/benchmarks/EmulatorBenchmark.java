package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.emulator.FaultEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded emulator's own speed: how long {@code FaultEmulator.builder().start()} takes, and
 * how many signed GetExperiment requests per second it answers. The load generator replays one
 * request signed once (SigV4 allows that for 15 minutes) so that its own signing does not eat the
 * cores the emulator is measured on.
 */
final class EmulatorBenchmark {
  private EmulatorBenchmark() {}

  /** Starts and closes emulators; the first is the cold start a test run pays. */
  static List<Double> startMillis(int count) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long begin = System.nanoTime();
      FaultEmulator emulator = FaultEmulator.builder().start();
      millis.add((System.nanoTime() - begin) / 1e6);
      emulator.close();
    }
    return millis;
  }

  /** GetExperiment requests answered per second by {@code threads} keep-alive clients. */
  static double getExperimentPerSecond(BenchEmulator emulator, int threads, Duration measure)
      throws InterruptedException {
    SignedFis fis = new SignedFis(emulator.emulator().endpoint());
    String experimentId = fis.start(emulator.templateId(BenchEmulator.TEMPLATES - 1));
    HttpRequest request = fis.signedGet(experimentId);
    try {
      run(request, threads, Duration.ofSeconds(2)); // warm-up: JIT, connections
      return run(request, threads, measure) / (measure.toNanos() / 1e9);
    } finally {
      fis.stop(experimentId);
    }
  }

  private static long run(HttpRequest request, int threads, Duration duration)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder answered = new LongAdder();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Thread client =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    HttpResponse<byte[]> response =
                        http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                      throw new IllegalStateException(
                          "GetExperiment answered " + response.statusCode());
                    }
                    answered.increment();
                  } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "get-experiment-client-" + i);
      client.setDaemon(true);
      clients.add(client);
    }
    clients.forEach(Thread::start);
    Thread.sleep(duration.toMillis());
    running.set(false);
    for (Thread client : clients) {
      client.join();
    }
    return answered.sum();
  }
}
