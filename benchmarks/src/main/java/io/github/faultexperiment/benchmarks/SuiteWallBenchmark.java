package io.github.faultexperiment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.benchmarks.fixtures.OneTestCase;
import io.github.faultexperiment.benchmarks.fixtures.Suite16TestCase;
import io.github.faultexperiment.emulator.fis.FisTimings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code suite_wall_over_lower_bound} (issue 15): {@link Suite16TestCase} — sixteen tests on eight
 * templates, four of which target one function — run once by the JUnit launcher with parallel
 * execution on, each experiment with its own transitions drawn from {@link JitteredComparison}'s
 * seeded distribution. The figure is the suite's wall time divided by the shortest schedule that
 * the resource locks and the quota of five active experiments allow for those drawn transitions, as
 * {@link #lowerBound} computes it. Run alone with {@code
 * -Dbench.main=io.github.faultexperiment.benchmarks.SuiteWallBenchmark}.
 */
public final class SuiteWallBenchmark {
  /** FIS's (and the emulator's) active experiments per account and region. */
  static final int QUOTA = 5;

  private static final int TEMPLATES = 8;

  private SuiteWallBenchmark() {}

  /**
   * Runs the benchmark alone.
   *
   * @param args none
   */
  public static void main(String[] args) {
    Stats.keepStandardOutputForFigures();
    try (BenchEmulator emulator = new BenchEmulator()) {
      ExtensionRuns runs = new ExtensionRuns();
      // a JVM that has run an experiment, as in the full benchmark: class loading is not the
      // suite's
      runs.run(OneTestCase.class, emulator.extensionParameters());
      run(emulator, runs);
    }
  }

  /** Runs the suite once and prints the figure, the wall time and the bound. */
  static void run(BenchEmulator emulator, ExtensionRuns runs) {
    List<Set<String>> targets = new ArrayList<>();
    List<String> templateIds = new ArrayList<>();
    for (int t = 0; t < TEMPLATES; t++) {
      String json = template(t);
      targets.add(arns(json));
      templateIds.add(emulator.emulator().fis().createTemplate(json));
    }
    List<Duration[]> drawn = JitteredComparison.draw(Suite16TestCase.TESTS);
    List<Work> suite = new ArrayList<>();
    for (int i = 0; i < Suite16TestCase.TESTS; i++) {
      int template = i / 2;
      suite.add(new Work("t" + i, template, targets.get(template), sum(drawn.get(i))));
    }
    Suite16TestCase.beforeExperiment =
        name -> {
          int i = Integer.parseInt(name.substring(1));
          Duration[] t = drawn.get(i);
          emulator
              .emulator()
              .fis()
              .timings(
                  templateIds.get(i / 2),
                  FisTimings.defaults()
                      .withPendingToInitiating(Duration.ZERO)
                      .withInitiatingToRunning(t[0])
                      .withActionDuration(Duration.ofMinutes(30))
                      .withStoppingToStopped(t[1]));
        };

    ExtensionRuns.Run run;
    try {
      run = runs.run(Suite16TestCase.class, ParallelRuns.parallel(emulator.extensionParameters()));
    } finally {
      Suite16TestCase.beforeExperiment = name -> {};
    }
    Bound bound = lowerBound(suite, QUOTA);
    double wallMs = run.wallNanos() / 1e6;
    Stats.note(
        "suite: drawn experiment durations ms "
            + Stats.summary(suite.stream().map(w -> w.duration().toNanos() / 1e6).toList()));
    Stats.note(
        "suite lower bound parts ms: longest chain of tests sharing a target "
            + Stats.format(bound.chainMs())
            + " ("
            + bound.chainKey()
            + "), total work / "
            + QUOTA
            + " slots "
            + Stats.format(bound.perSlotMs())
            + ", longest test "
            + Stats.format(bound.longestMs())
            + "; the bound is "
            + (bound.exact() ? "the optimum" : "a lower bound only")
            + " (every group of tests that conflict is a clique, and the groups fit the slots)");
    chain(run, suite, bound.chainKey());
    Stats.print("suite_wall_ms", wallMs);
    Stats.print("suite_lower_bound_ms", bound.ms());
    Stats.print("suite_wall_over_lower_bound", wallMs / bound.ms());
  }

  /** One test of the suite: its template, what that targets, and its drawn transitions. */
  record Work(String name, int template, Set<String> targets, Duration duration) {
    /** The lock keys it holds whole: its targets and its template itself. */
    Set<String> keys() {
      Set<String> keys = new LinkedHashSet<>(targets);
      keys.add("template suite-" + template);
      return keys;
    }

    boolean conflictsWith(Work other) {
      return keys().stream().anyMatch(other.keys()::contains);
    }
  }

