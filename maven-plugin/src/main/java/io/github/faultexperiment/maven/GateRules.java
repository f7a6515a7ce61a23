package io.github.faultexperiment.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a team tolerates of a run, and what a summary breaks of it.
 *
 * @param minExperiments at least this many experiments must have started
 * @param allowedAborted at most this many chaos tests may be aborted (an engaged safety lever, an
 *     exclusion window, a failed assumption)
 * @param allowAcknowledgedUnfelt whether faults acknowledged as not felt by the application pass
 */
record GateRules(int minExperiments, int allowedAborted, boolean allowAcknowledgedUnfelt) {
  /** How many tests a message names before it says how many more there are. */
  private static final int NAMED = 5;

  GateRules {
    if (minExperiments < 0) {
      throw new IllegalArgumentException(
          "minExperiments = " + minExperiments + " is not valid: use 0 or more (default 1)");
    }
    if (allowedAborted < 0) {
      throw new IllegalArgumentException(
          "allowedAborted = " + allowedAborted + " is not valid: use 0 or more (default 0)");
    }
  }

  /**
   * Every rule the summary breaks, in words, naming the tests concerned; empty when it passes.
   *
   * @param summary a summary of this build
   */
  List<String> violations(RunSummaryFile summary) {
    List<String> violations = new ArrayList<>();
    if (summary.experiments() < minExperiments) {
      violations.add(
          (summary.experiments() == 0
                  ? "no experiment started"
                  : "only " + count(summary.experiments(), "experiment") + " started")
              + ", at least "
              + minExperiments
              + " required (minExperiments)"
              + (summary.aborted() + summary.dryRuns() == 0
                  ? ": check the tag filter (groups chaos) and that the chaos test classes have"
                      + " tests"
                  : ": " + summary.aborted() + " aborted, " + count(summary.dryRuns(), "dry run")));
    }
    if (summary.failed() > 0) {
      violations.add(
          count(summary.failed(), "test")
              + " failed: "
              + names(summary, RunSummaryFile.Entry::failed));
    }
    if (summary.leftRunning() > 0) {
      violations.add(
          count(summary.leftRunning(), "experiment")
              + " left running: "
              + names(summary, RunSummaryFile.Entry::leftRunning));
    }
    if (summary.aborted() > allowedAborted) {
      violations.add(
          summary.aborted()
              + " aborted (an engaged safety lever, an exclusion window, a failed assumption), at"
              + " most "
              + allowedAborted
              + " allowed (allowedAborted): "
              + names(summary, RunSummaryFile.Entry::aborted));
    }
    if (summary.acknowledgedUnfelt() > 0 && !allowAcknowledgedUnfelt) {
      violations.add(
          count(summary.acknowledgedUnfelt(), "fault")
              + " acknowledged as not felt by the application, not allowed"
              + " (allowAcknowledgedUnfelt is false): "
              + names(summary, RunSummaryFile.Entry::acknowledgedUnfelt));
    }
    return violations;
  }

  /** E.g. "A.one (t1), B.two (t2) and 3 more"; a pointer to the file when no entry is marked. */
  private static String names(RunSummaryFile summary, Predicate<RunSummaryFile.Entry> which) {
    List<String> names =
        summary.entries().stream().filter(which).map(RunSummaryFile.Entry::name).toList();
    if (names.isEmpty()) {
      return "see the entries";
    }
    String shown = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
    return names.size() > NAMED ? shown + " and " + (names.size() - NAMED) + " more" : shown;
  }

  static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
