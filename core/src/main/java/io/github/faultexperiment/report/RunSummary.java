package io.github.faultexperiment.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every experiment of one test run, as {@code summary.json} says it (documented in {@code
 * docs/reports.md}). Not public API.
 *
 * @param generatedAt when the run ended
 * @param experiments how many experiments ran
 * @param failed how many of them did not pass, not counting the aborted ones
 * @param aborted how many of their tests were aborted (skipped, e.g. the service said "not now")
 * @param entries one per experiment, in the order they were started
 */
record RunSummary(
    Instant generatedAt, int experiments, int failed, int aborted, List<Entry> entries) {

  /**
   * One experiment.
   *
   * @param test the test's display name ("Class.method")
   * @param testId the JUnit unique id
   * @param template the template reference as written
   * @param provider {@code AWS} or {@code GCP}
   * @param experimentId the service's experiment id, or empty
   * @param outcome {@code passed}, or the failure that concerns the experiment
   * @param passed whether the outcome is {@code passed}
   * @param aborted whether the test was aborted rather than failed (a failed assumption, a safety
   *     lever, an exclusion window)
   * @param finalState the service's last state word
   * @param timeToInject start request to confirmed injection, or {@code null}
   * @param timeUnderFault confirmed injection to stop request (or end), or {@code null}
   * @param timeToStop stop request to confirmed end, or {@code null}
   * @param timeline the HTML timeline, relative to the summary
   * @param report the JSON report, relative to the summary
   * @param localTraffic in embedded mode, the experiment's local targets' counters added up; {@code
   *     null} when it had none
   * @param blastRadius how many resources (and accounts) the service says its faults reached, e.g.
   *     {@code 3 resources in 2 accounts}; empty when unknown
   */
  record Entry(
      String test,
      String testId,
      String template,
      String provider,
      String experimentId,
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
      String blastRadius) {}

  static RunSummary of(Instant generatedAt, List<Entry> entries) {
    int aborted = (int) entries.stream().filter(Entry::aborted).count();
    int failed =
        (int) entries.stream().filter(entry -> !entry.passed() && !entry.aborted()).count();
    return new RunSummary(generatedAt, entries.size(), failed, aborted, List.copyOf(entries));
  }
}
