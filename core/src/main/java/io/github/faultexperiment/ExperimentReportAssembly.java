package io.github.faultexperiment;

import io.github.faultexperiment.report.ActionReach;
import io.github.faultexperiment.report.ExperimentReport;
import io.github.faultexperiment.report.LocalTargetTraffic;
import io.github.faultexperiment.report.ServiceReportStatus;
import io.github.faultexperiment.report.SteadyStateSummary;
import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.ServiceReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/** Assembles the report of one experiment from what was observed of it. */
final class ExperimentReportAssembly {
  private ExperimentReportAssembly() {}

  /**
   * The report of what happened so far; records the outcome on the timeline first.
   *
   * @param experiment what was observed
   * @param test who ran it
   * @param injectedAt when the fault was confirmed, or {@code null}
   * @param failure the first failure that concerns the experiment, or {@code null}
   * @param serviceReport what became of the service's own report
   * @param localTraffic what the local targets it addresses saw
   * @param reach where each of its actions reached on the local targets
   * @param overlapWait how long the start waited for other JVMs' experiments on overlapping targets
   * @param blastRadius what its faults reached, as the service resolved it
   */
  static ExperimentReport of(
      ObservedExperiment experiment,
      TestIdentity test,
      Instant injectedAt,
      Throwable failure,
      ServiceReport serviceReport,
      List<LocalTargetTraffic> localTraffic,
      List<ActionReach> reach,
      BlastRadius blastRadius,
      Duration overlapWait) {
    TimelineRecorder timeline = experiment.timeline();
    ExperimentSettings settings = experiment.settings();
    ExperimentSnapshot snapshot = experiment.last();
    Instant startRequested = timeline.first(Kind.START_REQUESTED);
    Instant stopRequestedAt = timeline.first(Kind.STOP_REQUESTED);
    Instant ended = timeline.first(Kind.ENDED);
    String outcome =
        failure == null
            ? "passed"
            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    timeline.record(
        Kind.OUTCOME,
        experiment.experimentId(),
        failure == null ? "passed" : failure instanceof TestAbortedException ? "aborted" : "failed",
        outcome);
    ResolvedTemplate resolved = experiment.template();
    return new ExperimentReport(
        settings.provider().id(),
        test.displayName(),
        test.testId(),
        settings.template(),
        resolved == null ? "" : resolved.id(),
        resolved == null ? "" : resolved.name(),
        experiment.experimentId(),
        snapshot == null ? "" : snapshot.resourceName(),
        settings.dryRun(),
        startRequested,
        injectedAt,
        timeline.first(Kind.BODY_STARTED),
        lastBodyEnd(timeline.events()),
        stopRequestedAt,
        ended,
        between(startRequested, injectedAt),
        between(stopRequestedAt == null ? injectedAt : stopRequestedAt, ended),
        snapshot == null ? "" : snapshot.state(),
        snapshot == null ? "" : snapshot.reason(),
        snapshot == null ? "" : snapshot.error(),
        outcome,
        timeline.events(),
        snapshot == null ? Map.of() : snapshot.details(),
        serviceReport.artifacts().stream().map(a -> a.file().getFileName().toString()).toList(),
        serviceReport.exists()
            ? new ServiceReportStatus(
                serviceReport.title(),
                serviceReport.status(),
                serviceReport.unavailable(),
                serviceReport.locations())
            : null,
        SteadyStateSummary.of(timeline.events()),
        localTraffic,
        reach,
        blastRadius,
        overlapWait);
  }

  private static Instant lastBodyEnd(List<TimelineEvent> events) {
    Instant end = null;
    for (TimelineEvent event : events) {
      if (event.kind() == Kind.BODY_ENDED) {
        end = event.time();
      }
    }
    return end;
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to);
  }
}
