package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.SignedHttp;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.emulator.host.LocalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("FIS's host-stress actions on the machine that stands for the instance")
class HostEffectTests {
  private static final String INSTANCE =
      "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0";

  private final EchoUpstream upstream = new EchoUpstream();
  @TempDir Path directory;
  private FaultEmulator emulator;
  private SignedHttp fis;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator
        .fis()
        .timings(
            FisTimings.defaults()
                .withPendingToInitiating(Duration.ofMillis(20))
                .withInitiatingToRunning(Duration.ofMillis(20))
                .withStoppingToStopped(Duration.ofMillis(20))
                // Actions outlast a busy machine's child JVM start; the disk fill's ends sooner.
                .withTemplateMinute(Duration.ofMinutes(1)));
    fis = SignedHttp.fis(emulator.endpoint());
    emulator.registerLocalTarget(INSTANCE, upstream.uri());
  }

  @AfterEach
  void stop() throws IOException {
    emulator.close();
    upstream.close();
  }

  @Test
  void withoutTheOptInACpuStressReachesNothingAndNamesTheOptIn() {
    String experiment = command("AWSFIS-Run-CPU-Stress", "{\"LoadPercent\": \"50\"}");

    FaultReach reach = reach(experiment);
    assertThat(reach.status()).isEqualTo(FaultReach.Status.NOT_FELT_LOCALLY);
    assertThat(reach.detail() + " " + reach.remedy())
        .contains("faultexperiment.emulator.host-effects=true", "--host-effects DIR");
    assertThat(emulator.hostEffects().running()).isZero();
  }

  @Test
  void aCpuStressSlowsACpuBoundCallWhileItRunsAndEndsWhenTheExperimentIsStopped() {
    emulator.hostEffects().settings(HostEffectSettings.on(null));

    String experiment =
        command("AWSFIS-Run-CPU-Stress", "{\"CPU\": \"0\", \"LoadPercent\": \"100\"}");
    FaultReach reach = reach(experiment);
    assertThat(reach.status()).isEqualTo(FaultReach.Status.REACHED);
    assertThat(reach.effect()).contains("cpu stress", "at 100%");
    long child = emulator.hostEffects().pids().get(0);

    // The stress competes with the application for the same cores: while a CPU-bound call of ours
    // runs, the stress keeps burning CPU beside it. (Timing our call against an unstressed one
    // proved nothing on a shared two-core machine, where other load moves it more than the stress.)
    Duration stressBefore = cpuOf(child);
    cpuBoundCall();
    assertThat(cpuOf(child)).isGreaterThan(stressBefore);
    assertThat(cpuOf(child)).isGreaterThan(Duration.ofMillis(200));

    fis.delete("/experiments/" + experiment);
    awaitStatus(experiment, "stopped");
    assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(emulator.hostEffects().running()).isZero();
  }

  @Test
  void aDiskFillWritesOnlyInTheNamedDirectoryUpToTheCapAndRemovesItsFileWhenTheActionEnds()
      throws IOException {
    emulator.hostEffects().settings(HostEffectSettings.on(directory).withDiskCap(8L << 20));
    emulator.fis().timings(emulator.fis().timings().withTemplateMinute(Duration.ofSeconds(10)));

    String experiment = command("AWSFIS-Run-Disk-Fill", "{\"Percent\": \"100\"}");
    assertThat(reach(experiment).status()).isEqualTo(FaultReach.Status.REACHED);
    assertThat(files())
        .singleElement()
        .satisfies(file -> assertThat(Files.size(file)).isEqualTo(8L << 20));

    // duration PT1M is ten seconds here.
    awaitStatus(experiment, "completed");
    await().atMost(Duration.ofSeconds(10)).until(() -> files().isEmpty());
    assertThat(emulator.hostEffects().running()).isZero();
  }

  @Test
  void aMemoryStressHoldsNoMoreThanTheCapInAChildThatEndsWithTheEmulator() {
    emulator.hostEffects().settings(HostEffectSettings.on(null).withMemoryCap(16L << 20));

    String experiment = command("AWSFIS-Run-Memory-Stress", "{\"Percent\": \"90\"}");
    FaultReach reach = reach(experiment);
    assertThat(reach.effect()).contains("16 MiB held", "capped at 16 MiB");
    long child = emulator.hostEffects().pids().get(0);

    emulator.close();
    assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void aKillProcessActionKillsTheRegisteredProcessAndItIsStartedAgain() {
    emulator.hostEffects().settings(HostEffectSettings.on(null));
    emulator
        .localTargets()
        .timings(LocalTimings.defaults().withReplacement(Duration.ofMillis(300)));
    LocalProcess sleeper = emulator.hostEffects().process("sleeper", List.of("sleep", "600"));
    await().atMost(Duration.ofSeconds(5)).until(() -> sleeper.pid() > 0);
    long first = sleeper.pid();

    String experiment =
        command(
            "AWSFIS-Run-Kill-Process", "{\"ProcessName\": \"sleeper\", \"Signal\": \"SIGKILL\"}");

    assertThat(reach(experiment).localTargets()).containsExactly("process:sleeper");
    await().atMost(Duration.ofSeconds(10)).until(() -> sleeper.starts() == 2);
    assertThat(sleeper.kills()).isEqualTo(1);
    assertThat(ProcessHandle.of(first).filter(ProcessHandle::isAlive)).isEmpty();
    long second = sleeper.pid();
    assertThat(ProcessHandle.of(second).filter(ProcessHandle::isAlive)).isPresent();

    emulator.close();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(second).filter(ProcessHandle::isAlive).isEmpty());
  }

  @Test
  void aKillOfAProcessNotRegisteredNamesHowToRegisterIt() {
    emulator.hostEffects().settings(HostEffectSettings.on(null));

    String experiment = command("AWSFIS-Run-Kill-Process", "{\"ProcessName\": \"redis-server\"}");

    FaultReach reach = reach(experiment);
    assertThat(reach.status()).isEqualTo(FaultReach.Status.UNREACHED);
    assertThat(reach.detail() + " " + reach.remedy())
        .contains("no local process named redis-server", "hostEffects().process(\"redis-server\"");
  }

  @Test
  void aTemplateWithAParameterOutOfRangeIsRefusedNamingIt() {
    assertThatThrownBy(() -> command("AWSFIS-Run-CPU-Stress", "{\"LoadPercent\": \"150\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LoadPercent")
        .hasMessageContaining("0 to 100")
        .hasMessageContaining("150");
    assertThat(emulator.hostEffects().running()).isZero();
  }

  @Test
  void theEffectsEndWhenTheirJvmIsEndedWithSigterm() throws Exception {
    endedFork(false);
  }

  @Test
  void theEffectsEndWhenTheirJvmIsKilledWithSigkill() throws Exception {
    endedFork(true);
  }

  private void endedFork(boolean kill) throws Exception {
    Path log = directory.resolve("fork.log");
    Path fills = Files.createDirectory(directory.resolve("fills"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(HostEffectFork.class.getName());
    command.add(fills.toString());
    Process fork =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("pids "));
      List<Long> pids = pids(Files.readString(log));
      assertThat(pids).hasSize(2);
      assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).isPresent());
      try (Stream<Path> filled = Files.list(fills)) {
        assertThat(filled).hasSize(1);
      }

      if (kill) {
        fork.destroyForcibly();
      } else {
        fork.destroy();
      }

      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                assertThat(pids)
                    .allMatch(
                        pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
                try (Stream<Path> filled = Files.list(fills)) {
                  assertThat(filled).isEmpty();
                }
              });
    } finally {
      fork.destroyForcibly();
    }
  }

  private static List<Long> pids(String log) {
    String line = log.lines().filter(l -> l.startsWith("pids ")).findFirst().orElseThrow();
    return Arrays.stream(line.substring(5).trim().split(" ")).map(Long::valueOf).toList();
  }

  private static Duration cpuOf(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(process -> process.info().totalCpuDuration())
        .orElseThrow(() -> new AssertionError("no CPU time for the stress child " + pid));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().startsWith("fault-experiment-")).toList();
    }
  }

  /** About a tenth of a second of a loop that only computes. */
  private static void cpuBoundCall() {
    long x = 0;
    for (long n = 0; n < 100_000_000L; n++) {
      x = x * 31 + n ^ (x >>> 7);
    }
    if (x == 42) {
      System.out.print("");
    }
  }

  private FaultReach reach(String experiment) {
    awaitStatus(experiment, "running");
    await().atMost(Duration.ofSeconds(20)).until(() -> !emulator.faultReach(experiment).isEmpty());
    return emulator.faultReach(experiment).get(0);
  }

  private String command(String document, String parameters) {
    String template =
        emulator
            .fis()
            .createTemplate(
                """
                {"description": "host stress", "roleArn": "arn:aws:iam::123456789012:role/fis",
                 "stopConditions": [{"source": "none"}],
                 "targets": {"hosts": {"resourceType": "aws:ec2:instance",
                                       "resourceArns": ["%s"], "selectionMode": "ALL"}},
                 "actions": {"stress": {"actionId": "aws:ssm:send-command",
                   "parameters": {"documentArn": "arn:aws:ssm:us-east-1::document/%s",
                                  "documentParameters": %s, "duration": "PT1M"},
                   "targets": {"Instances": "hosts"}}}}
                """
                    .formatted(INSTANCE, document, quoted(parameters)));
    return fis.startExperiment(template);
  }

  private static String quoted(String json) {
    return "\"" + json.replace("\"", "\\\"") + "\"";
  }

  private void awaitStatus(String experiment, String status) {
    fis.awaitExperimentStatus(experiment, status, Duration.ofSeconds(20));
  }
}
