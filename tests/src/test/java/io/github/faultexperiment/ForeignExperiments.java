package io.github.faultexperiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;

/**
 * Starts experiments the way a person would, without the extension's marks: on FIS with the SDK and
 * no extension tags, on Fault Testing over its REST API with another id and description.
 */
final class ForeignExperiments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ForeignExperiments() {}

  /**
   * Starts a FIS experiment from the template named {@code name}, tagged only {@code owner=ops}.
   *
   * @return its id
   */
  static String startFis(URI endpoint, String name) {
    try (FisClient fis =
        FisClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      String templateId =
          fis.listExperimentTemplatesPaginator(list -> {}).experimentTemplates().stream()
              .filter(t -> name.equals(t.tags().get("Name")))
              .findFirst()
              .orElseThrow()
              .id();
      return fis.startExperiment(
              start ->
                  start
                      .clientToken(UUID.randomUUID().toString())
                      .experimentTemplateId(templateId)
                      .tags(Map.of("owner", "ops")))
          .experiment()
          .id();
    }
  }

  /**
   * Creates and starts a Fault Testing experiment {@code manual-outage} from template {@code
   * templateId}.
   *
   * @return its full resource name
   */
  static String startFaultTesting(
      URI endpoint, String project, String location, String templateId) {
    String parent = "projects/" + project + "/locations/" + location;
    ObjectNode experiment = JSON.createObjectNode();
    experiment.put("experimentTemplate", parent + "/experimentTemplates/" + templateId);
    experiment.put("displayName", "manual outage");
    experiment.put("description", "started by hand from the console");
    experiment.put("startOnCreateEnabled", true);
    String created =
        EmulatorHttp.post(
            endpoint + "/v1alpha/" + parent + "/experiments?experimentId=manual-outage",
            experiment.toString());
    try {
      return JSON.readTree(created).path("name").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the Fault Testing experiment, as a person would once done with it. */
  static void stopFaultTesting(URI endpoint, String name) {
    EmulatorHttp.post(endpoint + "/v1alpha/" + name + ":stop", "{}");
  }
}
