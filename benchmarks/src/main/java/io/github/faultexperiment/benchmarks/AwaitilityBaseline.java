package io.github.faultexperiment.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * What users write today in a {@code @BeforeEach}/{@code @AfterEach}: StartExperiment, Awaitility
 * polling GetExperiment every second until {@code running}; StopExperiment, the same until {@code
 * stopped}.
 */
final class AwaitilityBaseline {
  private final BenchEmulator emulator;
  private final SignedFis fis;

  AwaitilityBaseline(BenchEmulator emulator) {
    this.emulator = emulator;
    this.fis = new SignedFis(emulator.emulator().endpoint());
  }

  /** Runs {@code count} experiments one after another; returns each one's overhead in ms. */
  Result run(int count) {
    List<Double> overheads = new ArrayList<>();
    String templateId = emulator.templateId(0);
    emulator.resetCounters();
    for (int i = 0; i < count; i++) {
      long begin = System.nanoTime();
      String id = fis.start(templateId);
      Awaitility.await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> fis.status(id), "running"::equals);
      fis.stop(id);
      Awaitility.await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> fis.status(id), "stopped"::equals);
      overheads.add(ExtensionRuns.overheadMillis(System.nanoTime() - begin));
    }
    return new Result(overheads, (double) emulator.requests() / count);
  }

  /**
   * @param overheadsMillis each experiment's time beyond the transitions
   * @param callsPerExperiment FIS requests per experiment, counted by the emulator
   */
  record Result(List<Double> overheadsMillis, double callsPerExperiment) {}
}
