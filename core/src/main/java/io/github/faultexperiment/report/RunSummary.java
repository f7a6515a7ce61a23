package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Every experiment of one test run — all its forks — as {@code summary.json} says it (documented in
 * {@code docs/reports.md}, versioned by {@link #SCHEMA_VERSION}). The counts are taken from the
 * entries, so they and the gate's verdict always agree. Not public API.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}: a reader refuses a version it does not know
 * @param runId which run this is: forks of one run share it ({@code docs/reports.md})
 * @param generatedAt when the summary was last written
 * @param experiments how many experiments the service started, dry runs not counted
 * @param failed how many entries failed, whether their experiment started or not (aborted ones are
 *     not failed)
 * @param leftRunning how many started experiments were never confirmed ended
 * @param aborted how many tests were aborted (JUnit: skipped), e.g. the service said "not now"
 * @param notStarted how many tests failed before their experiment started (counted in {@code
 *     failed} too)
 * @param dryRuns how many entries were dry runs (nothing injected on purpose)
 * @param gate whether the run passes as a resilience gate, and why
 * @param unfeltAcknowledged in embedded mode, how many fault actions the application did not feel,
 *     acknowledged by name (so they did not fail their test): what a CI gate watches
 * @param entries one per experiment, in the order they were started
 */
@API(status = INTERNAL, since = "0.1")
public record RunSummary(
    int schemaVersion,
    String runId,
    Instant generatedAt,
    int experiments,
    int failed,
    int leftRunning,
    int aborted,
    int notStarted,
    int dryRuns,
    int unfeltAcknowledged,
    Gate gate,
    List<Entry> entries) {

  /**
   * The version of {@code summary.json}'s shape; raised whenever a field changes meaning or goes.
   */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Whether the run did what a chaos gate needs: at least one experiment started, and nothing
   * failed or was left running.
   *
   * @param passed {@code true} when it did
   * @param verdict the counts that decided it, in words
   */
  public record Gate(boolean passed, String verdict) {}

  /**
   * One experiment, or one test whose experiment failed before it started.
   *
   * @param test the test's display name ("Class.method")
   * @param testId the JUnit unique id
   * @param template the template reference as written
   * @param provider {@code aws} or {@code gcp}; empty when the test failed before one was chosen
   * @param experimentId the service's experiment id, or empty
   * @param started whether the service started an experiment
   * @param dryRun whether it was a dry run
   * @param startRequestedAt when the start was requested, or {@code null}
   * @param outcome {@code passed}, or the failure that concerns the experiment
   * @param passed whether the outcome is {@code passed}
   * @param aborted whether the test was aborted rather than failed (a failed assumption, a safety
   *     lever, an exclusion window)
   * @param finalState the service's last state word
   * @param leftRunning whether the service started the experiment and its end was never confirmed
   * @param timeToInject start request to confirmed injection, or {@code null}
   * @param timeUnderFault confirmed injection to stop request (or end), or {@code null}
   * @param timeToStop stop request to confirmed end, or {@code null}
   * @param timeline the HTML timeline, relative to the summary; {@code null} when none was written
   * @param report the JSON report, relative to the summary; {@code null} when none was written
   * @param localTraffic in embedded mode, the experiment's local targets' counters added up; {@code
   *     null} when it had none
   * @param blastRadius how many resources (and accounts) the service says its faults reached, e.g.
   *     {@code 3 resources in 2 accounts}; empty when unknown
   * @param unfeltAcknowledged in embedded mode, the fault actions the application did not feel,
   *     acknowledged by name
   */
  public record Entry(
      String test,
      String testId,
      String template,
      String provider,
      String experimentId,
      boolean started,
      boolean dryRun,
      Instant startRequestedAt,
      String outcome,
      boolean passed,
      boolean aborted,
      String finalState,
      boolean leftRunning,
      Duration timeToInject,
      Duration timeUnderFault,
      Duration timeToStop,
      String timeline,
      String report,
      LocalTargetTraffic.Counters localTraffic,
      String blastRadius,
      int unfeltAcknowledged) {

    /**
     * A test that failed before any experiment of it started, and so wrote no report.
     *
     * @param test the test's display name
     * @param testId the JUnit unique id
     * @param template the template reference(s) as written
     * @param provider the provider named on the annotation, or empty
     * @param failure why it failed
     */
    public static Entry notStarted(
        String test, String testId, String template, String provider, Throwable failure) {
      return new Entry(
          test,
          testId,
          template,
          provider,
          "",
          false,
          false,
          null,
          failure.getClass().getSimpleName() + ": " + failure.getMessage(),
          false,
          false,
          "",
          false,
          null,
          null,
          null,
          null,
          null,
          null,
          "",
          0);
    }
  }

  /**
   * A summary of these entries.
   *
   * @param runId the run
   * @param generatedAt now
   * @param entries every entry of the run, in any order
   * @param requireExperiments whether {@code faultexperiment.summary.require-experiments} is on
   *     (the verdict of a run without experiments names it)
   */
  public static RunSummary of(
      String runId, Instant generatedAt, List<Entry> entries, boolean requireExperiments) {
    int experiments = count(entries, entry -> entry.started() && !entry.dryRun());
    int failed = count(entries, entry -> !entry.passed() && !entry.aborted());
    int leftRunning = count(entries, Entry::leftRunning);
    int aborted = count(entries, Entry::aborted);
    int notStarted =
        count(entries, entry -> !entry.started() && !entry.passed() && !entry.aborted());
    int dryRuns = count(entries, Entry::dryRun);
    boolean passed = experiments > 0 && failed == 0 && leftRunning == 0;
    List<String> facts = new ArrayList<>();
    facts.add(SummaryWriter.count(experiments, "experiment") + " started");
    if (aborted > 0) {
      facts.add(aborted + " aborted");
    }
    if (dryRuns > 0) {
      facts.add(SummaryWriter.count(dryRuns, "dry run"));
    }
    List<String> reasons = new ArrayList<>();
    if (experiments == 0) {
      reasons.add(
          "no experiment started"
              + (requireExperiments
                  ? ", and faultexperiment.summary.require-experiments is true"
                  : "")
              + ": check the tag filter (groups chaos) and that the chaos test classes have tests");
    }
    if (failed > 0) {
      reasons.add(
          SummaryWriter.count(failed, "test")
              + " failed"
              + (notStarted == 0
                  ? ""
                  : " ("
                      + notStarted
                      + " before "
                      + (notStarted == 1 ? "its" : "their")
                      + " experiment started)"));
    }
    if (leftRunning > 0) {
      reasons.add(SummaryWriter.count(leftRunning, "experiment") + " left running");
    }
    String verdict =
        passed
            ? String.join(", ", facts) + ", none failed"
            : "not passed: " + String.join("; ", reasons) + " — " + String.join(", ", facts);
    List<Entry> ordered =
        entries.stream()
            .sorted(
                Comparator.comparing(
                    Entry::startRequestedAt, Comparator.nullsLast(Comparator.naturalOrder())))
            .toList();
    int unfeltAcknowledged = entries.stream().mapToInt(Entry::unfeltAcknowledged).sum();
    return new RunSummary(
        SCHEMA_VERSION,
        runId,
        generatedAt,
        experiments,
        failed,
        leftRunning,
        aborted,
        notStarted,
        dryRuns,
        unfeltAcknowledged,
        new Gate(passed, verdict),
        ordered);
  }

  private static int count(List<Entry> entries, Predicate<Entry> which) {
    return (int) entries.stream().filter(which).count();
  }
}
