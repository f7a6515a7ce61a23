package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.SignedHttp;
import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FisExperimentStateTests extends EmulatorFixture {

  @Test
  void startAfterRunsActionsInSequence() {
    String id = start(emulator.fis().createTemplate(Templates.sequence("PT2M", "PT2M")), "seq");

    JsonNode running = awaitStatus(id, "running");
    assertThat(running.at("/actions/second/state/status").asText()).isEqualTo("pending");

    JsonNode completed = awaitStatus(id, "completed");
    assertThat(completed.at("/actions/second/startTime").decimalValue())
        .isGreaterThanOrEqualTo(completed.at("/actions/first/endTime").decimalValue());
    assertThat(completed.at("/actions/second/startAfter/0").asText()).isEqualTo("first");
  }

  @Test
  void stoppingBeforeAnActionStartsCancelsIt() {
    String id = start(emulator.fis().createTemplate(Templates.sequence("PT12H", "PT1M")), "cancel");
    awaitStatus(id, "running");

    fis.delete("/experiments/" + id);

    JsonNode stopped = awaitStatus(id, "stopped");
    assertThat(stopped.at("/actions/first/state/status").asText()).isEqualTo("stopped");
    assertThat(stopped.at("/actions/second/state/status").asText()).isEqualTo("cancelled");
  }

  @Test
  void stoppingAnEndedExperimentAnswersItUnchanged() {
    String id = start(emulator.fis().createTemplate(Templates.waitFor("PT1M")), "ended");
    JsonNode completed = awaitStatus(id, "completed");

    SignedHttp.Answer stop = fis.delete("/experiments/" + id);

    assertThat(stop.status()).isEqualTo(200);
    assertThat(stop.json().get("experiment")).isEqualTo(completed);
  }

  @Test
  void skipAllSkipsEveryActionAndCompletes() {
    String templateId = emulator.fis().createTemplate(Templates.withReport("reports-bucket"));
    String id =
        startAnswer(templateId, "skip", ",\"experimentOptions\":{\"actionsMode\":\"skip-all\"}")
            .json()
            .at("/experiment/id")
            .asText();

    JsonNode completed = awaitStatus(id, "completed");

    assertThat(completed.at("/actions/wait/state/status").asText()).isEqualTo("skipped");
    assertThat(completed.at("/experimentOptions/actionsMode").asText()).isEqualTo("skip-all");
    assertThat(completed.has("experimentReport")).isFalse();
  }

  @Test
  void targetsResolveByTagsToRegisteredResources() {
    String arn = "arn:aws:lambda:us-east-1:123456789012:function:pricing";
    emulator.fis().registerResource(arn, "aws:lambda:function", Map.of("chaos", "yes"));
    emulator
        .fis()
        .registerResource(
            "arn:aws:lambda:us-east-1:123456789012:function:other",
            "aws:lambda:function",
            Map.of("chaos", "no"));
    List<ActionEvent> started = new CopyOnWriteArrayList<>();
    List<ActionEvent> ended = new CopyOnWriteArrayList<>();
    ActionListener recorder = recorder(started, ended);
    emulator.fis().addActionListener(recorder);
    String id = start(emulator.fis().createTemplate(Templates.lambdaByTag("fail")), "tags");

    awaitStatus(id, "running");
    await().until(() -> !started.isEmpty());
    assertThat(started)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.api()).isEqualTo("fis");
              assertThat(event.experimentId()).isEqualTo(id);
              assertThat(event.actionType()).isEqualTo("aws:lambda:invocation-add-delay");
              assertThat(event.parameters()).containsEntry("startupDelayMilliseconds", "500");
              assertThat(event.targets()).containsExactly(arn);
            });
    assertThat(emulator.fis().experiments().get(0).actions().get(0).targets()).containsExactly(arn);
    assertThat(ended).isEmpty();

    fis.delete("/experiments/" + id);
    awaitStatus(id, "stopped");
    assertThat(ended).singleElement().extracting(ActionEvent::actionName).isEqualTo("delay");
    emulator.fis().removeActionListener(recorder);
  }

  @Test
  void resetSwitchesOffTheActionsThatAreInjecting() {
    String arn = "arn:aws:lambda:us-east-1:123456789012:function:pricing";
    emulator.fis().registerResource(arn, "aws:lambda:function", Map.of("chaos", "yes"));
    List<ActionEvent> started = new CopyOnWriteArrayList<>();
    List<ActionEvent> ended = new CopyOnWriteArrayList<>();
    ActionListener recorder = recorder(started, ended);
    emulator.fis().addActionListener(recorder);
    try {
      String id = start(emulator.fis().createTemplate(Templates.lambdaByTag("fail")), "reset");
      awaitStatus(id, "running");
      await().until(() -> !started.isEmpty());

      emulator.fis().reset();

      assertThat(ended).singleElement().extracting(ActionEvent::experimentId).isEqualTo(id);
    } finally {
      emulator.fis().removeActionListener(recorder);
    }
  }

  @Test
  void emptyTargetResolutionFailsTheExperiment() {
    String id = start(emulator.fis().createTemplate(Templates.lambdaByTag("fail")), "empty");

    JsonNode failed = awaitStatus(id, "failed");

    assertThat(failed.at("/state/error/code").asText()).isEqualTo("InvalidTarget");
    assertThat(failed.at("/state/error/location").asText()).isEqualTo("targets.functions");
    assertThat(failed.at("/state/error/accountId").asText()).isEqualTo("123456789012");
    assertThat(failed.at("/state/reason").asText()).contains("functions");
    assertThat(failed.at("/actions/delay/state/status").asText()).isEqualTo("cancelled");
  }

  @Test
  void emptyTargetResolutionInSkipModeSkipsTheAction() {
    String id = start(emulator.fis().createTemplate(Templates.lambdaByTag("skip")), "skipmode");

    JsonNode completed = awaitStatus(id, "completed");

    assertThat(completed.at("/actions/delay/state/status").asText()).isEqualTo("skipped");
  }

  @Test
  void endExperimentStopsItAsAStopConditionWould() {
    String id = start(emulator.fis().createTemplate(Templates.waitFor("PT12H")), "alarm");
    awaitStatus(id, "running");
    String alarm = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors";

    assertThat(emulator.fis().endExperiment(id, alarm)).isTrue();

    assertThat(awaitStatus(id, "stopped").at("/state/reason").asText()).contains(alarm);
    assertThat(emulator.fis().endExperiment(id, alarm)).isFalse();
  }

  @Test
  void failExperimentFailsItWithTheGivenError() {
    String id = start(emulator.fis().createTemplate(Templates.waitFor("PT12H")), "fail");
    awaitStatus(id, "running");

    emulator.fis().failExperiment(id, "InsufficientPermissions", "Role cannot call lambda");

    JsonNode failed = awaitStatus(id, "failed");
    assertThat(failed.at("/state/error/code").asText()).isEqualTo("InsufficientPermissions");
    assertThat(failed.at("/state/reason").asText()).isEqualTo("Role cannot call lambda");
    assertThat(failed.at("/actions/wait/state/status").asText()).isEqualTo("failed");
  }

  @Test
  void sameClientTokenStartsOneExperimentAndOtherInputConflicts() {
    String templateId = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    String first = start(templateId, "token");
    String second = start(templateId, "token");

    assertThat(second).isEqualTo(first);
    assertThat(emulator.fis().experiments()).hasSize(1);
    assertError(
        startAnswer(templateId, "token", ",\"tags\":{\"other\":\"input\"}"),
        409,
        "ConflictException",
        "token");
  }

  @Test
  void aSixthActiveExperimentExceedsTheQuota() {
    String templateId = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    for (int i = 0; i < 5; i++) {
      start(templateId, "quota-" + i);
    }

    assertError(startAnswer(templateId, "quota-5", ""), 402, "ServiceQuotaExceededException", "5");
    assertThat(emulator.fis().activeExperiments()).hasSize(5);
  }

  @Test
  void experimentsAreListedByTemplateAndPaginated() {
    String one = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    String two = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    String a = start(one, "a");
    String b = start(two, "b");
    String c = start(one, "c");

    JsonNode filtered = fis.get("/experiments?experimentTemplateId=" + one).json();
    assertThat(filtered.get("experiments").findValuesAsText("id")).containsExactly(a, c);

    JsonNode first = fis.get("/experiments?maxResults=2").json();
    assertThat(first.get("experiments").findValuesAsText("id")).containsExactly(a, b);
    JsonNode rest =
        fis.get("/experiments?maxResults=2&nextToken=" + first.get("nextToken").asText()).json();
    assertThat(rest.get("experiments").findValuesAsText("id")).containsExactly(c);
    assertThat(rest.has("nextToken")).isFalse();
  }

  @Test
  void unknownIdsAndBadStartRequestsAreRefused() {
    assertError(fis.get("/experiments/EXPmissing"), 404, "ResourceNotFoundException", "EXPmissing");
    assertError(
        fis.delete("/experiments/EXPmissing"), 404, "ResourceNotFoundException", "EXPmissing");
    assertError(startAnswer("EXTmissing", "x", ""), 404, "ResourceNotFoundException", "EXTmissing");
    assertError(
        fis.post("/experiments", "{\"clientToken\":\"x\"}"),
        400,
        "ValidationException",
        "experimentTemplateId");
    String templateId = emulator.fis().createTemplate(Templates.waitFor("PT1M"));
    assertError(
        startAnswer(templateId, "y", ",\"experimentOptions\":{\"actionsMode\":\"some\"}"),
        400,
        "ValidationException",
        "actionsMode");
  }

  @Test
  void experimentTagsAreManagedThroughTheirArn() {
    String id = start(emulator.fis().createTemplate(Templates.waitFor("PT12H")), "tagged");
    String path =
        "/tags/"
            + java.net.URLEncoder.encode(
                "arn:aws:fis:us-east-1:123456789012:experiment/" + id,
                java.nio.charset.StandardCharsets.UTF_8);

    fis.post(path, "{\"tags\":{\"faultexperiment:run\":\"r1\"}}");

    assertThat(fis.get(path).json().at("/tags/faultexperiment:run").asText()).isEqualTo("r1");
    assertThat(
            fis.get("/experiments/" + id)
                .json()
                .at("/experiment/tags/faultexperiment:run")
                .asText())
        .isEqualTo("r1");
  }

  private static ActionListener recorder(List<ActionEvent> started, List<ActionEvent> ended) {
    return new ActionListener() {
      @Override
      public void actionStarted(ActionEvent event) {
        started.add(event);
      }

      @Override
      public void actionEnded(ActionEvent event) {
        ended.add(event);
      }
    };
  }
}
