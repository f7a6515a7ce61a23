package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.ReportArtifact;
import io.github.faultexperiment.spi.ServiceReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chaos Mesh writes no report of its own; what stands for one is the chaos object as last seen
 * (spec, records and their events, conditions) and the Kubernetes events about it, attached as two
 * JSON files.
 */
final class ChaosReports {
  static final String TITLE = "Chaos Mesh object and events";
  private static final ObjectMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ChaosReports() {}

  /**
   * Writes the object and its events under {@code directory}.
   *
   * @param ended the experiment
   * @param lastObject the object as last read, or {@code null} when it was never seen
   * @param client reads the events
   * @param directory where the files go
   */
  static ServiceReport write(
      ExperimentSnapshot ended, JsonNode lastObject, ChaosMeshClient client, Path directory) {
    ExperimentRef ref = ExperimentRef.parse(ended.id());
    List<ReportArtifact> artifacts = new ArrayList<>();
    try {
      Files.createDirectories(directory);
      if (lastObject != null) {
        Path object = directory.resolve(ref.name() + "-" + ref.kind().plural() + ".json");
        PRETTY.writeValue(object.toFile(), lastObject);
        artifacts.add(
            new ReportArtifact(
                object,
                ref.kind().kind() + " " + ref.namespace() + "/" + ref.name() + " as last seen",
                "application/json"));
      }
      List<JsonNode> events;
      try {
        String uid = lastObject == null ? "" : lastObject.path("metadata").path("uid").asText("");
        events =
            client.events(ref.namespace(), ref.name()).stream()
                .filter(
                    e ->
                        uid.isEmpty()
                            || uid.equals(e.path("involvedObject").path("uid").asText(uid)))
                .toList();
      } catch (CloudApiException e) {
        return new ServiceReport(
            TITLE, "failed: " + e.getMessage(), true, List.of(ref.path()), artifacts);
      }
      Path file = directory.resolve(ref.name() + "-events.json");
      PRETTY.writeValue(file.toFile(), events);
      artifacts.add(
          new ReportArtifact(
              file,
              "Kubernetes events about " + ref.namespace() + "/" + ref.name(),
              "application/json"));
    } catch (IOException e) {
      return new ServiceReport(
          TITLE, "download failed: " + e.getMessage(), true, List.of(ref.path()), artifacts);
    }
    return new ServiceReport(TITLE, "downloaded", false, List.of(ref.path()), artifacts);
  }
}
