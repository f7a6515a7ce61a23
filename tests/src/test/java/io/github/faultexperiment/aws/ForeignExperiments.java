package io.github.faultexperiment.aws;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;

/** Starts FIS experiments the way a person would (the SDK), without the extension's tags. */
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
}
