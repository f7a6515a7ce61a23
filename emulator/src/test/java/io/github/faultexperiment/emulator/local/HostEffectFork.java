package io.github.faultexperiment.emulator.local;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.host.HostEffectSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of a JVM that runs an emulator with a CPU stress and a disk fill switched on and
 * then waits to be ended, for the tests that end it with SIGTERM and SIGKILL.
 */
public final class HostEffectFork {
  private HostEffectFork() {}

  /**
   * Starts the effects and prints {@code pids P1 P2} once they are on.
   *
   * @param args the directory the disk fill writes in
   */
  public static void main(String[] args) throws InterruptedException {
    FaultEmulator emulator =
        FaultEmulator.builder()
            .hostEffects(HostEffectSettings.on(Path.of(args[0])).withDiskCap(4L << 20))
            .start();
    emulator
        .localTargets()
        .actionStarted(
            new ActionEvent(
                "fis",
                "EXP1",
                "cpu",
                "aws:ecs:task-cpu-stress",
                Map.of("percent", "20", "workers", "1", "duration", "PT10M"),
                List.of()));
    emulator
        .localTargets()
        .actionStarted(
            new ActionEvent(
                "fis",
                "EXP1",
                "fill",
                "aws:ssm:send-command",
                Map.of(
                    "documentArn",
                    "arn:aws:ssm:us-east-1::document/AWSFIS-Run-Disk-Fill",
                    "documentParameters",
                    "{\"Percent\": \"100\"}",
                    "duration",
                    "PT10M"),
                List.of()));
    List<Long> pids = emulator.hostEffects().pids();
    System.out.println("pids " + String.join(" ", pids.stream().map(String::valueOf).toList()));
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
