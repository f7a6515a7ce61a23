package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.SignedHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FisSafetyLeverTests extends EmulatorFixture {
  private static final String LEVER = "/safetyLevers/default";

  @Test
  void eachRegionHasADisengagedLeverWithTheIdDefault() {
    JsonNode lever = fis.get(LEVER).json().get("safetyLever");

    assertThat(lever.get("id").asText()).isEqualTo("default");
    assertThat(lever.get("arn").asText())
        .isEqualTo("arn:aws:fis:us-east-1:123456789012:safety-lever/default");
    assertThat(lever.at("/state/status").asText()).isEqualTo("disengaged");
    assertThat(fis.withRegion("eu-west-1").get(LEVER).json().at("/safetyLever/arn").asText())
        .isEqualTo("arn:aws:fis:eu-west-1:123456789012:safety-lever/default");
    assertError(fis.get("/safetyLevers/other"), 404, "ResourceNotFoundException", "other");
  }

  @Test
  void engagingStopsRunningExperimentsWithTheLeversReason() {
    String id = start(emulator.fis().createTemplate(Templates.waitFor("PT12H")), "running");
    awaitStatus(id, "running");

    SignedHttp.Answer engaged = engage(fis, "game day is over");

    assertThat(engaged.status()).as(engaged.body()).isEqualTo(200);
    assertThat(engaged.json().at("/safetyLever/state/status").asText()).isIn("engaging", "engaged");
    assertThat(engaged.json().at("/safetyLever/state/reason").asText())
        .isEqualTo("game day is over");
    JsonNode stopped = awaitStatus(id, "stopped");
    assertThat(stopped.at("/state/reason").asText()).isEqualTo("game day is over");
    assertThat(stopped.at("/actions/wait/state/status").asText()).isEqualTo("stopped");
    assertThat(fis.get(LEVER).json().at("/safetyLever/state/status").asText()).isEqualTo("engaged");
  }

  @Test
  void whileEngagingTheLeverCannotBeChanged() {
    emulator.fis().timings(emulator.fis().timings().withStoppingToStopped(Duration.ofSeconds(2)));
    String id = start(emulator.fis().createTemplate(Templates.waitFor("PT12H")), "slow-stop");
    awaitStatus(id, "running");

    assertThat(engage(fis, "stop now").json().at("/safetyLever/state/status").asText())
        .isEqualTo("engaging");
    assertError(update(fis, "disengaged", "too soon"), 409, "ConflictException", "engaging");

    awaitStatus(id, "stopped");
    assertThat(update(fis, "disengaged", "done").status()).isEqualTo(200);
  }

  @Test
  void experimentsStartedWhileEngagedEndCancelledAndStartAgainOnceDisengaged() {
    String templateId = emulator.fis().createTemplate(Templates.withReport("lever-reports"));
    engage(fis, "change freeze");

    String cancelled = start(templateId, "while-engaged");
    JsonNode experiment = awaitStatus(cancelled, "cancelled");

    assertThat(experiment.at("/state/reason").asText()).isEqualTo("change freeze");
    assertThat(experiment.at("/actions/wait/state/status").asText()).isEqualTo("cancelled");
    assertThat(experiment.get("endTime").isNumber()).isTrue();
    assertThat(experiment.at("/experimentReport/state/status").asText()).isEqualTo("cancelled");
    assertThat(emulator.fis().activeExperiments()).isEmpty();

    SignedHttp.Answer disengaged = update(fis, "disengaged", "freeze lifted");
    assertThat(disengaged.json().at("/safetyLever/state/status").asText()).isEqualTo("disengaged");
    assertThat(awaitStatus(start(templateId, "after"), "completed").at("/state/status").asText())
        .isEqualTo("completed");
  }

  @Test
  void theLeverOfOneRegionLeavesOtherRegionsAlone() {
    SignedHttp europe = fis.withRegion("eu-west-1");
    engage(fis, "us-east-1 only");
    String templateId =
        europe
            .post(
                "/experimentTemplates",
                FisTemplateApiTests.withToken(Templates.waitFor("PT12H"), "eu"))
            .json()
            .at("/experimentTemplate/id")
            .asText();

    String id =
        europe
            .post(
                "/experiments",
                "{\"clientToken\":\"eu\",\"experimentTemplateId\":\"" + templateId + "\"}")
            .json()
            .at("/experiment/id")
            .asText();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> europe.get("/experiments/" + id).json().at("/experiment/state/status").asText(),
            "running"::equals);
    assertThat(europe.get(LEVER).json().at("/safetyLever/state/status").asText())
        .isEqualTo("disengaged");
  }

  @Test
  void movingTheLeverToTheStateItIsInIsAConflictAndBadInputNamesTheField() {
    assertError(update(fis, "disengaged", "again"), 409, "ConflictException", "already disengaged");
    engage(fis, "first");
    assertError(engage(fis, "second"), 409, "ConflictException", "already engaged");
    assertError(
        update(fis, "off", "x"), 400, "ValidationException", "'state.status' failed to satisfy");
    assertError(
        fis.send("PATCH", LEVER + "/state", "{\"state\":{\"status\":\"engaged\"}}"),
        400,
        "ValidationException",
        "state.reason");
    assertError(fis.send("PATCH", LEVER + "/state", "{}"), 400, "ValidationException", "state");
    assertError(
        fis.send(
            "PATCH",
            "/safetyLevers/nope/state",
            "{\"state\":{\"status\":\"engaged\",\"reason\":\"x\"}}"),
        404,
        "ResourceNotFoundException",
        "nope");
  }

  static SignedHttp.Answer engage(SignedHttp client, String reason) {
    return update(client, "engaged", reason);
  }

  static SignedHttp.Answer update(SignedHttp client, String status, String reason) {
    return client.send(
        "PATCH",
        LEVER + "/state",
        "{\"state\":{\"status\":\"" + status + "\",\"reason\":\"" + reason + "\"}}");
  }
}
