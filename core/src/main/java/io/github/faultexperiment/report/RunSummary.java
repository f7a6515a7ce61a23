package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Every experiment of one test run — all its forks — as {@code summary.json} says it (documented in
 * {@code docs/reports.md}). Not public API.
 *
 * @param runId which run this is: forks of one run share it ({@code docs/reports.md})
 * @param generatedAt when the summary was last written
 * @param experiments how many entries there are: experiments that ran and tests whose experiment
 *     failed before it started
 * @param failed how many of them did not pass, not counting the aborted ones
 * @param aborted how many of their tests were aborted (skipped, e.g. the service said "not now")
 * @param notStarted how many of them failed before their experiment started
 * @param unfeltAcknowledged in embedded mode, how many fault actions of them the application did
 *     not feel, acknowledged by name (so they did not fail their test): what a CI gate watches
 * @param gate the verdict of {@code faultexperiment.summary.require-experiments}, or {@code null}
 *     when it is off
 * @param entries one per experiment, in the order they were started
 */
@API(status = INTERNAL, since = "0.1")
public record RunSummary(
    String runId,
    Instant generatedAt,
    int experiments,
    int failed,
    int aborted,
    int notStarted,
    int unfeltAcknowledged,
    Gate gate,
    List<Entry> entries) {

  /**
   * Whether the run did what a chaos gate needs: run at least one experiment.
   *
   * @param passed {@code true} when at least one experiment ran
   * @param verdict what that means, in words
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
   * @param requireExperiments whether the gate is on
   */
  public static RunSummary of(
      String runId, Instant generatedAt, List<Entry> entries, boolean requireExperiments) {
    int aborted = (int) entries.stream().filter(Entry::aborted).count();
    int failed =
        (int) entries.stream().filter(entry -> !entry.passed() && !entry.aborted()).count();
    int notStarted = (int) entries.stream().filter(entry -> !entry.started()).count();
    Gate gate =
        !requireExperiments
            ? null
            : entries.isEmpty()
                ? new Gate(
                    false,
                    "no experiment ran, and faultexperiment.summary.require-experiments is true:"
                        + " check the tag filter (groups chaos) and that the chaos test classes"
                        + " have tests")
                : new Gate(true, SummaryWriter.count(entries.size(), "experiment") + " in the run");
    List<Entry> ordered =
        entries.stream()
            .sorted(
                Comparator.comparing(
                    Entry::startRequestedAt, Comparator.nullsLast(Comparator.naturalOrder())))
            .toList();
    int unfeltAcknowledged = entries.stream().mapToInt(Entry::unfeltAcknowledged).sum();
    return new RunSummary(
        runId,
        generatedAt,
        entries.size(),
        failed,
        aborted,
        notStarted,
        unfeltAcknowledged,
        gate,
        ordered);
  }
}
