package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.spi.BlastRadius;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Everything the reports say about one experiment. Not public API; its JSON form is documented in
 * {@code docs/reports.md}.
 *
 * @param provider {@code AWS} or {@code GCP}
 * @param test the test's display name ("Class.method")
 * @param testId the JUnit unique id
 * @param template the template reference as written
 * @param templateId the service's template id
 * @param templateName the template's human name
 * @param experimentId the service's experiment id, or empty if it never started
 * @param resourceName the ARN or full resource name, or empty
 * @param dryRun whether nothing was injected on purpose
 * @param startRequestedAt when the start was asked for
 * @param injectedAt when the fault was confirmed, or {@code null}
 * @param bodyStartedAt when the body started, or {@code null}
 * @param bodyEndedAt when the body ended, or {@code null}
 * @param stopRequestedAt when the stop was asked for, or {@code null}
 * @param endedAt when the end was confirmed, or {@code null}
 * @param timeToInject start request to confirmed injection, or {@code null}
 * @param timeToStop stop request to confirmed end, or {@code null}
 * @param finalState the service's last state word
 * @param reason the service's last reason, or empty
 * @param error the service's last error, or empty
 * @param outcome the extension's verdict: {@code passed} or a failure message
 * @param timeline every observed event
 * @param details provider extras (targets, affected resources, report location)
 * @param artifacts the service's own report files attached, by file name
 * @param serviceReport what became of the service's own report, or {@code null} when the service
 *     writes none for this experiment
 * @param steadyState what the steady-state checks showed, or {@code null} when there were none
 * @param localTargets in embedded mode, what each local target the experiment addresses did with
 *     requests between its start and its confirmed end; empty otherwise
 * @param reach where each action reached on the embedded emulator's local targets; empty outside
 *     embedded mode
 * @param blastRadius what the experiment's faults reached as the service resolved it (resources,
 *     accounts); {@link BlastRadius#NONE} when it never started
 * @param overlapWait how long the start waited for earlier experiments of ours on overlapping
 *     targets in other JVMs (counted in {@code timeToInject} and against the injection timeout);
 *     zero when it did not wait
 */
@API(status = INTERNAL, since = "0.1")
public record ExperimentReport(
    String provider,
    String test,
    String testId,
    String template,
    String templateId,
    String templateName,
    String experimentId,
    String resourceName,
    boolean dryRun,
    Instant startRequestedAt,
    Instant injectedAt,
    Instant bodyStartedAt,
    Instant bodyEndedAt,
    Instant stopRequestedAt,
    Instant endedAt,
    Duration timeToInject,
    Duration timeToStop,
    String finalState,
    String reason,
    String error,
    String outcome,
    List<TimelineEvent> timeline,
    Map<String, Object> details,
    List<String> artifacts,
    ServiceReportStatus serviceReport,
    SteadyStateSummary steadyState,
    List<LocalTargetTraffic> localTargets,
    List<ActionReach> reach,
    BlastRadius blastRadius,
    Duration overlapWait) {
  public ExperimentReport {
    blastRadius = blastRadius == null ? BlastRadius.NONE : blastRadius;
    overlapWait = overlapWait == null ? Duration.ZERO : overlapWait;
    localTargets = List.copyOf(localTargets);
    reach = List.copyOf(reach);
    timeline = List.copyOf(timeline);
    details = Map.copyOf(details);
    artifacts = List.copyOf(artifacts);
  }
}
