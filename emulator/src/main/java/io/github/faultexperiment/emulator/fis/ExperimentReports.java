package io.github.faultexperiment.emulator.fis;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.s3.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes an ended experiment's report PDF into the emulator's S3, where the template's {@code
 * experimentReportConfiguration.outputs.s3Configuration} says, and names it in {@code s3Reports} —
 * or, as the {@link ReportOutcome} in force says, fails or leaves the object out.
 */
final class ExperimentReports {
  private final ObjectStore objects;
  private final Supplier<ReportOutcome> outcome;

  ExperimentReports(ObjectStore objects, Supplier<ReportOutcome> outcome) {
    this.objects = objects;
    this.outcome = outcome;
  }

  /**
   * Writes the report of an ended experiment.
   *
   * @throws IllegalStateException when the outcome in force is {@link ReportOutcome#FAILED}; its
   *     message becomes the report's reason
   */
  void write(Experiment experiment) {
    ReportOutcome planned = outcome.get();
    String bucket;
    String key;
    List<String> lines = new ArrayList<>();
    synchronized (experiment) {
      JsonNode s3 =
          experiment
              .definition
              .path("experimentReportConfiguration")
              .path("outputs")
              .path("s3Configuration");
      bucket = s3.path("bucketName").asText();
      String prefix = s3.path("prefix").asText("");
      key =
          (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/")
              + experiment.id
              + "/"
              + experiment.id
              + "-report.pdf";
      if (planned == ReportOutcome.FAILED) {
        throw new IllegalStateException(
            "Access Denied writing s3://"
                + bucket
                + "/"
                + key
                + " (the emulator's report outcome is FAILED)");
      }
      lines.add("Experiment: " + experiment.id);
      lines.add("Template: " + experiment.templateId + " - " + experiment.templateDescription);
      lines.add("State: " + experiment.status + " - " + experiment.reason);
      if (experiment.errorCode != null) {
        lines.add("Error: " + experiment.errorCode);
      }
      lines.add("Start: " + experiment.startTime + "   End: " + experiment.endTime);
      lines.add("");
      lines.add("Actions");
      experiment.actions.forEach(
          (name, action) ->
              lines.add(
                  "  "
                      + name
                      + " ("
                      + action.actionId
                      + "): "
                      + action.status
                      + ", "
                      + (action.startTime == null ? "not started" : action.startTime)
                      + " - "
                      + (action.endTime == null ? "" : action.endTime)
                      + (action.resolvedTargets.isEmpty()
                          ? ""
                          : ", targets " + action.resolvedTargets)));
      lines.add("");
      lines.add("Timeline");
      experiment.timeline().forEach(entry -> lines.add("  " + entry));
    }
    if (planned == ReportOutcome.WRITTEN) {
      byte[] pdf = ReportPdf.render("AWS FIS experiment report (emulated)", lines);
      objects.put(bucket, key, pdf, "application/pdf");
    }
    synchronized (experiment) {
      experiment.s3Reports.add("arn:aws:s3:::" + bucket + "/" + key);
    }
  }
}
