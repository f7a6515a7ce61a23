package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.faultexperiment.spi.BlastRadius;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apiguardian.api.API;

/** Writes a run's {@code summary.json} and {@code index.html}. Not public API. */
@API(status = INTERNAL, since = "0.1")
public final class SummaryWriter {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private static final String STYLE =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
      table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
      th{background:#f4f4f4}.nowrap{white-space:nowrap}
      td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
      .passed{color:#1e8449}.failed{color:#c0392b}
      """;

  private SummaryWriter() {}

  /**
   * Writes both files into the report directory, each replaced whole (another fork may be reading).
   *
   * @param directory the run's report directory
   * @param summary what to write
   * @return the summary written
   * @throws UncheckedIOException when a file cannot be written
   */
  public static RunSummary write(Path directory, RunSummary summary) {
    Path root = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
      replace(root.resolve("summary.json"), MAPPER.writeValueAsString(summary));
      replace(root.resolve("index.html"), html(summary));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the run summary under " + root, e);
    }
    return summary;
  }

  private static void replace(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The summary's entry for one published report.
   *
   * @param directory the run's report directory, which links are relative to
   * @param published the report
   */
  public static RunSummary.Entry entry(Path directory, PublishedReports.Published published) {
    Path root = directory.toAbsolutePath().normalize();
    ExperimentReport report = published.report();
    // An experiment that never started has neither a stop request nor an end.
    Instant faultEnded =
        report.stopRequestedAt() != null ? report.stopRequestedAt() : report.endedAt();
    boolean started = report.experimentId() != null && !report.experimentId().isEmpty();
    return new RunSummary.Entry(
        report.test(),
        report.testId(),
        report.template(),
        report.provider(),
        report.experimentId(),
        started,
        report.dryRun(),
        report.startRequestedAt(),
        report.outcome(),
        "passed".equals(report.outcome()),
        aborted(report),
        report.finalState(),
        started && report.endedAt() == null,
        report.timeToInject(),
        between(report.injectedAt(), faultEnded),
        report.timeToStop(),
        relative(root, published.html()),
        relative(root, published.json()),
        report.localTargets().stream()
            .map(LocalTargetTraffic::counters)
            .reduce(LocalTargetTraffic.Counters::plus)
            .orElse(null),
        blastRadius(report.blastRadius()),
        (int)
            report.reach().stream()
                .filter(reach -> ActionReach.ACKNOWLEDGED.equals(reach.verdict()))
                .count());
  }

  /** Whether the report's outcome event says the test was aborted. */
  private static boolean aborted(ExperimentReport report) {
    return report.timeline().stream()
        .anyMatch(e -> e.kind() == TimelineEvent.Kind.OUTCOME && "aborted".equals(e.state()));
  }

  /** E.g. "3 resources", "3 resources in 2 accounts", or the note when there is nothing else. */
  private static String blastRadius(BlastRadius radius) {
    if (radius.targets().isEmpty() && radius.accounts().isEmpty()) {
      return radius.note();
    }
    int accounts = radius.accounts().size();
    return count(radius.targets().size(), "resource")
        + (accounts == 0 ? "" : " in " + count(accounts, "account"));
  }

  private static String html(RunSummary summary) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Fault experiments</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>Fault experiments</h1>\n<p>")
        .append(count(summary.experiments(), "experiment"))
        .append(" started, <span class=\"")
        .append(summary.failed() == 0 ? "passed" : "failed")
        .append("\">")
        .append(summary.failed())
        .append(" failed</span>");
    if (summary.notStarted() > 0) {
      html.append(" (")
          .append(summary.notStarted())
          .append(" before ")
          .append(summary.notStarted() == 1 ? "its" : "their")
          .append(" experiment started)");
    }
    if (summary.leftRunning() > 0) {
      html.append(", <span class=\"failed\">")
          .append(summary.leftRunning())
          .append(" left running</span>");
    }
    html.append(summary.aborted() == 0 ? "" : ", " + summary.aborted() + " aborted")
        .append(summary.dryRuns() == 0 ? "" : ", " + count(summary.dryRuns(), "dry run"));
    if (summary.unfeltAcknowledged() > 0) {
      html.append(", ")
          .append(count(summary.unfeltAcknowledged(), "fault action"))
          .append(" not felt, acknowledged");
    }
    html.append(" — written ")
        .append(summary.generatedAt().truncatedTo(ChronoUnit.SECONDS))
        .append("</p>\n<p class=\"")
        .append(summary.gate().passed() ? "passed" : "failed")
        .append("\">Gate: ")
        .append(HtmlTimeline.escape(summary.gate().verdict()))
        .append("</p>\n");
    html.append("<table><tr><th>Test</th><th>Template</th><th>Provider</th><th>Outcome</th>")
        .append("<th>Time to inject</th><th>Time under fault</th><th>Time to stop</th>")
        .append("<th>Local traffic</th><th>Blast radius</th><th>Timeline</th></tr>\n");
    for (RunSummary.Entry entry : summary.entries()) {
      html.append("<tr><td>")
          .append(HtmlTimeline.escape(entry.test()))
          .append("</td><td class=\"nowrap\">")
          .append(HtmlTimeline.escape(entry.template()))
          .append(entry.dryRun() ? " <em>(dry run)</em>" : "")
          .append("</td><td>")
          .append(HtmlTimeline.escape(entry.provider()))
          .append("</td><td class=\"")
          .append(entry.passed() ? "passed" : "failed")
          .append("\">")
          .append(entry.started() || entry.passed() || entry.aborted() ? "" : "not started: ")
          .append(HtmlTimeline.escape(entry.outcome()))
          .append("</td>");
      cell(html, entry.timeToInject());
      cell(html, entry.timeUnderFault());
      cell(html, entry.timeToStop());
      html.append("<td>").append(traffic(entry.localTraffic())).append("</td>");
      html.append("<td>").append(HtmlTimeline.escape(entry.blastRadius())).append("</td><td>");
      if (entry.timeline() != null) {
        html.append("<a href=\"")
            .append(HtmlTimeline.escape(entry.timeline()))
            .append("\" title=\"")
            .append(HtmlTimeline.escape(entry.experimentId()))
            .append("\">timeline</a>");
      }
      html.append("</td></tr>\n");
    }
    return html.append("</table>\n</body></html>\n").toString();
  }

  private static void cell(StringBuilder html, Duration duration) {
    html.append("<td class=\"num\">")
        .append(duration == null ? "" : duration.toMillis() + " ms")
        .append("</td>");
  }

  /** E.g. "1 request: 1 delayed, 0 aborted", or nothing without local targets. */
  private static String traffic(LocalTargetTraffic.Counters counters) {
    return counters == null
        ? ""
        : count(counters.requests(), "request")
            + ": "
            + counters.delayed()
            + " delayed, "
            + counters.aborted()
            + " aborted";
  }

  /** "1 request", "2 requests", "0 requests": a count with its noun in correct English. */
  static String count(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to);
  }

  /** A relative link that works from the summary's directory in a browser (percent-encoded). */
  private static String relative(Path root, Path file) {
    return root.toUri().relativize(file.toUri()).toString();
  }
}
