package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.emulator.fis.FisExperiment;
import io.github.faultexperiment.fixtures.CrossJvmTestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Experiments on overlapping targets in separate JVMs, with the service (here one emulator over
 * HTTP) as the only coordinator: the earlier-created experiment goes first, the others stop their
 * own and start again once it has ended, and a crashed holder blocks nobody past its lease.
 */
// Alone in the JVM: three forked JVMs at once take both cores, and the forks' waits and leases are
// timed (2.5 s initiating, 1 s lease) against each other.
@Isolated
class CrossJvmOverlapTests {
  @RegisterExtension static final Emulated emulated = Emulated.withTemplates();

  private static final Map<String, Injection> injections = new ConcurrentHashMap<>();

  @BeforeAll
  static void recordInjections() {
    emulated
        .emulator()
        .fis()
        .addActionListener(
            new ActionListener() {
              @Override
              public void actionStarted(ActionEvent event) {
                injections.put(event.experimentId(), new Injection(Instant.now(), null));
              }

              @Override
              public void actionEnded(ActionEvent event) {
                injections.computeIfPresent(
                    event.experimentId(), (id, i) -> new Injection(i.start(), Instant.now()));
              }
            });
  }

  @BeforeEach
  void createTemplatesAndSlowInitiating() throws IOException {
    injections.clear();
    OverlappingTargetsTests.createOverlapTemplates(emulated);
    // FIS takes seconds to initiate: a later experiment yields before its fault is injected
    emulated
        .emulator()
        .fis()
        .timings(Emulated.FIS_TIMINGS.withInitiatingToRunning(Duration.ofMillis(2_500)));
  }

  @Test
  void threeJvmsOnOverlappingTemplatesAreNeverInjectedAtOnce() throws Exception {
    List<Process> forks = new ArrayList<>();
    for (Class<?> fixture :
        List.of(
            CrossJvmTestCase.First.class,
            CrossJvmTestCase.Second.class,
            CrossJvmTestCase.Third.class)) {
      forks.add(fork(fixture, Map.of(), fixture.getSimpleName()));
    }
    for (Process fork : forks) {
      assertThat(fork.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(fork.exitValue()).as(logs()).isZero();
    }

    List<Injection> all = new ArrayList<>(injections.values());
    assertThat(all).hasSize(3).allSatisfy(i -> assertThat(i.end()).isNotNull());
    all.sort((a, b) -> a.start().compareTo(b.start()));
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).start()).as("%s", all).isAfterOrEqualTo(all.get(i - 1).end());
    }
    // each JVM waited for the others' experiments (or yielded to them): on the timeline and in the
    // report
    assertThat(reportsText()).contains("OVERLAP_WAIT").contains("\"overlapWait\"");
    assertThat(emulated.leftRunning(Cloud.AWS)).isZero();
  }

  @Test
  void aCrashedHolderBlocksNoOnePastItsLease() throws Exception {
    Process holder =
        fork(
            CrossJvmTestCase.Holds.class,
            Map.of(FaultExperimentProperties.LEASE_DURATION, "PT1S"),
            "holder");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> emulated.injected(Cloud.AWS) == 1 || !holder.isAlive());
    holder.destroyForcibly();
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String crashed = emulated.emulator().fis().activeExperiments().get(0).id();
    Thread.sleep(2_100); // the lease (1 s, in whole epoch seconds) lapses

    Map<String, String> noSweep = new HashMap<>();
    noSweep.put(FaultExperimentProperties.SWEEP, "false");
    emulated
        .run(Cloud.AWS, CrossJvmTestCase.Second.class, noSweep)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    assertThat(emulated.experiments(Cloud.AWS))
        .as("the holder's and one start, no retry")
        .isEqualTo(2);
    assertThat(reportsText()).doesNotContain("OVERLAP_WAIT");
    assertThat(emulated.emulator().fis().activeExperiments())
        .extracting(FisExperiment::id)
        .as("the sweep was off: only the crashed holder's is left")
        .containsExactly(crashed);
    emulated.emulator().fis().endExperiment(crashed, "arn:aws:cloudwatch:test");
    await().atMost(Duration.ofSeconds(10)).until(() -> emulated.leftRunning(Cloud.AWS) == 0);
  }

  private Process fork(Class<?> fixture, Map<String, String> extra, String name)
      throws IOException {
    Map<String, String> properties = emulated.parameters(Cloud.AWS);
    properties.put(FaultExperimentProperties.SWEEP, "false");
    properties.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT60S");
    properties.putAll(extra);
    return Forks.start(
        properties,
        emulated.reports().resolve("logs").resolve(name + ".log"),
        ForkedRun.class.getName(),
        fixture.getName());
  }

  private static String logs() throws IOException {
    return filesText(emulated.reports().resolve("logs"), ".log");
  }

  private static String reportsText() throws IOException {
    return filesText(emulated.reports(), ".json");
  }

  private static String filesText(Path root, String suffix) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
        text.append(file).append('\n').append(Files.readString(file)).append('\n');
      }
    }
    return text.toString();
  }

  private record Injection(Instant start, Instant end) {}
}
