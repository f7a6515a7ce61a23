package io.github.faultexperiment.aws;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Starts FIS experiments the way a person would, without the extension's tags. */
public final class ForeignExperiments {
  private ForeignExperiments() {}

  /**
   * Starts an experiment from the template named {@code name}, tagged only {@code owner=ops}.
   *
   * @return its id
   */
  public static String start(URI endpoint, String name) {
    try (FisClient fis =
        FisClient.builder()
            .endpoint(endpoint)
            .region("us-east-1")
            .credentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      String templateId =
          fis.listAllExperimentTemplates().stream()
              .filter(t -> name.equals(t.tags().get("Name")))
              .findFirst()
              .orElseThrow()
              .id();
      return fis.startExperiment(
              new StartExperimentRequest(
                  UUID.randomUUID().toString(),
                  templateId,
                  new StartExperimentRequest.ExperimentOptions(
                      StartExperimentRequest.ExperimentOptions.RUN_ALL),
                  Map.of("owner", "ops")))
          .id();
    }
  }
}
