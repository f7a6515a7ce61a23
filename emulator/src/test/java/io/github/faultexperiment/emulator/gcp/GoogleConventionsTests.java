package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static io.github.faultexperiment.emulator.gcp.Fixtures.PARENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the v1alpha reference and Google's JSON conventions (protobuf JSON mapping, system
 * parameters, AIP-134/160) say, checked against the emulator over HTTP.
 */
class GoogleConventionsTests {
  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final GoogleRest rest = HARNESS.rest();

  private static String abort(String percentage) {
    return Fixtures.template(
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/test-project/global/forwardingRules/f\","
            + " \"abort\": {\"percentage\": "
            + percentage
            + ", \"statusCode\": \"503\"}}}");
  }

  private Response createTemplate(String id, String body) {
    return rest.post(API + "/experimentTemplates?experimentTemplateId=" + id, body);
  }

  private String runningExperiment(String id) {
    HARNESS.createLbAbortTemplate();
    Response created =
        rest.post(
            API + "/experiments?experimentId=" + id,
            "{\"experimentTemplate\": \"" + PARENT + "/experimentTemplates/lb-abort\"}");
    String name = created.text("/name");
    HARNESS.awaitState(name, "PREPARED");
    return name;
  }

  @Test
  void locationsAreListedAndRead() {
    Response list = rest.get("/v1alpha/projects/test-project/locations");
    assertThat(list.status()).as(list.json().toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    list.json().get("locations").forEach(l -> ids.add(l.get("locationId").asText()));
    assertThat(ids).contains("us-central1", "europe-west1");

    Response one = rest.get("/v1alpha/" + PARENT);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.text("/name")).isEqualTo(PARENT);
    assertThat(one.text("/locationId")).isEqualTo("us-central1");

    Response filtered =
        rest.get("/v1alpha/projects/test-project/locations?filter=locationId%3D%22us-east1%22");
    assertThat(filtered.json().get("locations")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"50", "\"50\"", "50.0"})
  void integerFieldsTakeNumbersAndStringsAsTheProtobufJsonMappingDoes(String percentage) {
    Response created = createTemplate("int-" + Math.abs(percentage.hashCode()), abort(percentage));

    assertThat(created.status()).as(created.json().toString()).isEqualTo(200);
    JsonNode abort = created.json().at("/action/l7LbHttpFault/abort");
    assertThat(abort.get("percentage").isInt()).isTrue();
    assertThat(abort.get("percentage").asInt()).isEqualTo(50);
    assertThat(abort.get("statusCode").asInt()).isEqualTo(503);
  }

