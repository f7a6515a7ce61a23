package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static io.github.faultexperiment.emulator.gcp.Fixtures.PARENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What list answers hold ({@code unreachable}) and which query parameters methods accept. */
class ListAnswerTests {
  private static final String ALL_LOCATIONS = "/v1alpha/projects/test-project/locations/-";
  private static final String EUROPE = "projects/test-project/locations/europe-west1";

  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final GoogleRest rest = HARNESS.rest();
  private final FaultTestingEmulator gcp = HARNESS.faultTesting();

  @ParameterizedTest
  @ValueSource(strings = {"experimentTemplates", "experiments", "exclusionWindows", "validations"})
  void listAnswersLeaveEmptyFieldsOutWhenEveryLocationAnswered(String collection) {
    Response list = rest.get(API + "/" + collection);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path(collection)).isEmpty();
    assertThat(list.json().path("unreachable")).isEmpty();
  }

  @Test
  void subCollectionListsHaveNoUnreachable() {
    String template = HARNESS.createLbAbortTemplate();
    String experiment =
        rest.post(
                API + "/experiments?experimentId=exp-1",
                "{\"experimentTemplate\": \"" + template + "\"}")
            .text("/name");

    Response resources = rest.get("/v1alpha/" + experiment + "/affectedResources");

    assertThat(resources.json().has("affectedResources")).isTrue();
    assertThat(resources.json().has("unreachable")).isFalse();
  }

  @Test
  void anUnreachableLocationIsNamedInListsOverEveryLocationAndItsItemsLeftOut() {
    HARNESS.createLbAbortTemplate();
    gcp.createTemplate("test-project", "europe-west1", "elsewhere", Fixtures.LB_ABORT);
    rest.post(
        "/v1alpha/" + EUROPE + "/exclusionWindows?exclusionWindowId=freeze",
        "{\"duration\": \"60s\"}");

    gcp.makeLocationUnreachable("test-project", "europe-west1");

    Response templates = rest.get(ALL_LOCATIONS + "/experimentTemplates");
    assertThat(templates.status()).isEqualTo(200);
    assertThat(templates.json().get("experimentTemplates"))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.get("name").asText())
                    .isEqualTo(PARENT + "/experimentTemplates/lb-abort"));
    assertThat(templates.json().get("unreachable")).hasSize(1);
    assertThat(templates.text("/unreachable/0")).isEqualTo(EUROPE);
    Response windows = rest.get(ALL_LOCATIONS + "/exclusionWindows");
    assertThat(windows.json().path("exclusionWindows")).isEmpty();
    assertThat(windows.text("/unreachable/0")).isEqualTo(EUROPE);
    assertThat(rest.get(ALL_LOCATIONS + "/experiments").text("/unreachable/0")).isEqualTo(EUROPE);
    assertThat(rest.get(API + "/experimentTemplates").json().path("unreachable")).isEmpty();
  }

  @Test
  void aCallNamingAnUnreachableLocationIsUnavailable() {
    gcp.makeLocationUnreachable("test-project", "europe-west1");

    Response refused = rest.get("/v1alpha/" + EUROPE + "/experimentTemplates");

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.text("/error/status")).isEqualTo("UNAVAILABLE");
    assertThat(refused.text("/error/message")).contains(EUROPE).contains("unreachable");

    gcp.reset();
    assertThat(rest.get("/v1alpha/" + EUROPE + "/experimentTemplates").status()).isEqualTo(200);
  }

  @Test
  void theTemplateListTakesNoFilter() {
    HARNESS.createLbAbortTemplate();

    Response refused = rest.get(API + "/experimentTemplates?filter=displayName%3D%22LB%20abort%22");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("INVALID_ARGUMENT");
    assertThat(refused.text("/error/message"))
        .contains("Unknown name \"filter\"")
        .contains("Cannot bind query parameter")
        .contains("experimentTemplates.list takes pageSize, pageToken");
    assertThat(refused.text("/error/details/1/fieldViolations/0/field")).isEqualTo("filter");
  }

  @Test
  void unknownQueryParametersAreRefusedAndSystemParametersAccepted() {
    String template = HARNESS.createLbAbortTemplate();

    Response typo =
        rest.post(
            API + "/experiments?experimentID=exp-1",
            "{\"experimentTemplate\": \"" + template + "\"}");
    Response onGet = rest.get("/v1alpha/" + template + "?force=true");

    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.text("/error/message"))
        .contains("Unknown name \"experimentID\"")
        .contains("experiments.create takes experimentId");
    assertThat(onGet.text("/error/message"))
        .contains("experimentTemplates.get takes no query parameters");
    assertThat(rest.get("/v1alpha/" + template + "?alt=json&prettyPrint=false").status())
        .isEqualTo(200);
  }
}
