package io.github.faultexperiment.benchmarks;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisTimings;
import java.time.Duration;
import java.util.Map;

/**
 * The embedded emulator every contender runs against, with the fixed transitions:
 * initiating → running after 2 s, stopping → stopped after 1 s; actions run far longer than any
 * test. Templates are named {@code bench-0}, {@code bench-1}, … (their {@code Name} tag).
 */
final class BenchEmulator implements AutoCloseable {
  static final Duration TO_RUNNING = Duration.ofSeconds(2);
  static final Duration TO_STOPPED = Duration.ofSeconds(1);

  /** What the emulator itself takes per experiment; everything beyond is the contender's. */
  static final Duration TRANSITIONS = TO_RUNNING.plus(TO_STOPPED);

  static final int TEMPLATES = 16;

  private final FaultEmulator emulator = FaultEmulator.builder().start();
  private final String[] templateIds = new String[TEMPLATES];

  BenchEmulator() {
    transitions(TO_RUNNING, TO_STOPPED);
    for (int i = 0; i < TEMPLATES; i++) {
      templateIds[i] = emulator.fis().createTemplate(template("bench-" + i));
    }
  }

  /** Sets the transitions of every experiment started from now on. */
  void transitions(Duration toRunning, Duration toStopped) {
    emulator
        .fis()
        .timings(
            FisTimings.defaults()
                .withPendingToInitiating(Duration.ZERO)
                .withInitiatingToRunning(toRunning)
                .withActionDuration(Duration.ofMinutes(30))
                .withStoppingToStopped(toStopped));
  }

  FaultEmulator emulator() {
    return emulator;
  }

  String templateId(int index) {
    return templateIds[index];
  }

  /** The total of every FIS and STS request since the counters were last reset. */
  long requests() {
    return emulator.fis().requestCounts().values().stream().mapToLong(Long::longValue).sum();
  }

  long getExperimentRequests() {
    return emulator.fis().requestCount("GetExperiment");
  }

  long startExperimentRequests() {
    return emulator.fis().requestCount("StartExperiment");
  }

  Map<String, Long> requestCounts() {
    return emulator.fis().requestCounts();
  }

  void resetCounters() {
    emulator.fis().resetCounters();
  }

  /** Configuration parameters that point the extension at this emulator. */
  Map<String, String> extensionParameters() {
    return Map.of(
        "faultexperiment.aws.endpoint", emulator.endpoint().toString(),
        "faultexperiment.aws.region", "us-east-1",
        "faultexperiment.aws.access-key-id", "test",
        "faultexperiment.aws.secret-access-key", "test",
        "faultexperiment.provider", "aws",
        "faultexperiment.report-dir", "target/bench-reports");
  }

  @Override
  public void close() {
    emulator.close();
  }

  private static String template(String name) {
    return """
        {
          "description": "benchmark: one long wait action, no targets",
          "stopConditions": [{"source": "none"}],
          "targets": {},
          "actions": {"wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT30M"}}},
          "roleArn": "arn:aws:iam::123456789012:role/fis",
          "tags": {"Name": "%s"}
        }
        """
        .formatted(name);
  }
}
