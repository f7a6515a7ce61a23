package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.fixtures.LifecycleTestCase;
import io.github.faultexperiment.fixtures.LocalTargetTrafficTestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a chaos test prints by default, seen from a fresh JVM on the test classpath (the AWS SDK and
 * its slf4j-api, no SLF4J provider, JUL's default console handler at INFO): one line per
 * experiment, and no SLF4J warning.
 */
class LoggingTests {
  @RegisterExtension static final Emulated emulated = Emulated.withTemplates("primary");

  @Test
  void oneExperimentLogsOneInfoLineWithItsTimesAndNoSlf4jWarning() throws Exception {
    Path log = emulated.reports().resolve("fork.log");
    Map<String, String> parameters = emulated.parameters(Cloud.AWS);
    parameters.put(FaultExperimentProperties.SWEEP, "false");

    Process fork =
        Forks.start(
            parameters,
            log,
            // ArchUnit's test engine, on this module's classpath only, initialises SLF4J itself;
            // a user's test classpath has JUnit, the extension, the AWS provider, the emulator.
            entry -> !entry.contains("archunit"),
            ForkedRun.class.getName(),
            LifecycleTestCase.Succeeds.class.getName());

    assertThat(fork.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log);
    assertThat(fork.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain("SLF4J");
    List<String> info = output.lines().filter(line -> line.startsWith("INFO:")).toList();
    assertThat(info)
        .as(output)
        .singleElement()
        .asString()
        .matches(
            "INFO: Experiment \\S+ from template 'primary': started \\d\\d:\\d\\d:\\d\\d\\.\\d{3},"
                + " injected \\+\\d+\\.\\d{3} s, ended \\+\\d+\\.\\d{3} s: .+");
  }

  @Test
  void trafficThroughALocalTargetPrintsNoSlf4jWarning() throws Exception {
    Path log = emulated.reports().resolve("local-target-fork.log");

    Process fork =
        Forks.start(
            new HashMap<>(),
            log,
            entry -> !entry.contains("archunit"),
            ForkedRun.class.getName(),
            LocalTargetTrafficTestCase.class.getName());

    assertThat(fork.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log);
    assertThat(fork.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain("SLF4J");
  }
}
