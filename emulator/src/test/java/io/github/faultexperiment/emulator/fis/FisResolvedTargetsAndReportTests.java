package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FisResolvedTargetsAndReportTests extends EmulatorFixture {
  private static final String ONE = "arn:aws:lambda:us-east-1:123456789012:function:one";
  private static final String TWO = "arn:aws:lambda:us-east-1:123456789012:function:two";
  private static final String THREE = "arn:aws:lambda:us-east-1:123456789012:function:three";

  @Test
  void resolvedTargetsListEachResourceOfEachTarget() {
    registerFunctions();
    String id = start(emulator.fis().createTemplate(Templates.lambdaByTag("fail")), "resolved");
    String path = "/experiments/" + id + "/resolvedTargets";
    awaitStatus(id, "running");

    JsonNode resolved = fis.get(path).json().get("resolvedTargets");
    assertThat(resolved).hasSize(2);
    assertThat(resolved.get(0).get("targetName").asText()).isEqualTo("functions");
    assertThat(resolved.get(0).get("resourceType").asText()).isEqualTo("aws:lambda:function");
    List<String> arns = new ArrayList<>();
    resolved.forEach(target -> arns.add(target.at("/targetInformation/arn").asText()));
    assertThat(arns).containsExactlyInAnyOrder(ONE, TWO);

    JsonNode firstPage = fis.get(path + "?maxResults=1&targetName=functions").json();
    assertThat(firstPage.get("resolvedTargets")).hasSize(1);
    assertThat(firstPage.get("nextToken").asText()).isNotEmpty();
    assertError(fis.get(path + "?targetName=nope"), 400, "ValidationException", "functions");
    assertError(
        fis.get("/experiments/EXPnope/resolvedTargets"),
        404,
        "ResourceNotFoundException",
        "EXPnope");
  }

  @Test
  void percentSelectionRoundsDownAsFisDoes() {
    registerFunctions();
    emulator.fis().registerResource(THREE, "aws:lambda:function", Map.of("chaos", "yes"));
    String half =
        emulator
            .fis()
            .createTemplate(Templates.lambdaByTag("fail").replace("\"ALL\"", "\"PERCENT(50)\""));
    String id = start(half, "half");
    awaitStatus(id, "running");

    assertThat(fis.get("/experiments/" + id + "/resolvedTargets").json().get("resolvedTargets"))
        .hasSize(1);

    String tiny =
        emulator
            .fis()
            .createTemplate(Templates.lambdaByTag("fail").replace("\"ALL\"", "\"PERCENT(5)\""));
    assertThat(awaitStatus(start(tiny, "tiny"), "failed").at("/state/error/code").asText())
        .isEqualTo("InvalidTarget");
  }

  @Test
  void skipAllResolvesTargetsSkipsEveryActionAndWritesNoReport() {
    registerFunctions();
    String templateId =
        emulator
            .fis()
            .createTemplate(
                Templates.lambdaByTag("fail")
                    .replace(
                        "\"experimentOptions\"",
                        "\"experimentReportConfiguration\": {\"outputs\": {\"s3Configuration\":"
                            + " {\"bucketName\": \"skip\"}}},\n\"experimentOptions\""));
    String id =
        startAnswer(templateId, "skip", ",\"experimentOptions\":{\"actionsMode\":\"skip-all\"}")
            .json()
            .at("/experiment/id")
            .asText();

    JsonNode completed = awaitStatus(id, "completed");

    assertThat(completed.at("/experimentOptions/actionsMode").asText()).isEqualTo("skip-all");
    assertThat(completed.at("/actions/delay/state/status").asText()).isEqualTo("skipped");
    assertThat(completed.has("experimentReport")).isFalse();
    assertThat(fis.get("/experiments/" + id + "/resolvedTargets").json().get("resolvedTargets"))
        .hasSize(2);
  }

  @Test
  void theReportWaitsForThePostExperimentDurationScaledByTheTimings() {
    emulator
        .fis()
        .timings(
            emulator.fis().timings().withReport(Duration.ofMillis(200), Duration.ofMillis(50)));
    String templateId =
        emulator
            .fis()
            .createTemplate(
                Templates.withReport("post-duration")
                    .replace(
                        "\"postExperimentDuration\": \"PT1M\"",
                        "\"postExperimentDuration\": \"PT15M\""));
    String id = start(templateId, "post");

    JsonNode completed = awaitStatus(id, "completed");
    assertThat(completed.at("/experimentReport/state/status").asText()).isEqualTo("pending");
    // 15 minutes at 200 ms a minute: still pending a second after the end.
    await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
    assertThat(
            fis.get("/experiments/" + id)
                .json()
                .at("/experiment/experimentReport/state/status")
                .asText())
        .isEqualTo("pending");

    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                fis.get("/experiments/" + id)
                    .json()
                    .at("/experiment/experimentReport/state/status")
                    .asText(),
            "completed"::equals);
  }

  private static void registerFunctions() {
    emulator.fis().registerResource(ONE, "aws:lambda:function", Map.of("chaos", "yes"));
    emulator.fis().registerResource(TWO, "aws:lambda:function", Map.of("chaos", "yes"));
  }
}
