package io.github.faultexperiment.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What CI jobs do today: a bash loop around the installed AWS CLI — start-experiment,
 * get-experiment every second until {@code running}, stop-experiment, get-experiment every second
 * until {@code stopped}. The script times each experiment itself (date +%s%N around the whole
 * loop).
 */
final class CliLoopBaseline {
  private static final String SCRIPT =
      """
      set -euo pipefail
      for i in $(seq "$RUNS"); do
        begin=$(date +%s%N)
        id=$(aws fis start-experiment --experiment-template-id "$TEMPLATE" \\
               --endpoint-url "$ENDPOINT" --query experiment.id --output text)
        until [ "$(aws fis get-experiment --id "$id" --endpoint-url "$ENDPOINT" \\
                     --query experiment.state.status --output text)" = running ]; do sleep 1; done
        aws fis stop-experiment --id "$id" --endpoint-url "$ENDPOINT" > /dev/null
        until [ "$(aws fis get-experiment --id "$id" --endpoint-url "$ENDPOINT" \\
                     --query experiment.state.status --output text)" = stopped ]; do sleep 1; done
        echo "elapsed_ns $(( $(date +%s%N) - begin ))"
      done
      """;

  private final BenchEmulator emulator;

  CliLoopBaseline(BenchEmulator emulator) {
    this.emulator = emulator;
  }

  /** Whether the AWS CLI is installed. */
  static boolean available() {
    try {
      return new ProcessBuilder("aws", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  AwaitilityBaseline.Result run(int count) throws IOException, InterruptedException {
    emulator.resetCounters();
    ProcessBuilder bash = new ProcessBuilder("bash", "-c", SCRIPT);
    var env = bash.environment();
    env.put("RUNS", Integer.toString(count));
    env.put("TEMPLATE", emulator.templateId(1));
    env.put("ENDPOINT", emulator.emulator().endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    bash.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = bash.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("The AWS CLI loop failed: " + out);
    }
    List<Double> overheads = new ArrayList<>();
    out.lines()
        .filter(line -> line.startsWith("elapsed_ns "))
        .forEach(
            line ->
                overheads.add(
                    ExtensionRuns.overheadMillis(Long.parseLong(line.substring(11).trim()))));
    return new AwaitilityBaseline.Result(overheads, (double) emulator.requests() / count);
  }
}
