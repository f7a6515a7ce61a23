package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.fixtures.ParallelTestCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JUnit's parallel execution: one template's experiments take turns, different templates overlap,
 * and more tests than the quota of active experiments queue instead of failing.
 */
// Alone in the JVM: its assertions are about timing (how many experiments were active at once,
// injections one after the other), which other classes' load on two cores would skew.
@Isolated
class ParallelRunsTests {
  @RegisterExtension
  static final Emulated emulated =
      Emulated.withTemplates(
          "primary",
          "secondary",
          "tpl-1",
          "tpl-2",
          "tpl-3",
          "tpl-4",
          "tpl-5",
          "tpl-6",
          "tpl-7",
          "tpl-8");

  private static final Map<String, Interval> injections = new ConcurrentHashMap<>();

  @BeforeAll
  static void recordInjections() {
    ActionListener recorder =
        new ActionListener() {
          @Override
          public void actionStarted(ActionEvent event) {
            injections.put(event.experimentId(), new Interval(Instant.now(), null));
          }

          @Override
          public void actionEnded(ActionEvent event) {
            injections.computeIfPresent(
                event.experimentId(),
                (id, interval) -> new Interval(interval.start(), Instant.now()));
          }
        };
    emulated.emulator().fis().addActionListener(recorder);
    emulated.emulator().faultTesting().addActionListener(recorder);
  }

  @BeforeEach
  void forgetInjections() {
    injections.clear();
  }

  private Map<String, String> parallel(int threads) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("junit.jupiter.execution.parallel.enabled", "true");
    parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parameters.put(
        "junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(threads));
    parameters.put(
        "junit.jupiter.execution.parallel.config.fixed.max-pool-size", Integer.toString(threads));
    return parameters;
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void testsOfOneTemplateTakeTurns(Cloud provider) throws Exception {
    try (Sampler active = new Sampler(() -> emulated.leftRunning(provider))) {
      emulated
          .run(provider, ParallelTestCase.SameTemplate.class, parallel(3))
          .testEvents()
          .assertStatistics(s -> s.succeeded(3));

      assertThat(active.max()).as("experiments active at once").isEqualTo(1);
    }
    assertThat(emulated.experiments(provider)).isEqualTo(3);
    assertThat(injections).hasSize(3);
    assertNoOverlap(injections.values());
    assertThat(emulated.leftRunning(provider)).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void testsOfDifferentTemplatesRunTogether(Cloud provider) throws Exception {
    try (Sampler active = new Sampler(() -> emulated.leftRunning(provider))) {
      emulated
          .run(provider, ParallelTestCase.TwoTemplates.class, parallel(2))
          .testEvents()
          .assertStatistics(s -> s.succeeded(2));

      assertThat(active.max()).as("experiments active at once").isEqualTo(2);
    }
    assertThat(emulated.leftRunning(provider)).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void moreTestsThanTheQuotaQueueForASlot(Cloud provider) throws Exception {
    try (Sampler active = new Sampler(() -> emulated.leftRunning(provider))) {
      emulated
          .run(provider, ParallelTestCase.EightTemplates.class, parallel(8))
          .testEvents()
          .assertStatistics(s -> s.succeeded(8).failed(0));

      assertThat(active.max()).as("experiments active at once").isBetween(2, 5);
    }
    assertThat(emulated.experiments(provider)).isEqualTo(8);
    assertThat(emulated.leftRunning(provider)).isZero();
  }

  @org.junit.jupiter.api.Test
  void theServicesQuotaErrorIsWaitedOutToo() {
    Map<String, String> parameters = parallel(8);
    // No slot limit in this JVM: only FIS's own 402 ServiceQuotaExceededException holds tests back.
    parameters.put(FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS, "50");

    emulated
        .run(Cloud.AWS, ParallelTestCase.EightTemplates.class, parameters)
        .testEvents()
        .assertStatistics(s -> s.succeeded(8).failed(0));

    assertThat(emulated.emulator().fis().requestCount("StartExperiment"))
        .as("starts refused with 402 and retried")
        .isGreaterThan(8);
    assertThat(emulated.experiments(Cloud.AWS)).isEqualTo(8);
    assertThat(emulated.leftRunning(Cloud.AWS)).isZero();
  }

  private static void assertNoOverlap(Collection<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort((a, b) -> a.start().compareTo(b.start()));
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i - 1).end()).as("previous injection ended").isNotNull();
      assertThat(sorted.get(i).start()).isAfterOrEqualTo(sorted.get(i - 1).end());
    }
  }

  private record Interval(Instant start, Instant end) {}

  /** Samples a count every few milliseconds on its own thread and keeps the maximum. */
  private static final class Sampler implements AutoCloseable {
    private final AtomicInteger max = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    Sampler(IntSupplier count) {
      thread =
          new Thread(
              () -> {
                while (running) {
                  max.accumulateAndGet(count.getAsInt(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "active-experiments-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    int max() {
      return max.get();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }
}
