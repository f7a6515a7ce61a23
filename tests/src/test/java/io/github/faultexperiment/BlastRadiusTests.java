package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.fixtures.BlastRadiusTestCase;
import io.github.faultexperiment.fixtures.LifecycleTestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;

/**
 * The blast radius in each experiment's report — what the service says the faults reached — against
 * the emulator on both providers.
 */
class BlastRadiusTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OTHER_ACCOUNT = "210987654321";
  private static final String OTHER_ROLE = "arn:aws:iam::210987654321:role/fis-target";

  @RegisterExtension static final Emulated emulated = Emulated.withTemplates("primary");

  @Test
  void awsReportsTheResolvedTargetsInTheJsonAndTheTimeline() throws Exception {
    emulated
        .run(Cloud.AWS, LifecycleTestCase.Succeeds.class)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    JsonNode radius = report(LifecycleTestCase.Succeeds.class, "bodyRunsUnderTheFault");
    assertThat(radius.get("targets")).hasSize(1);
    JsonNode target = radius.get("targets").get(0);
    assertThat(target.get("target").asText()).isEqualTo("functions");
    assertThat(target.get("resourceType").asText()).isEqualTo("aws:lambda:function");
    assertThat(target.get("identifier").asText()).isEqualTo(Emulated.FUNCTION);
    assertThat(target.get("account").asText()).isEqualTo("123456789012");
    assertThat(radius.get("accounts")).isEmpty();
    assertThat(radius.get("note").asText()).isEmpty();
    assertThat(
            Files.readString(
                reports(LifecycleTestCase.Succeeds.class, "bodyRunsUnderTheFault")
                    .resolve("primary.html")))
        .contains("<h2>Blast radius</h2>", "<td>" + Emulated.FUNCTION + "</td>");
    assertThat(emulated.emulator().fis().requestCount("ListExperimentResolvedTargets"))
        .isEqualTo(1);
    // a single-account experiment has no target account configurations to ask for
    assertThat(emulated.emulator().fis().requestCounts())
        .doesNotContainKey("ListExperimentTargetAccountConfigurations");
  }

  @Test
  void awsDryRunPreviewsTheTargetsItWouldHit() throws Exception {
    emulated
        .run(Cloud.AWS, LifecycleTestCase.DryRun.class)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    JsonNode radius = report(LifecycleTestCase.DryRun.class, "bodyRunsAfterValidation");
    assertThat(radius.get("targets").findValuesAsText("identifier"))
        .containsExactly(Emulated.FUNCTION);
  }

  /** More resolved targets than FIS puts on one page (100): every page is read. */
  @Test
  void awsReadsEveryPageOfTheResolvedTargets() throws Exception {
    for (int i = 0; i < 150; i++) {
      emulated
          .emulator()
          .fis()
          .registerResource(
              "arn:aws:lambda:us-east-1:123456789012:function:shard-" + i,
              "aws:lambda:function",
              java.util.Map.of("chaos", "many"));
    }
    emulated
        .emulator()
        .fis()
        .createTemplate(
            Emulated.awsTemplate("many")
                .replace(
                    "\"resourceArns\": [\"" + Emulated.FUNCTION + "\"]",
                    "\"resourceTags\": {\"chaos\": \"many\"}"));

    emulated
        .run(Cloud.AWS, BlastRadiusTestCase.ManyTargets.class)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    JsonNode radius = report(BlastRadiusTestCase.ManyTargets.class, "reachesManyFunctions");
    assertThat(radius.get("targets")).hasSize(150);
    assertThat(radius.get("targets").findValuesAsText("identifier"))
        .doesNotHaveDuplicates()
        .allSatisfy(arn -> assertThat(arn).contains(":function:shard-"));
    assertThat(emulated.emulator().fis().requestCount("ListExperimentResolvedTargets"))
        .isEqualTo(2);
  }

  @Test
  void awsMultiAccountExperimentReportsItsTargetAccounts() throws Exception {
    String template = emulated.emulator().fis().createTemplate(multiAccountTemplate());
    try (FisClient fis = fis()) {
      fis.createTargetAccountConfiguration(
          create ->
              create
                  .experimentTemplateId(template)
                  .accountId(OTHER_ACCOUNT)
                  .roleArn(OTHER_ROLE)
                  .description("payments account"));
    }

    emulated
        .run(Cloud.AWS, BlastRadiusTestCase.MultiAccount.class)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    JsonNode radius = report(BlastRadiusTestCase.MultiAccount.class, "reachesIntoAnotherAccount");
    assertThat(radius.get("accounts")).hasSize(1);
    JsonNode account = radius.get("accounts").get(0);
    assertThat(account.get("accountId").asText()).isEqualTo(OTHER_ACCOUNT);
    assertThat(account.get("roleArn").asText()).isEqualTo(OTHER_ROLE);
    assertThat(account.get("description").asText()).isEqualTo("payments account");
    assertThat(radius.get("targets").findValuesAsText("identifier"))
        .containsExactly(Emulated.FUNCTION);
    assertThat(
            Files.readString(
                reports(BlastRadiusTestCase.MultiAccount.class, "reachesIntoAnotherAccount")
                    .resolve("multi.html")))
        .contains("<td>" + OTHER_ACCOUNT + "</td>", "payments account");
  }

  @Test
  void gcpReportsTheAffectedResources() throws Exception {
    emulated
        .run(Cloud.GCP, LifecycleTestCase.Succeeds.class)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    JsonNode radius = report(LifecycleTestCase.Succeeds.class, "bodyRunsUnderTheFault");
    assertThat(radius.get("targets")).isNotEmpty();
    JsonNode rule = radius.get("targets").get(0);
    assertThat(rule.get("target").asText()).isEqualTo("l7LbHttpFault");
    assertThat(rule.get("resourceType").asText())
        .isEqualTo("compute.googleapis.com/forwardingRules");
    assertThat(rule.get("identifier").asText()).endsWith(Emulated.FORWARDING_RULE);
    assertThat(rule.get("account").asText()).isEqualTo(Emulated.PROJECT);
    assertThat(radius.get("accounts")).isEmpty();
  }

  @Test
  void gcpDryRunReportsTheValidationResources() throws Exception {
    emulated
        .run(Cloud.GCP, LifecycleTestCase.DryRun.class)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    JsonNode radius = report(LifecycleTestCase.DryRun.class, "bodyRunsAfterValidation");
    assertThat(radius.get("targets").findValuesAsText("identifier"))
        .anySatisfy(uri -> assertThat(uri).endsWith(Emulated.FORWARDING_RULE));
    assertThat(radius.get("note").asText()).isEmpty();
  }

  private static JsonNode report(Class<?> fixture, String method) throws Exception {
    try (var files = Files.list(reports(fixture, method))) {
      Path json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
      return JSON.readTree(json.toFile()).get("blastRadius");
    }
  }

  private static Path reports(Class<?> fixture, String method) {
    return emulated.reportsOf(fixture, method);
  }

  private static FisClient fis() {
    return FisClient.builder()
        .endpointOverride(emulated.emulator().endpoint())
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static String multiAccountTemplate() {
    return Emulated.awsTemplate("multi")
        .replace(
            "\"roleArn\":",
            "\"experimentOptions\": {\"accountTargeting\": \"multi-account\"}, \"roleArn\":");
  }
}
