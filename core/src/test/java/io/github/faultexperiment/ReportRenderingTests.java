package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.report.ActionReach;
import io.github.faultexperiment.report.ExperimentReport;
import io.github.faultexperiment.report.HtmlTimeline;
import io.github.faultexperiment.report.JsonReport;
import io.github.faultexperiment.report.LocalTargetTraffic;
import io.github.faultexperiment.report.PublishedReports;
import io.github.faultexperiment.report.RunSummary;
import io.github.faultexperiment.report.ServiceReportStatus;
import io.github.faultexperiment.report.SteadyStateSummary;
import io.github.faultexperiment.report.SummaryWriter;
import io.github.faultexperiment.report.TimelineEvent;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ActionSnapshot;
import io.github.faultexperiment.spi.BlastRadius;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Outcome;
import io.github.faultexperiment.spi.Phase;
import io.github.faultexperiment.spi.ResolvedTarget;
import io.github.faultexperiment.spi.TargetAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportRenderingTests {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static ExperimentSnapshot snapshot(
      String state, Phase phase, String actionState, Phase actionPhase, int millis) {
    return new ExperimentSnapshot(
        "EXP1",
        "arn:aws:fis:us-east-1:123456789012:experiment/EXP1",
        "EXT1",
        phase,
        phase == Phase.ENDED ? Outcome.STOPPED : Outcome.NONE,
        state,
        "",
        "",
        List.of(
            new ActionSnapshot(
                "cpu", "aws:ssm:send-command", actionPhase, actionState, "", null, null)),
        null,
        null,
        Optional.empty(),
        Map.of(),
        T0.plusMillis(millis));
  }

  @Test
  void recorderKeepsOnlyChanges() {
    TimelineRecorder recorder = new TimelineRecorder(Clock.fixed(T0, ZoneOffset.UTC));

    recorder.observe(snapshot("initiating", Phase.STARTING, "pending", Phase.STARTING, 0));
    recorder.observe(snapshot("initiating", Phase.STARTING, "pending", Phase.STARTING, 50));
    recorder.observe(snapshot("running", Phase.INJECTED, "pending", Phase.STARTING, 100));
    recorder.observe(snapshot("running", Phase.INJECTED, "running", Phase.INJECTED, 150));

    assertThat(recorder.events())
        .extracting(TimelineEvent::kind, TimelineEvent::subject, TimelineEvent::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.EXPERIMENT_STATE, "EXP1", "initiating"),
            org.assertj.core.groups.Tuple.tuple(Kind.ACTION_STATE, "cpu", "pending"),
            org.assertj.core.groups.Tuple.tuple(Kind.EXPERIMENT_STATE, "EXP1", "running"),
            org.assertj.core.groups.Tuple.tuple(Kind.ACTION_STATE, "cpu", "running"));
    assertThat(recorder.events().get(3).time()).isEqualTo(T0.plusMillis(150));
  }

  private static ExperimentReport report(String outcome) {
    List<TimelineEvent> events =
        new java.util.ArrayList<>(
            List.of(
                new TimelineEvent(T0, Kind.START_REQUESTED, "", "", "EXT1"),
                new TimelineEvent(T0.plusMillis(200), Kind.INJECTED, "EXP1", "running", ""),
                new TimelineEvent(T0.plusMillis(210), Kind.BODY_STARTED, "Shop.checkout", "", ""),
                new TimelineEvent(
                    T0.plusMillis(400), Kind.BODY_ENDED, "Shop.checkout", "failed", "<boom>"),
                new TimelineEvent(T0.plusMillis(410), Kind.STOP_REQUESTED, "EXP1", "running", ""),
                new TimelineEvent(T0.plusMillis(600), Kind.ENDED, "EXP1", "stopped", "")));
    if (!outcome.equals("passed")) {
      // how ExperimentReportAssembly closes the timeline of a test that did not pass
      events.add(
          new TimelineEvent(
              T0.plusMillis(610),
              Kind.OUTCOME,
              "EXP1",
              outcome.startsWith("TestAbortedException") ? "aborted" : "failed",
              outcome));
    }
    return new ExperimentReport(
        "AWS",
        "Shop.checkout",
        "[engine:junit-jupiter]/[class:Shop]/[method:checkout()]",
        "checkout-az-outage",
        "EXT1",
        "checkout-az-outage",
        "EXP1",
        "arn:aws:fis:us-east-1:123456789012:experiment/EXP1",
        false,
        T0,
        T0.plusMillis(200),
        T0.plusMillis(210),
        T0.plusMillis(400),
        T0.plusMillis(410),
        T0.plusMillis(600),
        Duration.ofMillis(200),
        Duration.ofMillis(190),
        "stopped",
        "Experiment stopped by user.",
        "",
        outcome,
        events,
        Map.of("reportLocation", "s3://reports/EXP1.pdf"),
        List.of(),
        new ServiceReportStatus(
            "FIS report",
            "download failed: NoSuchKey (HTTP 404, request id R1): <gone>",
            true,
            List.of("arn:aws:s3:::reports/EXP1/EXP1-report.pdf")),
        SteadyStateSummary.of(events),
        List.of(
            new LocalTargetTraffic(
                "LAMBDA_FUNCTION",
                "arn:aws:lambda:us-east-1:123456789012:function:pricing",
                "http://127.0.0.1:41234",
                new LocalTargetTraffic.Counters(4, 3, 1, 3, 0))),
        List.of(
            new ActionReach(
                "delay",
                "aws:lambda:invocation-add-delay",
                "REACHED",
                List.of("arn:aws:lambda:us-east-1:123456789012:function:pricing"),
                List.of("arn:aws:lambda:us-east-1:123456789012:function:pricing"),
                "delay 500 ms",
                "",
                "",
                4,
                ActionReach.FELT),
            new ActionReach(
                "cpu",
                "aws:ssm:send-command",
                ActionReach.UNREACHED,
                List.of("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"),
                List.of(),
                "",
                "no local target stands for arn:aws:ec2:us-east-1:123456789012:instance/i-0abc",
                "register one before the experiment starts",
                0,
                ActionReach.NOT_FELT)),
        new BlastRadius(
            List.of(
                new ResolvedTarget(
                    "functions",
                    "aws:lambda:function",
                    "arn:aws:lambda:us-east-1:123456789012:function:pricing",
                    "123456789012")),
            List.of(new TargetAccount("210987654321", "arn:aws:iam::210987654321:role/fis", "<b>")),
            ""),
        Duration.ZERO);
  }

  @Test
  void runSummaryCountsAbortedTestsApartFromFailedOnesAndShowsTheBlastRadius(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path reports) throws Exception {
    java.nio.file.Path json = reports.resolve("r.json");
    java.nio.file.Path html = reports.resolve("r.html");
    java.nio.file.Files.writeString(json, "{}");
    java.nio.file.Files.writeString(html, "");

    List<PublishedReports.Published> published =
        List.of(
            new PublishedReports.Published(report("passed"), json, html),
            new PublishedReports.Published(
                report("TestAbortedException: the FIS safety lever is engaged"), json, html),
            new PublishedReports.Published(report("AssertionError: slow"), json, html));
    SummaryWriter.write(
        reports,
        RunSummary.of(
            "run 1",
            T0.plusSeconds(5),
            published.stream().map(p -> SummaryWriter.entry(reports, p)).toList(),
            false));

    JsonNode summary = new ObjectMapper().readTree(reports.resolve("summary.json").toFile());
    assertThat(summary.get("experiments").asInt()).isEqualTo(3);
    assertThat(summary.get("failed").asInt()).isEqualTo(1);
    assertThat(summary.get("aborted").asInt()).isEqualTo(1);
    assertThat(summary.get("gate").get("passed").asBoolean()).isFalse();
    assertThat(summary.get("entries").findValuesAsText("blastRadius"))
        .containsOnly("1 resource in 1 account");
    assertThat(java.nio.file.Files.readString(reports.resolve("index.html")))
        .contains("3 experiments started", "1 failed</span>, 1 aborted")
        .contains("<td>1 resource in 1 account</td>");
  }

  @Test
  void blastRadiusIsInTheJsonAndATableOfTheHtml() throws Exception {
    ExperimentReport report = report("passed");

    JsonNode radius = new ObjectMapper().readTree(JsonReport.toJson(report)).get("blastRadius");
    assertThat(radius.get("targets").get(0).get("identifier").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:pricing");
    assertThat(radius.get("targets").get(0).get("account").asText()).isEqualTo("123456789012");
    assertThat(radius.get("accounts").get(0).get("accountId").asText()).isEqualTo("210987654321");
    assertThat(HtmlTimeline.render(report))
        .contains("<h2>Blast radius</h2>")
        .contains("<td>aws:lambda:function</td>")
        .contains("<td>210987654321</td>")
        .contains("&lt;b&gt;")
        .doesNotContain("<b>");
  }

  @Test
  void htmlSaysWhereEachFaultReachedAndMarksTheUnreached() {
    String html = HtmlTimeline.render(report("passed"));

    assertThat(html)
        .contains("Where the faults reached")
        .contains("aws:lambda:invocation-add-delay")
        .contains("<td class=\"failed\">UNREACHED</td>")
        .contains("<td class=\"failed\">not felt</td>")
        .contains("<td>felt (4 requests or connections)</td>")
        .contains("no local target stands for arn:aws:ec2:us-east-1:123456789012:instance/i-0abc")
        .contains("register one before the experiment starts");
  }

  @Test
  void jsonCarriesIsoTimesDurationsAndEvents() throws Exception {
    JsonNode json = new ObjectMapper().readTree(JsonReport.toJson(report("passed")));

    assertThat(json.path("experimentId").asText()).isEqualTo("EXP1");
    assertThat(json.path("injectedAt").asText()).isEqualTo("2026-01-01T10:00:00.200Z");
    assertThat(json.path("timeToInject").asText()).isEqualTo("PT0.2S");
    assertThat(json.path("finalState").asText()).isEqualTo("stopped");
    assertThat(json.path("details").path("reportLocation").asText())
        .isEqualTo("s3://reports/EXP1.pdf");
    assertThat(json.path("serviceReport").path("status").asText())
        .startsWith("download failed: NoSuchKey (HTTP 404");
    assertThat(json.path("serviceReport").path("unavailable").asBoolean()).isTrue();
    assertThat(json.path("serviceReport").path("locations").get(0).asText())
        .isEqualTo("arn:aws:s3:::reports/EXP1/EXP1-report.pdf");
    assertThat(json.path("timeline")).hasSize(6);
    assertThat(json.path("timeline").get(3).path("kind").asText()).isEqualTo("BODY_ENDED");
    assertThat(json.path("localTargets").get(0).path("uri").asText())
        .isEqualTo("http://127.0.0.1:41234");
    assertThat(json.path("localTargets").get(0).path("counters").path("delayed").asLong())
        .isEqualTo(3);
  }

  @Test
  void htmlIsSelfContainedAndEscapesWhatTheServiceSaid() {
    String html = HtmlTimeline.render(report("AssertionError: <expected> & got"));

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<style>")
        .doesNotContain("<script", "<link", "src=\"http")
        .contains("EXP1", "Experiment stopped by user.", "200 ms")
        .contains("AssertionError: &lt;expected&gt; &amp; got")
        .contains(
            "<th>FIS report</th><td class=\"failed\">download failed: NoSuchKey (HTTP 404,"
                + " request id R1): &lt;gone&gt;<br>")
        .contains("class=\"bar injected\"", "class=\"bar body\"", "class=\"bar ending\"")
        .doesNotContain("<boom>");
  }

  @Test
  void htmlTabulatesTheLocalTargetsCounters() {
    String html = HtmlTimeline.render(report("passed"));

    assertThat(html)
        .contains("<h2>Local targets</h2>", "http://127.0.0.1:41234")
        .contains(
            "<td class=\"num\">4</td><td class=\"num\">3</td><td class=\"num\">1</td>"
                + "<td class=\"num\">3</td><td class=\"num\">0</td>");
  }

  /** The same report as another run: dry or not, injected when, with these events. */
  private static ExperimentReport variant(
      boolean dryRun, Instant injectedAt, List<TimelineEvent> events) {
    ExperimentReport r = report("passed");
    return new ExperimentReport(
        r.provider(),
        r.test(),
        r.testId(),
        r.template(),
        r.templateId(),
        r.templateName(),
        r.experimentId(),
        r.resourceName(),
        dryRun,
        r.startRequestedAt(),
        injectedAt,
        r.bodyStartedAt(),
        r.bodyEndedAt(),
        r.stopRequestedAt(),
        r.endedAt(),
        injectedAt == null ? null : r.timeToInject(),
        r.timeToStop(),
        r.finalState(),
        r.reason(),
        r.error(),
        r.outcome(),
        events,
        r.details(),
        r.artifacts(),
        null,
        null,
        List.of(),
        List.of(),
        r.blastRadius(),
        r.overlapWait());
  }

  @Test
  void aDryRunIsDrawnAsOneDryRunBarWithNoInjectedEvent() {
    List<TimelineEvent> events =
        List.of(
            new TimelineEvent(T0, Kind.START_REQUESTED, "", "", "EXT1"),
            new TimelineEvent(T0.plusMillis(200), Kind.VALIDATED, "EXP1", "PREPARED", ""),
            new TimelineEvent(T0.plusMillis(210), Kind.BODY_STARTED, "Shop.checkout", "", ""),
            new TimelineEvent(T0.plusMillis(400), Kind.BODY_ENDED, "Shop.checkout", "", ""),
            new TimelineEvent(T0.plusMillis(600), Kind.ENDED, "EXP1", "COMPLETED", ""));

    String html = HtmlTimeline.render(variant(true, null, events));

    assertThat(html)
        .contains("<span class=\"label\">dry run</span>")
        .contains("class=\"bar dryrun\"")
        .contains(">dry run (nothing injected)<")
        .contains("<td>VALIDATED</td>")
        .doesNotContain("class=\"bar starting\"")
        .doesNotContain("class=\"bar injected\"")
        .doesNotContain("<td>INJECTED</td>");
  }

  @Test
  void markedPhasesAreDrawnOnTheTimelineEachUntilTheNext() {
    List<TimelineEvent> events =
        List.of(
            new TimelineEvent(T0, Kind.START_REQUESTED, "", "", "EXT1"),
            new TimelineEvent(T0.plusMillis(200), Kind.INJECTED, "EXP1", "running", ""),
            new TimelineEvent(T0.plusMillis(210), Kind.BODY_STARTED, "Shop.checkout", "", ""),
            new TimelineEvent(T0.plusMillis(250), Kind.PHASE, "warm-up", "", ""),
            new TimelineEvent(T0.plusMillis(300), Kind.PHASE, "under load", "", ""),
            new TimelineEvent(T0.plusMillis(400), Kind.BODY_ENDED, "Shop.checkout", "", ""),
            new TimelineEvent(T0.plusMillis(410), Kind.STOP_REQUESTED, "EXP1", "running", ""),
            new TimelineEvent(T0.plusMillis(600), Kind.ENDED, "EXP1", "stopped", ""));

    String html = HtmlTimeline.render(variant(false, T0.plusMillis(200), events));

    // 600 ms in all: warm-up from 250 to 300 ms, "under load" from 300 ms to the body's end.
    assertThat(html)
        .contains("<span class=\"label\">phases</span>")
        .contains(
            "<div class=\"bar phase\" style=\"left:41.67%;width:8.33%\" title=\"warm-up 50 ms\">")
        .contains(
            "<div class=\"bar phase\" style=\"left:50.00%;width:16.67%\""
                + " title=\"under load 100 ms\">under load</div>");
  }

  @Test
  void theEventsTableWrapsLongValuesWithinThePage() {
    String html = HtmlTimeline.render(report("passed"));

    assertThat(html)
        .contains("table.events{width:100%;table-layout:fixed}")
        .contains("td{overflow-wrap:anywhere}")
        .contains("<table class=\"events\"><colgroup>")
        .doesNotContain("class=\"nowrap\">arn:");
  }
}
