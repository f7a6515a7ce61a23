package io.github.faultexperiment;

import io.github.faultexperiment.report.ExperimentReport;
import io.github.faultexperiment.report.HtmlTimeline;
import io.github.faultexperiment.report.JsonReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads the report code (JSON mapper, HTML timeline) on a background thread while the first
 * experiment of the JVM waits for its fault, instead of on the test's thread after it: a Surefire
 * fork's first experiment pays its class loading in a wait it spends anyway.
 */
final class ReportWarmUp {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private ReportWarmUp() {}

  /** Starts the warm-up once per JVM; returns at once. */
  static void startOnce() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread warmUp = new Thread(ReportWarmUp::render, "fault-experiment-report-warm-up");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    warmUp.start();
  }

  private static void render() {
    ExperimentReport empty =
        new ExperimentReport(
            "", "", "", "", "", "", "", "", false, null, null, null, null, null, null, null, null,
            "", "", "", "", List.of(), Map.of(), List.of(), null, null, List.of(), List.of(), null,
            null);
    try {
      JsonReport.toJson(empty);
      HtmlTimeline.render(empty);
    } catch (RuntimeException ignored) {
      // only a warm-up: the real report, on the test's thread, reports what goes wrong
    }
  }
}
