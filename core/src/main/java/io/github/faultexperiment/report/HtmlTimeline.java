package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.ResolvedTarget;
import io.github.faultexperiment.spi.TargetAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Renders {@link ExperimentReport} as one self-contained HTML page (inline CSS, no scripts, no
 * external assets): a summary, a bar per phase (starting, injected, ending — or one "dry run" bar)
 * with the test body, the phases the test marked and the steady state beneath, and every event, in
 * a page that wraps within its width. Not public API.
 */
@API(status = INTERNAL, since = "0.1")
public final class HtmlTimeline {
  private static final String STYLE =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:100%}
      table{border-collapse:collapse;margin:1em 0;max-width:100%}
      td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
      td{overflow-wrap:anywhere}
      table.events{width:100%;table-layout:fixed}
      table.events col.num{width:5em}table.events col.time{width:16em}table.events col.kind{width:12em}
      table.events col.subject{width:22%}table.events col.state{width:10em}
      .lane{position:relative;height:22px;background:#f4f4f4;margin:4px 0;width:100%}
      .bar{position:absolute;top:0;height:22px;color:#fff;font-size:12px;overflow:hidden;white-space:nowrap}
      .starting{background:#8a8a8a}.injected{background:#c0392b}.ending{background:#e67e22}
      .body{background:#2e86c1}.label{width:8em;display:inline-block}
      .dryrun{background:repeating-linear-gradient(45deg,#5d6d7e,#5d6d7e 6px,#85929e 6px,#85929e 12px)}
      .phase{background:#f1c40f;color:#222;border-left:1px solid #222}
      .verified{background:#1e8449}.deviation{background:#8e44ad}.recovering{background:#16a085}
      .not-recovered{background:#7b241c}
      .passed{color:#1e8449}.failed{color:#c0392b}
      td.num{text-align:right;font-variant-numeric:tabular-nums}td.num,.nowrap{white-space:nowrap}
      """;

  /** Bars narrower than this share of the lane show their label only on hover. */
  private static final long MIN_LABELLED_PERCENT = 3;

  /** The events table's columns: offset, time, kind, subject, state, detail. */
  private static final String EVENT_COLUMNS =
      "<colgroup><col class=\"num\"><col class=\"time\"><col class=\"kind\">"
          + "<col class=\"subject\"><col class=\"state\"><col></colgroup>";

  private HtmlTimeline() {}

  /**
   * Writes the page.
   *
   * @param report what to render
   * @param file where
   * @throws IOException when the file cannot be written
   */
  public static void write(ExperimentReport report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  /** The page as text. */
  public static String render(ExperimentReport report) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(report.test() + " — " + report.template()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>")
        .append(escape(report.test()))
        .append("</h1>\n<table>");
    row(html, "Provider", report.provider());
    row(html, "Template", report.template() + " (" + report.templateId() + ")");
    row(html, "Experiment", report.experimentId());
    row(html, "Resource", report.resourceName());
    row(html, "Dry run", String.valueOf(report.dryRun()));
    row(html, "Final state", report.finalState());
    row(html, "Reason", report.reason());
    row(html, "Error", report.error());
    row(html, "Time to inject", text(report.timeToInject()));
    row(html, "Time to stop", text(report.timeToStop()));
    SteadyStateSummary steadyState = report.steadyState();
    if (steadyState != null) {
      row(html, "Steady state", steadyState.checks() + ": " + steadyState.outcome());
      row(html, "Time to recover", text(steadyState.timeToRecover()));
      row(html, "Recovery awaited", text(steadyState.recoveryAwaited()));
      row(html, "Deviations under fault", String.valueOf(steadyState.deviations()));
    }
    serviceReport(html, report);
    html.append("<tr><th>Outcome</th><td class=\"")
        .append(report.outcome().equals("passed") ? "passed" : "failed")
        .append("\">")
        .append(escape(report.outcome()))
        .append("</td></tr></table>\n");
    lanes(html, report);
    localTargets(html, report);
    reach(html, report);
    blastRadius(html, report.blastRadius());
    events(html, report);
    return html.append("</body></html>\n").toString();
  }

  /** What became of the service's own report; marked when it could not be fetched. */
  private static void serviceReport(StringBuilder html, ExperimentReport report) {
    ServiceReportStatus serviceReport = report.serviceReport();
    if (serviceReport == null) {
      return;
    }
    html.append("<tr><th>")
        .append(escape(serviceReport.title()))
        .append("</th><td")
        .append(serviceReport.unavailable() ? " class=\"failed\"" : "")
        .append(">")
        .append(escape(serviceReport.status()));
    for (String location : serviceReport.locations()) {
      html.append("<br>").append(escape(location));
    }
    html.append("</td></tr>");
  }

  private static void lanes(StringBuilder html, ExperimentReport report) {
    Instant origin = origin(report);
    Instant last = lastTime(report);
    if (report.startRequestedAt() == null || origin == null || last == null) {
      return;
    }
    long total = Math.max(1, Duration.between(origin, last).toMillis());
    Instant injectedUntil = firstNonNull(report.stopRequestedAt(), report.endedAt(), last);
    html.append("<h2>Timeline</h2>\n<div><span class=\"label\">")
        .append(report.dryRun() ? "dry run" : "experiment")
        .append("</span></div>");
    html.append("<div class=\"lane\">");
    if (report.dryRun()) {
      // Nothing is injected: one bar from the start request to the end, labelled as what it is.
      bar(
          html,
          "dryrun",
          "dry run (nothing injected)",
          origin,
          report.startRequestedAt(),
          firstNonNull(report.endedAt(), last),
          total);
    } else {
      Instant startingUntil = firstNonNull(report.injectedAt(), injectedUntil);
      bar(html, "starting", "starting", origin, report.startRequestedAt(), startingUntil, total);
    }
    if (!report.dryRun() && report.injectedAt() != null) {
      bar(html, "injected", "injected", origin, report.injectedAt(), injectedUntil, total);
    }
    if (!report.dryRun() && report.stopRequestedAt() != null) {
      bar(
          html,
          "ending",
          "ending",
          origin,
          report.stopRequestedAt(),
          firstNonNull(report.endedAt(), last),
          total);
    }
    html.append("</div>\n<div><span class=\"label\">test body</span></div><div class=\"lane\">");
    if (report.bodyStartedAt() != null) {
      bar(
          html,
          "body",
          "body",
          origin,
          report.bodyStartedAt(),
          firstNonNull(report.bodyEndedAt(), last),
          total);
    }
    html.append("</div>\n");
    phaseLane(html, report, origin, last, total);
    if (report.steadyState() != null) {
      steadyStateLane(html, report, origin, last, total);
    }
  }

  /**
   * The phases the test named with {@code mark()}: each from its mark to the next one, the last to
   * the end of the body.
   */
  private static void phaseLane(
      StringBuilder html, ExperimentReport report, Instant origin, Instant last, long total) {
    List<TimelineEvent> phases =
        report.timeline().stream().filter(event -> event.kind() == Kind.PHASE).toList();
    if (phases.isEmpty()) {
      return;
    }
    html.append("<div><span class=\"label\">phases</span></div><div class=\"lane\">");
    Instant phasesEnd = firstNonNull(report.bodyEndedAt(), last);
    for (int i = 0; i < phases.size(); i++) {
      TimelineEvent phase = phases.get(i);
      Instant until = i + 1 < phases.size() ? phases.get(i + 1).time() : phasesEnd;
      if (until.isBefore(phase.time())) {
        until = phase.time();
      }
      bar(html, "phase", phase.subject(), origin, phase.time(), until, total);
    }
    html.append("</div>\n");
  }

  /** Verification, each deviation under the fault, and the time from the end to recovery. */
  private static void steadyStateLane(
      StringBuilder html, ExperimentReport report, Instant origin, Instant last, long total) {
    html.append("<div><span class=\"label\">steady state</span></div><div class=\"lane\">");
    for (TimelineEvent event : report.timeline()) {
      switch (event.kind()) {
        case STEADY_STATE_VERIFIED ->
            bar(html, "verified", "verified", origin, event.time(), event.time(), total);
        case DEVIATION ->
            bar(html, "deviation", "deviation", origin, event.time(), event.time(), total);
        default -> {}
      }
    }
    SteadyStateSummary steadyState = report.steadyState();
    if (report.endedAt() != null && steadyState.recoveryAwaited() != null) {
      boolean recovered = steadyState.recoveredAt() != null;
      bar(
          html,
          recovered ? "recovering" : "not-recovered",
          (recovered ? "recovered in " : "not recovered after ")
              + steadyState.recoveryAwaited().toMillis()
              + " ms",
          origin,
          report.endedAt(),
          report.endedAt().plus(steadyState.recoveryAwaited()),
          total);
    }
    html.append("</div>\n");
  }

  private static void bar(
      StringBuilder html,
      String css,
      String label,
      Instant origin,
      Instant from,
      Instant to,
      long total) {
    long left = Duration.between(origin, from).toMillis();
    long width = Math.max(0, Duration.between(from, to).toMillis());
    long shown = Math.max(width, total / 200);
    html.append("<div class=\"bar ")
        .append(css)
        .append("\" style=\"left:")
        .append(percent(left, total))
        .append("%;width:")
        .append(percent(shown, total))
        .append("%\" title=\"")
        .append(escape(label + " " + width + " ms"))
        .append("\">")
        // A clipped first letter reads as noise: a bar too narrow for its label keeps it as title.
        .append(shown * 100 < total * MIN_LABELLED_PERCENT ? "" : escape(label))
        .append("</div>");
  }

  /** What the embedded emulator's local targets did with requests while the experiment ran. */
  private static void localTargets(StringBuilder html, ExperimentReport report) {
    if (report.localTargets().isEmpty()) {
      return;
    }
    html.append("<h2>Local targets</h2>\n<table><tr><th>kind</th><th>resource</th><th>proxy</th>")
        .append("<th>requests</th><th>delayed</th><th>aborted</th><th>passed</th>")
        .append("<th>upstream failures</th></tr>\n");
    for (LocalTargetTraffic target : report.localTargets()) {
      LocalTargetTraffic.Counters counters = target.counters();
      html.append("<tr><td>")
          .append(escape(target.kind()))
          .append("</td><td>")
          .append(escape(target.resource()))
          .append("</td><td>")
          .append(escape(target.uri()))
          .append("</td>");
      for (long count :
          new long[] {
            counters.requests(),
            counters.delayed(),
            counters.aborted(),
            counters.passed(),
            counters.upstreamFailures()
          }) {
        html.append("<td class=\"num\">").append(count).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  /** Where each action reached: the proof that an offline fault reached the application. */
  private static void reach(StringBuilder html, ExperimentReport report) {
    if (report.reach().isEmpty()) {
      return;
    }
    html.append("<h2>Where the faults reached</h2>\n<table><tr><th>action</th><th>type</th>")
        .append("<th>status</th><th>felt</th><th>targets</th><th>local targets</th>")
        .append("<th>detail</th></tr>\n");
    for (ActionReach reach : report.reach()) {
      html.append("<tr><td>")
          .append(escape(reach.action()))
          .append("</td><td>")
          .append(escape(reach.actionType()))
          .append("</td><td")
          .append(reach.unreached() ? " class=\"failed\"" : "")
          .append(">")
          .append(escape(reach.status()))
          .append("</td><td")
          .append(ActionReach.NOT_FELT.equals(reach.verdict()) ? " class=\"failed\"" : "")
          .append(">")
          .append(escape(reach.verdict()))
          .append(reach.reached() ? " (" + count(reach.trafficWhileOn()) + ")" : "")
          .append("</td><td>")
          .append(escape(String.join(", ", reach.targets())))
          .append("</td><td>")
          .append(escape(String.join(", ", reach.localTargets())))
          .append("</td><td>")
          .append(escape(reach.effect().isEmpty() ? reach.detail() : reach.effect()))
          .append(reach.remedy().isEmpty() ? "" : "<br>" + escape(reach.remedy()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  /** "1 request or connection", "3 requests or connections". */
  private static String count(long traffic) {
    return traffic + (traffic == 1 ? " request or connection" : " requests or connections");
  }

  /** What the service says the faults reached: resources, and accounts of a multi-account run. */
  private static void blastRadius(StringBuilder html, BlastRadius radius) {
    if (radius.targets().isEmpty() && radius.accounts().isEmpty() && radius.note().isEmpty()) {
      return;
    }
    html.append("<h2>Blast radius</h2>\n");
    if (!radius.note().isEmpty()) {
      html.append("<p>").append(escape(radius.note())).append("</p>\n");
    }
    if (!radius.targets().isEmpty()) {
      html.append("<table><tr><th>target</th><th>resource type</th><th>resource</th>")
          .append("<th>account</th></tr>\n");
      for (ResolvedTarget target : radius.targets()) {
        html.append("<tr><td>")
            .append(escape(target.target()))
            .append("</td><td>")
            .append(escape(target.resourceType()))
            .append("</td><td>")
            .append(escape(target.identifier()))
            .append("</td><td>")
            .append(escape(target.account()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    if (!radius.accounts().isEmpty()) {
      html.append("<table><tr><th>target account</th><th>role</th><th>description</th></tr>\n");
      for (TargetAccount account : radius.accounts()) {
        html.append("<tr><td>")
            .append(escape(account.accountId()))
            .append("</td><td>")
            .append(escape(account.roleArn()))
            .append("</td><td>")
            .append(escape(account.description()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
  }

  private static void events(StringBuilder html, ExperimentReport report) {
    html.append("<h2>Events</h2>\n<table class=\"events\">")
        .append(EVENT_COLUMNS)
        .append("<tr><th>+ms</th><th>time</th><th>event</th>")
        .append("<th>subject</th><th>state</th><th>detail</th></tr>\n");
    Instant origin = origin(report);
    for (TimelineEvent event : report.timeline()) {
      html.append("<tr><td class=\"num\">")
          .append(origin == null ? "" : Duration.between(origin, event.time()).toMillis())
          .append("</td><td class=\"nowrap\">")
          .append(event.time().truncatedTo(ChronoUnit.MILLIS))
          .append("</td><td>")
          .append(event.kind())
          .append("</td><td>")
          .append(escape(event.subject()))
          .append("</td><td>")
          .append(escape(event.state()))
          .append("</td><td>")
          .append(escape(event.detail()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  /** The first event: the steady-state check before the start, else the start request. */
  private static Instant origin(ExperimentReport report) {
    return report.timeline().isEmpty()
        ? report.startRequestedAt()
        : report.timeline().get(0).time();
  }

  private static Instant lastTime(ExperimentReport report) {
    return report.timeline().isEmpty()
        ? null
        : report.timeline().get(report.timeline().size() - 1).time();
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String percent(long part, long total) {
    return String.format(java.util.Locale.ROOT, "%.2f", Math.min(100.0, 100.0 * part / total));
  }

  private static void row(StringBuilder html, String name, String value) {
    if (value != null && !value.isEmpty()) {
      html.append("<tr><th>")
          .append(name)
          .append("</th><td>")
          .append(escape(value))
          .append("</td></tr>");
    }
  }

  private static String text(Duration duration) {
    return duration == null ? "" : duration.toMillis() + " ms";
  }

  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
