package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.SignedHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FisTemplateApiTests extends EmulatorFixture {

  @Test
  void createGetUpdateDeleteTemplate() {
    SignedHttp.Answer created =
        fis.post("/experimentTemplates", withToken(Templates.waitFor("PT1M"), "c1"));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    JsonNode template = created.json().get("experimentTemplate");
    String id = template.get("id").asText();
    assertThat(id).matches("EXT[A-Za-z0-9]{14}");
    assertThat(template.get("arn").asText())
        .isEqualTo("arn:aws:fis:us-east-1:123456789012:experiment-template/" + id);
    assertThat(template.at("/actions/wait/parameters/duration").asText()).isEqualTo("PT1M");
    assertThat(template.at("/experimentOptions/emptyTargetResolutionMode").asText())
        .isEqualTo("fail");
    assertThat(template.get("creationTime").isNumber()).isTrue();
    assertThat(template.at("/tags/Name").asText()).isEqualTo("wait-template");

    assertThat(fis.get("/experimentTemplates/" + id).json().at("/experimentTemplate/id").asText())
        .isEqualTo(id);

    JsonNode updated =
        fis.patch("/experimentTemplates/" + id, "{\"description\":\"changed\"}")
            .json()
            .get("experimentTemplate");
    assertThat(updated.get("description").asText()).isEqualTo("changed");
    assertThat(updated.at("/actions/wait/actionId").asText()).isEqualTo("aws:fis:wait");

    assertThat(fis.delete("/experimentTemplates/" + id).status()).isEqualTo(200);
    assertError(fis.get("/experimentTemplates/" + id), 404, "ResourceNotFoundException", id);
  }

  @Test
  void templatesArePaginated() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(emulator.fis().createTemplate(Templates.waitFor("PT1M")));
    }
    List<String> listed = new ArrayList<>();
    String query = "/experimentTemplates?maxResults=2";
    while (query != null) {
      JsonNode page = fis.get(query).json();
      assertThat(page.get("experimentTemplates").size()).isLessThanOrEqualTo(2);
      page.get("experimentTemplates").forEach(t -> listed.add(t.get("id").asText()));
      query =
          page.has("nextToken")
              ? "/experimentTemplates?maxResults=2&nextToken=" + page.get("nextToken").asText()
              : null;
    }
    assertThat(listed).containsExactlyElementsOf(created);
  }

  @Test
  void sameClientTokenSameInputCreatesOneTemplate() {
    String body = withToken(Templates.waitFor("PT1M"), "same");
    String first =
        fis.post("/experimentTemplates", body).json().at("/experimentTemplate/id").asText();
    String second =
        fis.post("/experimentTemplates", body).json().at("/experimentTemplate/id").asText();
    assertThat(second).isEqualTo(first);
    assertError(
        fis.post("/experimentTemplates", withToken(Templates.waitFor("PT2M"), "same")),
        409,
        "ConflictException",
        "same");
  }

  @Test
  void invalidTemplatesAreRefusedNamingTheField() {
    assertError(
        fis.post("/experimentTemplates", "{not json"),
        400,
        "ValidationException",
        "not valid JSON");
    assertError(
        fis.post(
            "/experimentTemplates",
            withToken(Templates.waitFor("PT1M").replace("\"roleArn\"", "\"x\""), "v1")),
        400,
        "ValidationException",
        "'roleArn'");
    assertError(
        fis.post(
            "/experimentTemplates",
            withToken(
                Templates.waitFor("PT1M")
                    .replace("\"parameters\": {\"duration\": \"PT1M\"}", "\"parameters\": {}"),
                "v2")),
        400,
        "ValidationException",
        "duration");
    assertError(
        fis.post("/experimentTemplates", withToken(Templates.waitFor("soon"), "v3")),
        400,
        "ValidationException",
        "actions.wait.parameters.duration");
    assertError(
        fis.post(
            "/experimentTemplates",
            withToken(
                Templates.sequence("PT1M", "PT1M").replace("[\"first\"]", "[\"nope\"]"), "v4")),
        400,
        "ValidationException",
        "nope");
    assertError(
        fis.get("/experimentTemplates?maxResults=0"), 400, "ValidationException", "maxResults");
    assertError(
        fis.get("/experimentTemplates?nextToken=bogus"), 400, "ValidationException", "nextToken");
  }

  @Test
  void createTemplateJavaApiRejectsInvalidJson() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> emulator.fis().createTemplate("{\"description\":\"x\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("roleArn");
  }

  @Test
  void tagsOnTemplatesByPercentEncodedArn() {
    String id = emulator.fis().createTemplate(Templates.waitFor("PT1M"));
    String arn = "arn:aws:fis:us-east-1:123456789012:experiment-template/" + id;
    String path =
        "/tags/" + java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(fis.post(path, "{\"tags\":{\"team\":\"checkout\"}}").status()).isEqualTo(200);
    assertThat(fis.get(path).json().get("tags").get("team").asText()).isEqualTo("checkout");
    assertThat(fis.delete(path + "?tagKeys=team&tagKeys=Name").status()).isEqualTo(200);
    assertThat(fis.get(path).json().get("tags").size()).isZero();
    assertError(
        fis.get(
            "/tags/"
                + java.net.URLEncoder.encode(arn + "x", java.nio.charset.StandardCharsets.UTF_8)),
        404,
        "ResourceNotFoundException",
        arn + "x");
  }

  static String withToken(String templateJson, String token) {
    return templateJson.replaceFirst("\\{", "{\"clientToken\":\"" + token + "\",");
  }
}
