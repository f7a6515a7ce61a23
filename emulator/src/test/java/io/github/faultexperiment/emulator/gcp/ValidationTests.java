package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static io.github.faultexperiment.emulator.gcp.Fixtures.PARENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code projects.locations.validations} and {@code validationResources}: the API's dry run. */
class ValidationTests {
  private static final String VALIDATIONS = API + "/validations";
  private static final String FORWARDING_RULE =
      "projects/test-project/regions/us-central1/forwardingRules/checkout";
  private static final String ACTION =
      """
      {"l7LbHttpFault": {
         "forwardingRule": "projects/test-project/regions/us-central1/forwardingRules/checkout",
         "backendService": "projects/test-project/regions/us-central1/backendServices/pricing",
         "abort": {"percentage": 50, "statusCode": 503}}}
      """;

  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final GoogleRest rest = HARNESS.rest();
  private final FaultTestingEmulator gcp = HARNESS.faultTesting();

  private Response create(String id) {
    return rest.post(
        VALIDATIONS + "?validationId=" + id,
        "{\"displayName\": \"checkout dry run\", \"description\": \"before the game day\","
            + " \"action\": "
            + ACTION
            + "}");
  }

  private void awaitState(String name, String state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rest.get("/v1alpha/" + name).text("/state").equals(state));
  }

  private String completed(String id) {
    String name = create(id).text("/name");
    awaitState(name, "COMPLETED");
    return name;
  }

  @Test
  void aValidationIsPreparingForThePreparingTimingThenCompleted() {
    gcp.timings(FaultTestingTimings.of(Duration.ofMillis(300)));

    Response created = create("dry-1");

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.text("/name")).isEqualTo(PARENT + "/validations/dry-1");
    assertThat(created.text("/displayName")).isEqualTo("checkout dry run");
    assertThat(created.text("/description")).isEqualTo("before the game day");
    assertThat(created.text("/action/l7LbHttpFault/forwardingRule")).isEqualTo(FORWARDING_RULE);
    assertThat(created.text("/state")).isEqualTo("PREPARING");
    assertThat(created.json().has("stopTime")).isFalse();
    assertThat(rest.get("/v1alpha/" + created.text("/name")).text("/state")).isEqualTo("PREPARING");

    awaitState(created.text("/name"), "COMPLETED");

    Response done = rest.get("/v1alpha/" + created.text("/name"));
    Instant createTime = Instant.parse(done.text("/createTime"));
    Instant stopTime = Instant.parse(done.text("/stopTime"));
    assertThat(Duration.between(createTime, stopTime))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(done.text("/createTime")).isEqualTo(created.text("/createTime"));
  }

  @Test
  void validationResourcesAreTheResourcesTheActionAddresses() {
    gcp.timings(FaultTestingTimings.of(Duration.ofSeconds(30)));
    String name = create("dry-1").text("/name");

    Response preparing = rest.get("/v1alpha/" + name + "/validationResources");

    assertThat(preparing.status()).isEqualTo(200);
    assertThat(preparing.json().get("validationResources")).hasSize(2);
    assertThat(preparing.json().has("unreachable")).isFalse();
    assertThat(preparing.text("/validationResources/0/name"))
        .isEqualTo(name + "/validationResources/checkout");
    assertThat(preparing.text("/validationResources/0/affectedResourceUri"))
        .isEqualTo("//compute.googleapis.com/" + FORWARDING_RULE);
    assertThat(preparing.text("/validationResources/0/displayName")).isEqualTo("checkout");
    assertThat(preparing.text("/validationResources/0/state")).isEqualTo("PREPARING");
    assertThat(preparing.text("/validationResources/0/stateMessage")).isNotEmpty();
    assertThat(preparing.text("/validationResources/1/affectedResourceUri"))
        .endsWith("/backendServices/pricing");
  }

  @Test
  void aCompletedValidationGivesEveryResourceAStateAndMessageAndNoErrorWhenAllIsWell() {
    String name = completed("dry-1");

    Response resources = rest.get("/v1alpha/" + name + "/validationResources");

    assertThat(resources.json().get("validationResources"))
        .hasSize(2)
        .allSatisfy(
            resource -> {
              assertThat(resource.get("state").asText()).isEqualTo("COMPLETED");
              assertThat(resource.get("stateMessage").asText()).isEqualTo(Validation.RESOURCE_OK);
              assertThat(resource.has("error")).isFalse();
            });
  }

  @Test
  void aRejectedResourceShowsItsErrorAndTheOthersStayHealthy() {
    gcp.rejectResource(FORWARDING_RULE, "Forwarding rule not found");
    gcp.rejectResource(
        "//compute.googleapis.com/projects/other/regions/us-central1/forwardingRules/x", "other");
    String name = completed("dry-1");

    Response checkout = rest.get("/v1alpha/" + name + "/validationResources/checkout");
    Response pricing = rest.get("/v1alpha/" + name + "/validationResources/pricing");

    assertThat(rest.get("/v1alpha/" + name).text("/state")).isEqualTo("COMPLETED");
    assertThat(checkout.text("/state")).isEqualTo("COMPLETED");
    assertThat(checkout.text("/stateMessage")).contains("Forwarding rule not found");
    assertThat(checkout.json().at("/error/code").asInt()).isEqualTo(9);
    assertThat(checkout.text("/error/message")).isEqualTo("Forwarding rule not found");
    assertThat(pricing.json().has("error")).isFalse();
    assertThat(pricing.text("/stateMessage")).isEqualTo(Validation.RESOURCE_OK);
  }

  @Test
  void aResourceCanBeRejectedByItsFullUri() {
    gcp.rejectResource(
        "//compute.googleapis.com/projects/test-project/regions/us-central1/backendServices/pricing",
        "Permission compute.backendServices.update denied");
    String name = completed("dry-1");

    Response failed =
        rest.get(
            "/v1alpha/"
                + name
                + "/validationResources?filter="
                + encode("state=\"COMPLETED\" AND displayName=\"pricing\""));

    assertThat(failed.json().get("validationResources")).hasSize(1);
    assertThat(failed.text("/validationResources/0/error/message"))
        .isEqualTo("Permission compute.backendServices.update denied");
  }

  @Test
  void aResourceRejectedAfterTheValidationCompletedDoesNotChangeIt() {
    String name = completed("dry-1");

    gcp.rejectResource(FORWARDING_RULE, "gone now");

    assertThat(rest.get("/v1alpha/" + name + "/validationResources/checkout").json().has("error"))
        .isFalse();
    String later = completed("dry-2");
    assertThat(
            rest.get("/v1alpha/" + later + "/validationResources/checkout").text("/error/message"))
        .isEqualTo("gone now");
  }

  @Test
  void aValidationPreparesAndInjectsNothingAndNoExclusionWindowBlocksIt() {
    List<ActionEvent> events = new CopyOnWriteArrayList<>();
    ActionListener listener =
        new ActionListener() {
          @Override
          public void actionStarted(ActionEvent event) {
            events.add(event);
          }

          @Override
          public void actionEnded(ActionEvent event) {
            events.add(event);
          }
        };
    gcp.addActionListener(listener);
    try {
      rest.post(API + "/exclusionWindows?exclusionWindowId=freeze", "{\"duration\": \"3600s\"}");
      rest.post(API + "/exclusionWindows/freeze:start", "{}");

      Response created = create("dry-1");
      awaitState(created.text("/name"), "COMPLETED");

      assertThat(created.status()).isEqualTo(200);
      assertThat(events).isEmpty();
      assertThat(gcp.experiments()).isEmpty();
      assertThat(rest.get(API + "/experiments").json().path("experiments")).isEmpty();
    } finally {
      gcp.removeActionListener(listener);
    }
  }

  @Test
  void listIsNewestFirstFiltersPaginatesAndCoversEveryLocation() {
    gcp.timings(FaultTestingTimings.of(Duration.ofSeconds(30)));
    for (int i = 1; i <= 3; i++) {
      create("dry-" + i);
    }
    gcp.timings(FaultTestingTimings.of(Duration.ZERO));
    String done = completed("dry-4");

    List<String> names = new ArrayList<>();
    String token = "";
    do {
      Response page = rest.get(VALIDATIONS + "?pageSize=3&pageToken=" + token);
      assertThat(page.json().path("unreachable")).isEmpty();
      page.json().get("validations").forEach(v -> names.add(v.get("name").asText()));
      token = page.json().path("nextPageToken").asText("");
    } while (!token.isEmpty());

    assertThat(names)
        .containsExactly(
            done,
            PARENT + "/validations/dry-3",
            PARENT + "/validations/dry-2",
            PARENT + "/validations/dry-1");
    assertThat(
            rest.get(VALIDATIONS + "?filter=" + encode("state=\"COMPLETED\""))
                .json()
                .get("validations"))
        .singleElement()
        .satisfies(v -> assertThat(v.get("name").asText()).isEqualTo(done));
    assertThat(
            rest.get("/v1alpha/projects/test-project/locations/-/validations")
                .json()
                .get("validations"))
        .hasSize(4);
    assertThat(
            rest.get("/v1alpha/projects/test-project/locations/europe-west1/validations")
                .json()
                .path("validations"))
        .isEmpty();
    assertThat(rest.get(VALIDATIONS + "?filter=" + encode("colour=\"x\"")).text("/error/message"))
        .contains("colour")
        .contains("state");
  }

  @Test
  void anUnreachableLocationIsNamedInTheListOverEveryLocation() {
    rest.post(
        "/v1alpha/projects/test-project/locations/europe-west1/validations",
        "{\"action\": " + ACTION + "}");
    gcp.makeLocationUnreachable("test-project", "europe-west1");

    Response all = rest.get("/v1alpha/projects/test-project/locations/-/validations");

    assertThat(all.json().path("validations")).isEmpty();
    assertThat(all.text("/unreachable/0"))
        .isEqualTo("projects/test-project/locations/europe-west1");
  }

  @Test
  void deleteWithoutForceIsRefusedWhileTheValidationHasResources() {
    String name = completed("dry-1");

    Response refused = rest.delete("/v1alpha/" + name);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(refused.text("/error/details/0/reason")).isEqualTo("HAS_CHILD_RESOURCES");
    assertThat(refused.text("/error/message"))
        .contains("2 validation resources")
        .contains("force=true");
    assertThat(rest.get("/v1alpha/" + name).status()).isEqualTo(200);
  }

  @Test
  void forceDeletesTheValidationWithItsResourcesInAnyState() {
    String name = completed("dry-1");
    gcp.timings(FaultTestingTimings.of(Duration.ofMillis(200)));
    String preparing = create("dry-2").text("/name");

    assertThat(rest.delete("/v1alpha/" + name + "?force=true").json().isEmpty()).isTrue();
    assertThat(rest.delete("/v1alpha/" + preparing + "?force=true").status()).isEqualTo(200);

    assertThat(rest.get("/v1alpha/" + name).status()).isEqualTo(404);
    assertThat(rest.get("/v1alpha/" + name + "/validationResources/checkout").status())
        .isEqualTo(404);
    assertThat(rest.get("/v1alpha/" + name + "/validationResources").status()).isEqualTo(404);
    assertThat(rest.get(VALIDATIONS).json().path("validations")).isEmpty();
    assertThat(rest.delete("/v1alpha/" + name + "?force=true").status()).isEqualTo(404);
  }

  @Test
  void theValidationIdIsOptionalAndFollowsTheDocumentedRule() {
    Response generated = rest.post(VALIDATIONS, "{\"action\": " + ACTION + "}");
    Response digitFirst = create("1abc");
    Response tooShort = create("abc");
    Response endsWithHyphen = create("abc-");

    assertThat(generated.text("/name")).matches(PARENT + "/validations/[0-9a-f-]{36}");
    assertThat(digitFirst.status()).isEqualTo(200);
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.text("/error/message"))
        .contains("validationId")
        .contains("start and end with a letter or digit");
    assertThat(endsWithHyphen.status()).isEqualTo(400);
    assertThat(create("1abc").text("/error/status")).isEqualTo("ALREADY_EXISTS");
  }

  @Test
  void invalidValidationsAreRefusedNamingTheField() {
    Response noAction = rest.post(VALIDATIONS, "{\"displayName\": \"x\"}");
    Response badAction =
        rest.post(
            VALIDATIONS, "{\"action\": {\"cloudSqlFailover\": {\"instance\": \"my-instance\"}}}");
    Response unknownField =
        rest.post(VALIDATIONS, "{\"action\": " + ACTION + ", \"colour\": \"red\"}");
    Response longDescription =
        rest.post(
            VALIDATIONS,
            "{\"action\": " + ACTION + ", \"description\": \"" + "d".repeat(2001) + "\"}");

    assertThat(noAction.status()).isEqualTo(400);
    assertThat(noAction.text("/error/message")).contains("validation.action").contains("required");
    assertThat(badAction.text("/error/message"))
        .contains("validation.action.cloudSqlFailover.instance")
        .contains("projects/{project}/instances/{instance}");
    assertThat(unknownField.text("/error/message")).contains("Unknown name \"colour\"");
    assertThat(longDescription.text("/error/message"))
        .contains("validation.description")
        .contains("2000");
    assertThat(rest.get(VALIDATIONS + "/nope-1").status()).isEqualTo(404);
    assertThat(rest.get(VALIDATIONS + "/nope-1/validationResources/x").status()).isEqualTo(404);
    String name = completed("dry-1");
    assertThat(rest.get("/v1alpha/" + name + "/validationResources/nothing").status())
        .isEqualTo(404);
  }

  @Test
  void apiFaultsAndRequestCountsNameTheValidationMethods() {
    gcp.injectApiFault(ApiFault.times("validations.create", ApiFault.Kind.THROTTLE, 1));

    assertThat(create("dry-1").status()).isEqualTo(429);
    assertThat(create("dry-1").status()).isEqualTo(200);
    rest.get(VALIDATIONS + "/dry-1/validationResources");

    assertThat(gcp.requestCount("validations.create")).isEqualTo(2);
    assertThat(gcp.requestCount("validations.validationResources.list")).isEqualTo(1);
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