  /**
   * @param ms the bound
   * @param chainMs the largest total of the tests holding one key
   * @param chainKey that key
   * @param perSlotMs the total of all tests over the quota's slots
   * @param longestMs the longest test
   * @param exact whether the bound is also the length of a schedule the constraints allow
   */
  record Bound(
      double ms,
      double chainMs,
      String chainKey,
      double perSlotMs,
      double longestMs,
      boolean exact) {}

  /**
   * The shortest schedule the constraints allow is at least each of: the total of the tests that
   * hold one key whole (they must run one after another: each holds its locks, and a slot, for at
   * least its own transitions); the total of all tests over the quota's slots (at most that many
   * experiments are active at once); the longest test. So their maximum is a lower bound. It is
   * exact when the conflict graph's connected components are cliques, no more of them than slots,
   * and each shorter than the bound: then running each component one test after another on a slot
   * of its own is a schedule of exactly that length.
   */
  static Bound lowerBound(List<Work> suite, int slots) {
    Map<String, Double> perKey = new TreeMap<>();
    double total = 0;
    double longest = 0;
    for (Work work : suite) {
      double ms = work.duration().toNanos() / 1e6;
      total += ms;
      longest = Math.max(longest, ms);
      for (String key : work.keys()) {
        perKey.merge(key, ms, Double::sum);
      }
    }
    Map.Entry<String, Double> chain =
        perKey.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    double perSlot = total / slots;
    double bound = Math.max(chain.getValue(), Math.max(perSlot, longest));
    return new Bound(
        bound,
        chain.getValue(),
        chain.getKey(),
        perSlot,
        longest,
        componentsFitSlots(suite, slots, bound));
  }

  private static boolean componentsFitSlots(List<Work> suite, int slots, double bound) {
    int[] component = new int[suite.size()];
    for (int i = 0; i < component.length; i++) {
      component[i] = i;
    }
    for (int i = 0; i < suite.size(); i++) {
      for (int j = i + 1; j < suite.size(); j++) {
        if (suite.get(i).conflictsWith(suite.get(j)) && component[i] != component[j]) {
          int merged = component[j];
          for (int k = 0; k < component.length; k++) {
            if (component[k] == merged) {
              component[k] = component[i];
            }
          }
        }
      }
    }
    Map<Integer, List<Work>> components = new TreeMap<>();
    for (int i = 0; i < component.length; i++) {
      components.computeIfAbsent(component[i], c -> new ArrayList<>()).add(suite.get(i));
    }
    for (List<Work> members : components.values()) {
      double ms = members.stream().mapToDouble(w -> w.duration().toNanos() / 1e6).sum();
      boolean clique =
          members.stream()
              .allMatch(a -> members.stream().allMatch(b -> a == b || a.conflictsWith(b)));
      if (!clique || ms > bound + 1e-9) {
        return false;
      }
    }
    return components.size() <= slots;
  }

  /**
   * Where the time of the longest chain goes: each of its tests' wall time beyond its own
   * transitions, and the gaps in which none of them ran.
   */
  private static void chain(ExtensionRuns.Run run, List<Work> suite, String key) {
    List<Work> chain = suite.stream().filter(w -> w.keys().contains(key)).toList();
    List<Double> overheads = new ArrayList<>();
    List<ExtensionRuns.Window> windows = new ArrayList<>();
    for (Work work : chain) {
      ExtensionRuns.Window window = run.windows().get(work.name() + "()");
      windows.add(window);
      overheads.add(
          Duration.between(window.started(), window.finished()).minus(work.duration()).toNanos()
              / 1e6);
    }
    windows.sort((a, b) -> a.started().compareTo(b.started()));
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < windows.size(); i++) {
      gaps.add(
          Duration.between(windows.get(i - 1).finished(), windows.get(i).started()).toNanos()
              / 1e6);
    }
    Stats.note("suite chain (" + key + ") tests' overhead ms " + Stats.summary(overheads));
    Stats.note("suite chain gaps between its tests ms " + Stats.summary(gaps));
  }

  private static Set<String> arns(String templateJson) {
    try {
      JsonNode template = new ObjectMapper().readTree(templateJson);
      Set<String> arns = new LinkedHashSet<>();
      template
          .path("targets")
          .forEach(target -> target.path("resourceArns").forEach(arn -> arns.add(arn.asText())));
      return arns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String template(int index) {
    String path = "fault-experiments/aws/suite-" + index + ".json";
    try (InputStream in = SuiteWallBenchmark.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the benchmark's classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Duration sum(Duration[] transitions) {
    return transitions[0].plus(transitions[1]);
  }
}
