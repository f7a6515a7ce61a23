package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.SignedHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test controls over HTTP under /_emulator/, as the standalone emulator offers them. */
class FisControlApiTests extends EmulatorFixture {

  @Test
  void templatesTimingsExperimentsAndEndOverHttp() {
    SignedHttp.Answer timings =
        control("PUT", "/_emulator/fis/timings", "{\"initiatingToRunning\":\"PT0.03S\"}");
    assertThat(timings.json().get("initiatingToRunning").asText()).isEqualTo("PT0.03S");
    assertThat(emulator.fis().timings().initiatingToRunning().toMillis()).isEqualTo(30);

    String templateId =
        control("POST", "/_emulator/fis/templates", Templates.waitFor("PT12H"))
            .json()
            .get("id")
            .asText();
    String id = start(templateId, "controls");
    awaitStatus(id, "running");

    JsonNode active = control("GET", "/_emulator/fis/experiments?active=true", null).json();
    assertThat(active.findValuesAsText("id")).containsExactly(id);
    assertThat(active.get(0).get("actions").get(0).get("state").asText()).isEqualTo("running");

    String alarm = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:latency";
    assertThat(
            control(
                    "POST",
                    "/_emulator/fis/experiments/" + id + "/end",
                    "{\"alarmArn\":\"" + alarm + "\"}")
                .json()
                .get("changed")
                .asBoolean())
        .isTrue();
    assertThat(awaitStatus(id, "stopped").at("/state/reason").asText()).contains(alarm);
    assertThat(control("GET", "/_emulator/fis/experiments?active=true", null).json().size())
        .isZero();
  }

  @Test
  void templatesGoToTheRegionAskedForAndTimingsScaleTemplateMinutes() {
    String id =
        control("POST", "/_emulator/fis/templates?region=eu-north-1", Templates.waitFor("PT1M"))
            .json()
            .get("id")
            .asText();
    assertThat(fis.withRegion("eu-north-1").get("/experimentTemplates/" + id).status())
        .isEqualTo(200);
    assertThat(fis.get("/experimentTemplates/" + id).status()).isEqualTo(404);
    assertThat(
            control("POST", "/_emulator/fis/templates?region=moon", Templates.waitFor("PT1M"))
                .status())
        .isEqualTo(400);

    SignedHttp.Answer timings =
        control("PUT", "/_emulator/fis/timings", "{\"templateMinute\":\"PT0.05S\"}");
    assertThat(timings.json().get("templateMinute").asText()).isEqualTo("PT0.05S");
    assertThat(emulator.fis().timings().scaled(java.time.Duration.ofMinutes(10)).toMillis())
        .isEqualTo(500);
  }

  @Test
  void failResourcesFaultsCountersAccountAndReset() {
    control(
        "POST",
        "/_emulator/fis/resources",
        "{\"arn\":\"arn:aws:lambda:us-east-1:123456789012:function:f\","
            + "\"resourceType\":\"aws:lambda:function\",\"tags\":{\"chaos\":\"yes\"}}");
    String id = start(emulator.fis().createTemplate(Templates.lambdaByTag("fail")), "ctl");
    awaitStatus(id, "running");
    control(
        "POST",
        "/_emulator/fis/experiments/" + id + "/fail",
        "{\"code\":\"Boom\",\"reason\":\"injected\"}");
    assertThat(awaitStatus(id, "failed").at("/state/error/code").asText()).isEqualTo("Boom");

    control(
        "POST",
        "/_emulator/fis/api-faults",
        "{\"operation\":\"GetExperiment\",\"kind\":\"throttle\",\"remaining\":1}");
    assertError(fis.get("/experiments/" + id), 429, "ThrottlingException", "Rate exceeded");
    assertThat(control("GET", "/_emulator/fis/counters", null).json().get("GetExperiment").asLong())
        .isPositive();
    control("DELETE", "/_emulator/fis/counters", null);
    assertThat(emulator.fis().requestCount("GetExperiment")).isZero();

    control("PUT", "/_emulator/fis/account", "{\"account\":\"111122223333\"}");
    assertThat(emulator.fis().account()).isEqualTo("111122223333");

    control("PUT", "/_emulator/fis/report-outcome", "{\"outcome\":\"not_stored\"}");
    assertThat(emulator.fis().reportOutcome()).isEqualTo(ReportOutcome.NOT_STORED);
    assertThat(control("GET", "/_emulator/fis/report-outcome", null).json().get("outcome").asText())
        .isEqualTo("NOT_STORED");

    assertThat(control("POST", "/_emulator/reset", null).status()).isEqualTo(200);
    assertThat(emulator.fis().experiments()).isEmpty();
    assertThat(emulator.fis().account()).isEqualTo("123456789012");
    assertThat(emulator.fis().reportOutcome()).isEqualTo(ReportOutcome.WRITTEN);
  }

  @Test
  void badControlRequestsSayWhatIsValid() {
    SignedHttp.Answer unknown = control("GET", "/_emulator/fis/nothing", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).contains("nothing");

    SignedHttp.Answer badKind =
        control("POST", "/_emulator/fis/api-faults", "{\"kind\":\"explode\"}");
    assertThat(badKind.status()).isEqualTo(400);
    assertThat(badKind.json().get("message").asText()).contains("THROTTLE");

    SignedHttp.Answer badOutcome =
        control("PUT", "/_emulator/fis/report-outcome", "{\"outcome\":\"lost\"}");
    assertThat(badOutcome.status()).isEqualTo(400);
    assertThat(badOutcome.json().get("message").asText()).contains("NOT_STORED").contains("lost");

    SignedHttp.Answer badEnd =
        control("POST", "/_emulator/fis/experiments/EXPnone/end", "{\"alarmArn\":\"a\"}");
    assertThat(badEnd.status()).isEqualTo(400);
    assertThat(badEnd.json().get("message").asText()).contains("EXPnone");
  }

  private static SignedHttp.Answer control(String method, String path, String body) {
    return fis.sendRaw(method, path, body, Map.of());
  }
}
