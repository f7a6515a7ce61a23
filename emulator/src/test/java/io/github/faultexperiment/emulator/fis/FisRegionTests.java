package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.SignedHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FisRegionTests extends EmulatorFixture {

  @Test
  void aTemplateBelongsToTheRegionOfTheRequestThatCreatedIt() {
    SignedHttp europe = fis.withRegion("eu-west-1");
    String id =
        europe
            .post(
                "/experimentTemplates",
                FisTemplateApiTests.withToken(Templates.waitFor("PT1M"), "eu"))
            .json()
            .at("/experimentTemplate/id")
            .asText();

    assertThat(europe.get("/experimentTemplates/" + id).status()).isEqualTo(200);
    assertError(fis.get("/experimentTemplates/" + id), 404, "ResourceNotFoundException", id);
    assertThat(fis.get("/experimentTemplates").json().get("experimentTemplates")).isEmpty();
    assertError(startAnswer(id, "wrong-region", ""), 404, "ResourceNotFoundException", id);
    String arn = "arn:aws:fis:eu-west-1:123456789012:experiment-template/" + id;
    String tags = "/tags/" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
    assertThat(europe.get(tags).status()).isEqualTo(200);
    assertError(fis.get(tags), 404, "ResourceNotFoundException", arn);
  }

  @Test
  void theJavaApiCreatesTemplatesInAGivenRegion() {
    String id = emulator.fis().createTemplate("ap-southeast-2", Templates.waitFor("PT1M"));

    assertThat(
            fis.withRegion("ap-southeast-2")
                .get("/experimentTemplates/" + id)
                .json()
                .at("/experimentTemplate/arn")
                .asText())
        .startsWith("arn:aws:fis:ap-southeast-2:");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> emulator.fis().createTemplate("Mars", Templates.waitFor("PT1M")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("region");
  }

  @Test
  void fiveActiveExperimentsInOneRegionDoNotBlockAnother() {
    String east = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    for (int i = 0; i < ExperimentStore.MAX_ACTIVE; i++) {
      start(east, "east-" + i);
    }
    assertError(startAnswer(east, "east-6", ""), 402, "ServiceQuotaExceededException", "active");

    SignedHttp west = fis.withRegion("us-west-2");
    String westTemplate = emulator.fis().createTemplate("us-west-2", Templates.waitFor("PT12H"));
    SignedHttp.Answer started =
        west.post(
            "/experiments",
            "{\"clientToken\":\"west\",\"experimentTemplateId\":\"" + westTemplate + "\"}");

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(started.json().at("/experiment/arn").asText()).startsWith("arn:aws:fis:us-west-2:");
    assertThat(west.get("/experiments").json().get("experiments")).hasSize(1);
    assertThat(fis.get("/experiments").json().get("experiments")).hasSize(5);
    assertThat(emulator.fis().experiments()).hasSize(6);
  }
}
