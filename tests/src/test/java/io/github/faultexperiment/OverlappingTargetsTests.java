package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.fixtures.OverlapTestCase;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * With JUnit's parallel execution on, experiments whose templates share a target never overlap, and
 * JUnit's scheduler knows it (the resource locks {@link OverlapLocks} declares); experiments on
 * disjoint targets run side by side. The templates are the {@code overlap-*.json} files of {@code
 * fault-experiments/<provider>/}: read from the classpath at discovery and created in the emulator
 * here, as a live account would already hold them.
 */
// Alone in the JVM: it asserts that experiments on disjoint targets overlapped in time and shared
// ones did not, which other classes' load on two cores would skew.
@Isolated
class OverlappingTargetsTests {
  private static final List<String> TEMPLATES =
      List.of("overlap-first", "overlap-second", "overlap-third", "overlap-apart");

  @RegisterExtension static final Emulated emulated = Emulated.withTemplates();

  private static final Map<String, Injection> injections = new ConcurrentHashMap<>();

  @BeforeAll
  static void recordInjections() {
    ActionListener recorder =
        new ActionListener() {
          @Override
          public void actionStarted(ActionEvent event) {
            injections.put(
                event.experimentId(), new Injection(event.targets(), Instant.now(), null));
          }

          @Override
          public void actionEnded(ActionEvent event) {
            injections.computeIfPresent(
                event.experimentId(),
                (id, injection) ->
                    new Injection(injection.targets(), injection.start(), Instant.now()));
          }
        };
    emulated.emulator().fis().addActionListener(recorder);
    emulated.emulator().faultTesting().addActionListener(recorder);
  }

  @BeforeEach
  void createTheOverlapTemplates() throws IOException {
    injections.clear();
    OverlapTestCase.reset();
    createOverlapTemplates(emulated);
  }

  /** Creates the {@code overlap-*} templates of the classpath in the harness's emulator. */
  static void createOverlapTemplates(Emulated emulated) throws IOException {
    for (String name : TEMPLATES) {
      emulated.emulator().fis().createTemplate(file("aws", name));
      emulated
          .emulator()
          .faultTesting()
          .createTemplate(Emulated.PROJECT, Emulated.LOCATION, name, file("gcp", name));
    }
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void sharedTargetsTakeTurnsAndDisjointOnesRunTogether(Cloud provider) {
    EngineExecutionResults results =
        emulated.run(
            provider,
            List.of(
                OverlapTestCase.First.class,
                OverlapTestCase.Second.class,
                OverlapTestCase.Apart.class),
            parallel(3));

    results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    // The scheduler, not a parked thread, kept them apart: one class started after the other ended.
    Span first = span(results, OverlapTestCase.First.class);
    Span second = span(results, OverlapTestCase.Second.class);
    assertThat(first.end().isBefore(second.start()) || second.end().isBefore(first.start()))
        .as("the shared-target classes %s and %s ran one after the other", first, second)
        .isTrue();
    // The emulator saw the same: never two injections on the shared target at once.
    List<Injection> shared = on("inventory");
    List<Injection> apart = on("ledger");
    assertThat(shared).hasSize(2).allSatisfy(i -> assertThat(i.end()).isNotNull());
    assertThat(apart).hasSize(1);
    assertThat(shared.get(0).overlaps(shared.get(1))).as("%s", shared).isFalse();
    assertThat(shared).anySatisfy(i -> assertThat(i.overlaps(apart.get(0))).isTrue());
    assertThat(emulated.leftRunning(provider)).isZero();
  }

  @Test
  void templatesOnOneTargetShareALockAndOthersDoNot() throws Exception {
    OverlapLocks locks = new OverlapLocks();
    Set<Lock> first = locks.provideForClass(OverlapTestCase.First.class);
    Set<Lock> second = locks.provideForClass(OverlapTestCase.Second.class);
    Method apartMethod = OverlapTestCase.Apart.class.getDeclaredMethod("underItsOwnFault");
    Set<Lock> apart = locks.provideForMethod(List.of(), OverlapTestCase.Apart.class, apartMethod);

    assertThat(readWriteKeys(first))
        .as("each template is a key of its own too")
        .contains(OverlapLocks.PREFIX + "template overlap-first");
    assertThat(readWriteKeys(second))
        .contains(OverlapLocks.PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:inventory");
    assertThat(readWriteKeys(first))
        .contains(
            OverlapLocks.PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:inventory",
            OverlapLocks.PREFIX
                + "projects/test-project/regions/us-central1/forwardingRules/inventory");
    assertThat(readWriteKeys(apart)).doesNotContainAnyElementsOf(readWriteKeys(first));
    // named functions only share their resource type, held for reading: they may run together
    assertThat(apart)
        .contains(
            new Lock(
                OverlapLocks.PREFIX + "aws resource type aws:lambda:function",
                ResourceAccessMode.READ));
    assertThat(locks.provideForClass(OverlapTestCase.Apart.class)).isEmpty();
  }

  @Test
  void aTemplateWithoutAFileIsLockedByItsReference() {
    OverlapLocks locks = new OverlapLocks();

    assertThat(locks.provideForClass(WithoutFile.class))
        .containsExactly(
            new Lock(
                OverlapLocks.PREFIX + "template live-only-template",
                ResourceAccessMode.READ_WRITE));
  }

  @FaultExperiment(template = "live-only-template")
  static class WithoutFile {}

  private static Set<String> readWriteKeys(Set<Lock> locks) {
    return locks.stream()
        .filter(lock -> lock.getAccessMode() == ResourceAccessMode.READ_WRITE)
        .map(Lock::getKey)
        .collect(Collectors.toSet());
  }

  private static List<Injection> on(String resource) {
    return injections.values().stream()
        .filter(i -> i.targets().stream().anyMatch(t -> t.endsWith(resource)))
        .toList();
  }

  private static Span span(EngineExecutionResults results, Class<?> fixture) {
    List<Event> events =
        results.containerEvents().list().stream()
            .filter(
                e ->
                    e.getTestDescriptor().getSource().orElse(null) instanceof ClassSource source
                        && source.getJavaClass() == fixture)
            .toList();
    return new Span(timeOf(events, EventType.STARTED), timeOf(events, EventType.FINISHED), fixture);
  }

  private static Instant timeOf(List<Event> events, EventType type) {
    return events.stream()
        .filter(e -> e.getType() == type)
        .findFirst()
        .orElseThrow()
        .getTimestamp();
  }

  private static Map<String, String> parallel(int threads) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("junit.jupiter.execution.parallel.enabled", "true");
    parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parameters.put(
        "junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(threads));
    parameters.put(
        "junit.jupiter.execution.parallel.config.fixed.max-pool-size", Integer.toString(threads));
    return parameters;
  }

  static String file(String provider, String name) throws IOException {
    try (InputStream in =
        OverlappingTargetsTests.class.getResourceAsStream(
            "/fault-experiments/" + provider + "/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private record Span(Instant start, Instant end, Class<?> fixture) {}

  private record Injection(List<String> targets, Instant start, Instant end) {
    boolean overlaps(Injection other) {
      Instant thisEnd = end == null ? Instant.MAX : end;
      Instant otherEnd = other.end == null ? Instant.MAX : other.end;
      return start.isBefore(otherEnd) && other.start.isBefore(thisEnd);
    }
  }
}
