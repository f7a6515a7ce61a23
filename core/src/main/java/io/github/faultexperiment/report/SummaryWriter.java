package io.github.faultexperiment.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.faultexperiment.spi.BlastRadius;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Writes a run's {@code summary.json} and {@code index.html}. Not public API. */
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
   * Writes both files into the directory the reports were written under.
   *
   * @param directory the run's report directory
   * @param published the run's reports
   * @param generatedAt when the run ended
   * @return the summary written
   * @throws IOException when a file cannot be written
   */
  public static RunSummary write(
      Path directory, List<PublishedReports.Published> published, Instant generatedAt)
      throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    List<RunSummary.Entry> entries =
        published.stream()
            .sorted(
                Comparator.comparing(
                    (PublishedReports.Published p) -> p.report().startRequestedAt(),
                    Comparator.nullsLast(Comparator.naturalOrder())))
            .map(p -> entry(root, p))
            .toList();
    RunSummary summary = RunSummary.of(generatedAt, entries);
    Files.createDirectories(root);
    MAPPER.writeValue(root.resolve("summary.json").toFile(), summary);
    Files.writeString(root.resolve("index.html"), html(summary), StandardCharsets.UTF_8);
    return summary;
  }

  private static RunSummary.Entry entry(Path root, PublishedReports.Published published) {
    ExperimentReport report = published.report();
    Instant faultEnded = Objects.requireNonNullElse(report.stopRequestedAt(), report.endedAt());
    return new RunSummary.Entry(
        report.test(),
        report.testId(),
        report.template(),
        report.provider(),
        report.experimentId(),
        report.outcome(),
        "passed".equals(report.outcome()),
        aborted(report),
        report.finalState(),
        report.timeToInject(),
        between(report.injectedAt(), faultEnded),
        report.timeToStop(),
        relative(root, published.html()),
        relative(root, published.json()),
        report.localTargets().stream()
            .map(LocalTargetTraffic::counters)
            .reduce(LocalTargetTraffic.Counters::plus)
            .orElse(null),
        blastRadius(report.blastRadius()));
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
    int resources = radius.targets().size();
    int accounts = radius.accounts().size();
    return resources
        + (resources == 1 ? " resource" : " resources")
        + (accounts == 0 ? "" : " in " + accounts + (accounts == 1 ? " account" : " accounts"));
  }

  private static String html(RunSummary summary) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Fault experiments</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>Fault experiments</h1>\n<p>")
        .append(summary.experiments())
        .append(summary.experiments() == 1 ? " experiment, " : " experiments, ")
        .append("<span class=\"")
        .append(summary.failed() == 0 ? "passed" : "failed")
        .append("\">")
        .append(summary.failed())
        .append(" failed</span>")
        .append(summary.aborted() == 0 ? "" : ", " + summary.aborted() + " aborted")
        .append(" — run ended ")
        .append(summary.generatedAt().truncatedTo(ChronoUnit.SECONDS))
        .append("</p>\n<table><tr><th>Test</th><th>Template</th><th>Provider</th><th>Outcome</th>")
        .append("<th>Time to inject</th><th>Time under fault</th><th>Time to stop</th>")
        .append("<th>Local traffic</th><th>Blast radius</th><th>Timeline</th></tr>\n");
    for (RunSummary.Entry entry : summary.entries()) {
      html.append("<tr><td>")
          .append(HtmlTimeline.escape(entry.test()))
          .append("</td><td class=\"nowrap\">")
          .append(HtmlTimeline.escape(entry.template()))
          .append("</td><td>")
          .append(HtmlTimeline.escape(entry.provider()))
          .append("</td><td class=\"")
          .append(entry.passed() ? "passed" : "failed")
          .append("\">")
          .append(HtmlTimeline.escape(entry.outcome()))
          .append("</td>");
      cell(html, entry.timeToInject());
      cell(html, entry.timeUnderFault());
      cell(html, entry.timeToStop());
      html.append("<td>").append(traffic(entry.localTraffic())).append("</td>");
      html.append("<td>").append(HtmlTimeline.escape(entry.blastRadius())).append("</td>");
      html.append("<td><a href=\"")
          .append(HtmlTimeline.escape(entry.timeline()))
          .append("\" title=\"")
          .append(HtmlTimeline.escape(entry.experimentId()))
          .append("\">timeline</a></td></tr>\n");
    }
    return html.append("</table>\n</body></html>\n").toString();
  }

  private static void cell(StringBuilder html, Duration duration) {
    html.append("<td class=\"num\">")
        .append(duration == null ? "" : duration.toMillis() + " ms")
        .append("</td>");
  }

  /** E.g. "6 requests: 3 delayed, 0 aborted", or nothing without local targets. */
  private static String traffic(LocalTargetTraffic.Counters counters) {
    return counters == null
        ? ""
        : counters.requests()
            + " requests: "
            + counters.delayed()
            + " delayed, "
            + counters.aborted()
            + " aborted";
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to);
  }

  /** A relative link that works from the summary's directory in a browser (percent-encoded). */
  private static String relative(Path root, Path file) {
    return root.toUri().relativize(file.toUri()).toString();
  }
}
