package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.spi.ReportArtifact;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts an experiment's reports where people and CI look: files under the report directory (Surefire
 * and Failsafe drop published files), {@link ExtensionContext#publishFile} (Open Test Reporting
 * shows them), one {@code [[ATTACHMENT|path]]} line per file on stdout (Jenkins junit-attachments),
 * report entries with the key facts, and the run summary ({@code RunSummaryListener}). Not public
 * API.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportPublisher {
  private static final System.Logger LOG = System.getLogger(ReportPublisher.class.getName());

  private final ExtensionContext context;
  private final PrintStream out;

  /**
   * Creates a publisher for one test (or test class).
   *
   * @param context the JUnit context the files belong to
   * @param out where attachment lines go
   */
  public ReportPublisher(ExtensionContext context, PrintStream out) {
    this.context = context;
    this.out = out;
  }

  /**
   * Writes and publishes the JSON report, the HTML timeline and the service's own artifacts.
   *
   * @param directory where to write, created if missing
   * @param baseName file name without extension, e.g. the template
   * @param report the report
   * @param artifacts the service's files, already written
   * @return every file published
   */
  public List<Path> publish(
      Path directory, String baseName, ExperimentReport report, List<ReportArtifact> artifacts) {
    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(directory);
      Path json = directory.resolve(baseName + ".json");
      JsonReport.write(report, json);
      Path html = directory.resolve(baseName + ".html");
      HtmlTimeline.write(report, html);
      files.add(json);
      files.add(html);
      PublishedReports.add(report, json, html);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the experiment report under " + directory, e);
    }
    attach(files.get(0), MediaType.APPLICATION_JSON);
    attach(files.get(1), MediaType.create("text", "html", java.nio.charset.StandardCharsets.UTF_8));
    for (ReportArtifact artifact : artifacts) {
      attach(artifact.file(), MediaType.parse(artifact.mediaType()));
      files.add(artifact.file());
    }
    context.publishReportEntry(entries(report));
    return files;
  }

  private void attach(Path file, MediaType mediaType) {
    Path absolute = file.toAbsolutePath();
    out.println("[[ATTACHMENT|" + absolute + "]]");
    try {
      context.publishFile(
          absolute.getFileName().toString(),
          mediaType,
          target -> Files.copy(absolute, target, StandardCopyOption.REPLACE_EXISTING));
    } catch (RuntimeException e) {
      // The file is on disk and announced on stdout; a launcher without an output directory
      // must not turn a finished experiment into a failed test.
      LOG.log(Level.WARNING, "Could not publish " + absolute + " to the test results", e);
    }
  }

  private static Map<String, String> entries(ExperimentReport report) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("faultexperiment.template", report.template());
    entries.put("faultexperiment.experimentId", report.experimentId());
    entries.put("faultexperiment.resource", report.resourceName());
    entries.put("faultexperiment.finalState", report.finalState());
    if (report.timeToInject() != null) {
      entries.put("faultexperiment.timeToInject", report.timeToInject().toString());
    }
    if (report.timeToStop() != null) {
      entries.put("faultexperiment.timeToStop", report.timeToStop().toString());
    }
    entries.put("faultexperiment.outcome", report.outcome());
    if (report.serviceReport() != null) {
      entries.put("faultexperiment.serviceReport", report.serviceReport().status());
    }
    entries.values().removeIf(value -> value == null || value.isEmpty());
    return entries;
  }
}
