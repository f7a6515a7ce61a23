package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.SignedHttp;
import org.junit.jupiter.api.Test;

class FisLifecycleTests extends EmulatorFixture {
  @Test
  void experimentRunsUntilStoppedThenEndsStopped() {
    String templateId = emulator.fis().createTemplate(Templates.waitFor("PT12H"));

    JsonNode started =
        fis.post(
                "/experiments",
                "{\"clientToken\":\"t1\",\"experimentTemplateId\":\""
                    + templateId
                    + "\","
                    + "\"tags\":{\"run\":\"1\"}}")
            .json()
            .get("experiment");
    String id = started.get("id").asText();
    assertThat(id).matches("EXP[A-Za-z0-9]{15}");
    assertThat(started.get("arn").asText())
        .isEqualTo("arn:aws:fis:us-east-1:123456789012:experiment/" + id);
    assertThat(started.at("/state/status").asText()).isEqualTo("pending");
    assertThat(started.at("/actions/wait/state/status").asText()).isEqualTo("pending");
    assertThat(started.get("creationTime").isNumber()).isTrue();
    assertThat(started.get("tags").get("run").asText()).isEqualTo("1");

    JsonNode running = awaitStatus(id, "running");
    assertThat(running.at("/actions/wait/state/status").asText()).isEqualTo("running");
    assertThat(running.at("/actions/wait/startTime").isNumber()).isTrue();

    SignedHttp.Answer stop = fis.delete("/experiments/" + id);
    assertThat(stop.status()).isEqualTo(200);
    assertThat(stop.json().at("/experiment/state/status").asText()).isEqualTo("stopping");

    JsonNode stopped = awaitStatus(id, "stopped");
    assertThat(stopped.at("/actions/wait/state/status").asText()).isEqualTo("stopped");
    assertThat(stopped.get("endTime").decimalValue())
        .isGreaterThanOrEqualTo(stopped.get("startTime").decimalValue());
    assertThat(emulator.fis().activeExperiments()).isEmpty();
    assertThat(emulator.fis().experiments())
        .singleElement()
        .satisfies(
            experiment -> {
              assertThat(experiment.templateId()).isEqualTo(templateId);
              assertThat(experiment.state()).isEqualTo("stopped");
              assertThat(experiment.tags()).containsEntry("run", "1");
            });
  }

  @Test
  void experimentCompletesWhenItsWaitEnds() {
    String templateId = emulator.fis().createTemplate(Templates.waitFor("PT3M"));
    String id = start(templateId, "complete");

    JsonNode completed = awaitStatus(id, "completed");

    assertThat(completed.at("/actions/wait/state/status").asText()).isEqualTo("completed");
    assertThat(completed.at("/actions/wait/endTime").decimalValue())
        .isGreaterThan(completed.at("/actions/wait/startTime").decimalValue());
  }

  @Test
  void aTemplatesOwnTimingsApplyOnlyToItsExperiments() {
    String slow = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    String quick = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    emulator
        .fis()
        .timings(
            slow, emulator.fis().timings().withInitiatingToRunning(java.time.Duration.ofHours(1)));

    String slowId = start(slow, "slow");
    String quickId = start(quick, "quick");
    awaitStatus(quickId, "running");
    awaitStatus(slowId, "initiating");
    assertThat(emulator.fis().timings().initiatingToRunning().toMillis()).isEqualTo(50);
    assertThat(fis.delete("/experiments/" + slowId).status()).isEqualTo(200);
    awaitStatus(slowId, "stopped");
    assertThat(fis.delete("/experiments/" + quickId).status()).isEqualTo(200);
  }
}
