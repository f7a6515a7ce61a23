package io.github.faultexperiment.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gate reads of a {@code summary.json} (its schema: docs/reports.md). Fields added by
 * later versions of the extension are ignored; {@code unfeltAcknowledged}, which not every version
 * writes, counts as zero when absent.
 *
 * @param file where it was read from
 * @param schemaVersion the shape's version
 * @param runId the run (build) that wrote it
 * @param generatedAt when it was last written
 * @param experiments experiments the service started, dry runs not counted
 * @param failed entries that failed
 * @param leftRunning started experiments never confirmed ended
 * @param aborted aborted (skipped) tests
 * @param dryRuns dry runs
 * @param acknowledgedUnfelt faults acknowledged as not felt by the application
 * @param entries the entries, in the summary's order
 */
record RunSummaryFile(
    Path file,
    int schemaVersion,
    String runId,
    Instant generatedAt,
    int experiments,
    int failed,
    int leftRunning,
    int aborted,
    int dryRuns,
    int acknowledgedUnfelt,
    List<Entry> entries) {

  /** The schema version this plugin reads. */
  static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One entry: an experiment, or a test whose experiment never started.
   *
   * @param test the test ("Class.method")
   * @param template the template reference
   * @param experimentId the service's experiment id, or empty
   * @param outcome {@code passed}, or the failure
   * @param passed whether it passed
   * @param aborted whether the test was aborted
   * @param leftRunning whether the experiment was never confirmed ended
   * @param acknowledgedUnfelt whether it holds a fault acknowledged as not felt
   */
  record Entry(
      String test,
      String template,
      String experimentId,
      String outcome,
      boolean passed,
      boolean aborted,
      boolean leftRunning,
      boolean acknowledgedUnfelt) {

    boolean failed() {
      return !passed && !aborted;
    }

    /** E.g. {@code CheckoutTests.survives (checkout-delay)}. */
    String name() {
      return template.isEmpty() ? test : test + " (" + template + ")";
    }
  }

  /**
   * Reads a summary.
   *
   * @param file the {@code summary.json}
   * @throws IOException when it cannot be read or is not JSON
   * @throws IllegalArgumentException when it is JSON but not a run summary this plugin reads
   */
  static RunSummaryFile read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("it holds no JSON object");
    }
    int version = root.path("schemaVersion").asInt(0);
    if (version != SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          (root.has("schemaVersion")
                  ? "its schemaVersion is " + root.get("schemaVersion")
                  : "it has no schemaVersion (an extension older than this plugin wrote it)")
              + "; this plugin reads schemaVersion "
              + SCHEMA_VERSION
              + ": use the plugin and the extension of one release (fault-experiment-bom)");
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode entry : root.path("entries")) {
      entries.add(
          new Entry(
              entry.path("test").asText(""),
              entry.path("template").asText(""),
              entry.path("experimentId").asText(""),
              entry.path("outcome").asText(""),
              entry.path("passed").asBoolean(false),
              entry.path("aborted").asBoolean(false),
              entry.path("leftRunning").asBoolean(false),
              present(unfelt(entry))));
    }
    return new RunSummaryFile(
        file,
        version,
        required(root, "runId").asText(),
        generatedAt(required(root, "generatedAt").asText()),
        required(root, "experiments").asInt(),
        required(root, "failed").asInt(),
        required(root, "leftRunning").asInt(),
        required(root, "aborted").asInt(),
        root.path("dryRuns").asInt(0),
        count(unfelt(root)),
        entries);
  }

  /** {@code unfeltAcknowledged} as the extension writes it; absent in summaries that predate it. */
  private static JsonNode unfelt(JsonNode node) {
    return node.has("unfeltAcknowledged")
        ? node.get("unfeltAcknowledged")
        : node.get("acknowledgedUnfelt");
  }

  private static JsonNode required(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("it has no " + field);
    }
    return value;
  }

  private static Instant generatedAt(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("its generatedAt '" + text + "' is not an instant", e);
    }
  }

  /** A count, a list of acknowledged actions, or a flag: how many it says. */
  private static int count(JsonNode value) {
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.isArray()) {
      return value.size();
    }
    if (value.isBoolean()) {
      return value.asBoolean() ? 1 : 0;
    }
    return value.asInt(0);
  }

  private static boolean present(JsonNode value) {
    return count(value) > 0;
  }
}