  @Test
  void aFractionInAnIntegerFieldIsInvalidArgumentNamingTheField() {
    Response refused = createTemplate("frac", abort("50.5"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("INVALID_ARGUMENT");
    assertThat(refused.text("/error/message"))
        .contains("experimentTemplate.action.l7LbHttpFault.abort.percentage")
        .contains("50.5");
  }

  @Test
  void aTemplateDurationOfZeroIsAcceptedAndANegativeOneRefused() {
    String action = "{\"cloudSqlFailover\": {\"instance\": \"projects/p/instances/db\"}}";
    assertThat(
            createTemplate("zero", "{\"duration\": \"0s\", \"action\": " + action + "}").status())
        .isEqualTo(200);
    Response negative =
        createTemplate("negative", "{\"duration\": \"-1s\", \"action\": " + action + "}");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.text("/error/message")).contains("experimentTemplate.duration");
  }

  @Test
  void patchWithoutUpdateMaskOverwritesEveryField() {
    HARNESS.createLbAbortTemplate();
    String name = "/v1alpha/" + PARENT + "/experimentTemplates/lb-abort";
    String action = "{\"cloudSqlFailover\": {\"instance\": \"projects/p/instances/db\"}}";

    Response patched = rest.patch(name, "{\"duration\": \"120s\", \"action\": " + action + "}");

    assertThat(patched.status()).as(patched.json().toString()).isEqualTo(200);
    assertThat(patched.json().has("displayName")).isFalse();
    assertThat(patched.json().has("description")).isFalse();
    assertThat(patched.text("/duration")).isEqualTo("120s");
    Response missing = rest.patch(name, "{\"description\": \"only this\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("/error/message")).contains("experimentTemplate.duration");
  }

  @Test
  void filtersFollowAip160OnDescriptionCreateTimeNotAndOr() {
    HARNESS.createLbAbortTemplate();
    String template = PARENT + "/experimentTemplates/lb-abort";
    rest.post(
        API + "/experiments?experimentId=exp-a",
        "{\"experimentTemplate\": \"" + template + "\", \"description\": \"alpha run\"}");
    rest.post(
        API + "/experiments?experimentId=exp-b",
        "{\"experimentTemplate\": \"" + template + "\", \"description\": \"beta run\"}");

    assertThat(ids("description=\"alpha run\"")).containsExactly("exp-a");
    assertThat(ids("NOT description=\"alpha run\"")).containsExactly("exp-b");
    assertThat(ids("-description=\"alpha run\"")).containsExactly("exp-b");
    assertThat(ids("description=\"alpha*\" OR description=\"beta*\""))
        .containsExactly("exp-b", "exp-a");
    assertThat(ids("createTime>\"2000-01-01T00:00:00Z\" AND description:\"beta run\""))
        .containsExactly("exp-b");
    assertThat(ids("createTime<\"2000-01-01T00:00:00Z\"")).isEmpty();
    Response unknown = rest.get(API + "/experiments?filter=colour%3D%22red%22");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text("/error/message")).contains("colour").contains("description");
  }

  private List<String> ids(String filter) {
    Response answer =
        rest.get(
            API
                + "/experiments?filter="
                + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    answer
        .json()
        .path("experiments")
        .forEach(e -> ids.add(e.get("name").asText().replaceAll(".*/", "")));
    return ids;
  }

  @Test
  void stopAllWithNothingRunningAnswersTheEmptyMessage() {
    Response answer = rest.post(API + "/experiments:stopAll", "{}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().isEmpty()).as(answer.json().toString()).isTrue();
  }

  @Test
  void emptyRepeatedFieldsAreLeftOut() {
    Response list = rest.get(API + "/experiments");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().has("unreachable")).isFalse();
    assertThat(list.json().has("experiments")).isFalse();
  }

  @Test
  void fieldsSelectsAPartialResponseWithNestedPaths() {
    HARNESS.createLbAbortTemplate();
    String name = "/v1alpha/" + PARENT + "/experimentTemplates/lb-abort";

    JsonNode top = rest.get(name + "?fields=name,duration").json();
    assertThat(top.properties()).extracting(e -> e.getKey()).containsExactly("name", "duration");
    JsonNode nested = rest.get(name + "?fields=action/l7LbHttpFault/abort(statusCode)").json();
    assertThat(nested.toString())
        .isEqualTo("{\"action\":{\"l7LbHttpFault\":{\"abort\":{\"statusCode\":503}}}}");
    JsonNode listed =
        rest.get(API + "/experimentTemplates?fields=experimentTemplates(name)").json();
    assertThat(listed.get("experimentTemplates").get(0).properties()).hasSize(1);
    Response malformed = rest.get(name + "?fields=action(");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.text("/error/message")).contains("fields");
  }

  @Test
  void startRefusesANonEmptyBody() {
    String name = runningExperiment("start-body");

    Response refused = rest.post("/v1alpha/" + name + ":start", "{\"force\": true}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/message")).contains("force").contains("must be empty");

    assertThat(rest.post("/v1alpha/" + name + ":start", "{}").status()).isEqualTo(200);
  }

  @Test
  void affectedAndValidationResourcesCarryACloudConsoleUrl() {
    String name = runningExperiment("console");
    JsonNode affected = rest.get("/v1alpha/" + name + "/affectedResources").json();
    assertThat(affected.at("/affectedResources/0/cloudConsoleUrl").asText())
        .startsWith("https://console.cloud.google.com/")
        .contains("project=test-project");

    Response validation =
        rest.post(
            API + "/validations?validationId=console-check",
            "{\"action\": {\"cloudSqlFailover\": {\"instance\":"
                + " \"projects/test-project/instances/orders\"}}}");
    assertThat(validation.status()).as(validation.json().toString()).isEqualTo(200);
    JsonNode resources =
        rest.get("/v1alpha/" + validation.text("/name") + "/validationResources").json();
    assertThat(resources.at("/validationResources/0/cloudConsoleUrl").asText())
        .isEqualTo(
            "https://console.cloud.google.com/sql/instances/orders/overview?project=test-project");
  }
}
