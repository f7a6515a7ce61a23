package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.SignedHttp;
import org.junit.jupiter.api.Test;

class FisTargetAccountTests extends EmulatorFixture {
  private static final String ACCOUNT = "444455556666";
  private static final String ROLE = "arn:aws:iam::444455556666:role/fis-target";

  @Test
  void targetAccountConfigurationsAreCreatedReadUpdatedListedAndDeleted() {
    String id = emulator.fis().createTemplate(multiAccount());
    String path = "/experimentTemplates/" + id + "/targetAccountConfigurations/" + ACCOUNT;

    SignedHttp.Answer created =
        fis.post(
            path, "{\"clientToken\":\"a\",\"roleArn\":\"" + ROLE + "\",\"description\":\"shop\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().at("/targetAccountConfiguration/accountId").asText())
        .isEqualTo(ACCOUNT);
    assertThat(fis.get(path).json().at("/targetAccountConfiguration/roleArn").asText())
        .isEqualTo(ROLE);
    assertThat(
            fis.get("/experimentTemplates/" + id)
                .json()
                .at("/experimentTemplate/targetAccountConfigurationsCount")
                .asInt())
        .isEqualTo(1);

    JsonNode updated =
        fis.patch(path, "{\"description\":\"shop, eu\"}").json().get("targetAccountConfiguration");
    assertThat(updated.get("description").asText()).isEqualTo("shop, eu");
    assertThat(updated.get("roleArn").asText()).isEqualTo(ROLE);
    assertThat(
            fis.get("/experimentTemplates/" + id + "/targetAccountConfigurations")
                .json()
                .at("/targetAccountConfigurations/0/description")
                .asText())
        .isEqualTo("shop, eu");

    assertThat(fis.delete(path).status()).isEqualTo(200);
    assertError(fis.get(path), 404, "ResourceNotFoundException", ACCOUNT);
  }

  @Test
  void aSingleAccountTemplateAcceptsATargetAccountConfigurationAsAwsDocumentsNoRefusal() {
    String single = emulator.fis().createTemplate(Templates.waitFor("PT1M"));
    String path = "/experimentTemplates/" + single + "/targetAccountConfigurations/" + ACCOUNT;

    SignedHttp.Answer created = fis.post(path, "{\"roleArn\":\"" + ROLE + "\"}");

    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(fis.get(path).json().at("/targetAccountConfiguration/roleArn").asText())
        .isEqualTo(ROLE);
    assertThat(start(single, "single-with-config")).isNotBlank();
  }

  @Test
  void unknownTemplatesAndExperimentsAreResourceNotFoundNamingTheId() {
    assertError(
        fis.get("/experimentTemplates/EXTnope"),
        404,
        "ResourceNotFoundException",
        "Experiment template EXTnope does not exist");
    assertError(
        fis.get("/experiments/EXPnope"),
        404,
        "ResourceNotFoundException",
        "Experiment EXPnope does not exist");
  }

  @Test
  void badTargetAccountRequestsAreRefusedNamingWhatIsWrong() {
    String multi = emulator.fis().createTemplate(multiAccount());
    String path = "/experimentTemplates/" + multi + "/targetAccountConfigurations/";
    assertError(fis.post(path + ACCOUNT, "{}"), 400, "ValidationException", "roleArn");
    assertError(
        fis.post(path + "123", "{\"roleArn\":\"" + ROLE + "\"}"),
        400,
        "ValidationException",
        "'accountId' failed to satisfy constraint");
    fis.post(path + ACCOUNT, "{\"roleArn\":\"" + ROLE + "\"}");
    assertError(
        fis.post(path + ACCOUNT, "{\"roleArn\":\"" + ROLE + "\"}"),
        409,
        "ConflictException",
        ACCOUNT);
    assertError(
        fis.get("/experimentTemplates/EXTnope/targetAccountConfigurations"),
        404,
        "ResourceNotFoundException",
        "EXTnope");
  }

  @Test
  void aMultiAccountExperimentNeedsATargetAccountAndKeepsItsConfigurations() {
    String id = emulator.fis().createTemplate(multiAccount());
    assertError(
        startAnswer(id, "none-yet", ""),
        400,
        "ValidationException",
        "target account configuration");
    fis.post(
        "/experimentTemplates/" + id + "/targetAccountConfigurations/" + ACCOUNT,
        "{\"roleArn\":\"" + ROLE + "\"}");

    String experiment = start(id, "multi");
    fis.delete("/experimentTemplates/" + id + "/targetAccountConfigurations/" + ACCOUNT);

    JsonNode started = fis.get("/experiments/" + experiment).json().get("experiment");
    assertThat(started.get("targetAccountConfigurationsCount").asInt()).isEqualTo(1);
    assertThat(started.at("/experimentOptions/accountTargeting").asText())
        .isEqualTo("multi-account");
    String path = "/experiments/" + experiment + "/targetAccountConfigurations";
    assertThat(fis.get(path).json().at("/targetAccountConfigurations/0/accountId").asText())
        .isEqualTo(ACCOUNT);
    assertThat(
            fis.get(path + "/" + ACCOUNT).json().at("/targetAccountConfiguration/roleArn").asText())
        .isEqualTo(ROLE);
    assertError(fis.get(path + "/999999999999"), 404, "ResourceNotFoundException", "999999999999");
  }

  private static String multiAccount() {
    return Templates.waitFor("PT12H")
        .replace(
            "\"tags\":",
            "\"experimentOptions\": {\"accountTargeting\": \"multi-account\"},\n  \"tags\":");
  }
}
