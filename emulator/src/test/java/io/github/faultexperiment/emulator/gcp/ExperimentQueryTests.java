package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static io.github.faultexperiment.emulator.gcp.Fixtures.PARENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** list, delete, stopAll and affected resources of experiments. */
class ExperimentQueryTests {
  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final FaultEmulator emulator = HARNESS.emulator();
  private final GoogleRest rest = HARNESS.rest();
  private final FaultTestingEmulator gcp = HARNESS.faultTesting();
  private String template;

  @BeforeEach
  void loadTemplate() {
    template = HARNESS.createLbAbortTemplate();
  }

  private String create(String id) {
    return rest.post(
            API + "/experiments?experimentId=" + id,
            "{\"experimentTemplate\": \"" + template + "\"}")
        .text("/name");
  }

  private String injected(String id) {
    String name = create(id);
    HARNESS.awaitState(name, "PREPARED");
    rest.post("/v1alpha/" + name + ":start", "{}");
    HARNESS.awaitState(name, "INJECTED");
    return name;
  }

  @Test
  void listIsNewestFirstAndPaginates() {
    for (int i = 1; i <= 5; i++) {
      create("exp-" + i);
    }

    List<String> ids = new ArrayList<>();
    String token = "";
    do {
      Response page = rest.get(API + "/experiments?pageSize=2&pageToken=" + token);
      assertThat(page.json().get("experiments").size()).isLessThanOrEqualTo(2);
      page.json()
          .get("experiments")
          .forEach(e -> ids.add(e.get("name").asText().replace(PARENT + "/experiments/", "")));
      token = page.json().path("nextPageToken").asText("");
    } while (!token.isEmpty());

    assertThat(ids).containsExactly("exp-5", "exp-4", "exp-3", "exp-2", "exp-1");
    assertThat(
            rest.get("/v1alpha/projects/test-project/locations/-/experiments")
                .json()
                .get("experiments"))
        .hasSize(5);
    assertThat(
            rest.get("/v1alpha/projects/test-project/locations/europe-west1/experiments")
                .json()
                .path("experiments"))
        .isEmpty();
  }

  @Test
  void listFiltersOnState() {
    String live = injected("live-1");
    String waiting = create("waiting-1");
    HARNESS.awaitState(waiting, "PREPARED");

    Response injectedOnly = rest.get(API + "/experiments?filter=" + encode("state=\"INJECTED\""));
    Response notInjected = rest.get(API + "/experiments?filter=" + encode("state != \"INJECTED\""));
    Response either =
        rest.get(API + "/experiments?filter=" + encode("state=\"INJECTED\" OR state=\"PREPARED\""));

    assertThat(injectedOnly.json().get("experiments"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("name").asText()).isEqualTo(live));
    assertThat(notInjected.json().get("experiments"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("name").asText()).isEqualTo(waiting));
    assertThat(either.json().get("experiments")).hasSize(2);
  }

  @Test
  void aMalformedFilterIsInvalidArgument() {
    Response refused = rest.get(API + "/experiments?filter=" + encode("(state = \"INJECTED\""));
    Response unknownField = rest.get(API + "/experiments?filter=" + encode("colour=\"red\""));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("INVALID_ARGUMENT");
    assertThat(refused.text("/error/message")).contains("filter");
    assertThat(unknownField.text("/error/message")).contains("colour").contains("state");
  }

  private String completed(String id) {
    String name = injected(id);
    rest.post("/v1alpha/" + name + ":stop", "{}");
    HARNESS.awaitState(name, "COMPLETED");
    return name;
  }

  @Test
  void deleteNeedsACompletedExperimentEvenWithForce() {
    String running = injected("exp-1");
    String prepared = create("exp-2");
    HARNESS.awaitState(prepared, "PREPARED");

    Response refused = rest.delete("/v1alpha/" + running + "?force=true");
    Response refusedPrepared = rest.delete("/v1alpha/" + prepared + "?force=true");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(refused.text("/error/details/0/reason")).isEqualTo("EXPERIMENT_NOT_COMPLETED");
    assertThat(refused.text("/error/message"))
        .contains("INJECTED")
        .contains("only a COMPLETED experiment")
        .contains("Stop it first");
    assertThat(refusedPrepared.text("/error/message")).contains("PREPARED");
    assertThat(rest.get("/v1alpha/" + running).text("/state")).isEqualTo("INJECTED");
    assertThat(gcp.experiments()).hasSize(2);
  }

  @Test
  void deleteWithoutForceIsRefusedWhileTheExperimentHasAffectedResources() {
    String name = completed("exp-1");

    Response refused = rest.delete("/v1alpha/" + name);
    Response refusedFalse = rest.delete("/v1alpha/" + name + "?force=false");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(refused.text("/error/details/0/reason")).isEqualTo("HAS_CHILD_RESOURCES");
    assertThat(refused.text("/error/message"))
        .contains(name)
        .contains("2 affected resources")
        .contains("force=true");
    assertThat(refusedFalse.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(rest.get("/v1alpha/" + name).status()).isEqualTo(200);
  }

  @Test
  void forceDeletesACompletedExperimentWithItsAffectedResources() {
    String name = completed("exp-1");

    Response deleted = rest.delete("/v1alpha/" + name + "?force=true");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().isEmpty()).isTrue();
    assertThat(rest.get("/v1alpha/" + name).status()).isEqualTo(404);
    assertThat(rest.get("/v1alpha/" + name + "/affectedResources/checkout").status())
        .isEqualTo(404);
    assertThat(gcp.experiments()).isEmpty();
  }

  @Test
  void aForceThatIsNotABooleanIsInvalidArgument() {
    String name = completed("exp-1");

    Response refused = rest.delete("/v1alpha/" + name + "?force=yes");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("INVALID_ARGUMENT");
    assertThat(refused.text("/error/message")).contains("force").contains("yes").contains("true");
    assertThat(rest.get("/v1alpha/" + name).status()).isEqualTo(200);
  }

  @Test
  void stopAllStopsOnlyTheRunningExperimentsOfTheLocation() {
    String first = injected("exp-1");
    String second = injected("exp-2");
    String prepared = create("exp-3");
    HARNESS.awaitState(prepared, "PREPARED");
    String done = completed("exp-4");

    Response answer = rest.post(API + "/experiments:stopAll", "{}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("stoppedExperimentsCount").asInt()).isEqualTo(2);
    assertThat(answer.json().path("errors")).isEmpty();
    HARNESS.awaitState(first, "COMPLETED");
    HARNESS.awaitState(second, "COMPLETED");
    assertThat(rest.get("/v1alpha/" + first).text("/endNotes")).contains("stopAll");
    assertThat(rest.get("/v1alpha/" + first).text("/endReason")).isEqualTo("CANCELLED");
    assertThat(rest.get("/v1alpha/" + prepared).text("/state")).isEqualTo("PREPARED");
    assertThat(rest.get("/v1alpha/" + done).text("/endNotes")).contains("experiments.stop)");
  }

  @Test
  void stopAllWithNothingRunningStopsNothing() {
    String prepared = create("exp-1");
    HARNESS.awaitState(prepared, "PREPARED");

    Response answer = rest.post(API + "/experiments:stopAll", "{}");

    assertThat(answer.json().isEmpty()).as("the documented empty response").isTrue();
    assertThat(rest.get("/v1alpha/" + prepared).text("/state")).isEqualTo("PREPARED");
  }

  @Test
  void affectedResourcesFollowTheActionsTargets() {
    String name = injected("exp-1");

    Response list = rest.get("/v1alpha/" + name + "/affectedResources");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("affectedResources")).hasSize(2);
    assertThat(list.text("/affectedResources/0/name"))
        .isEqualTo(name + "/affectedResources/checkout");
    assertThat(list.text("/affectedResources/0/affectedResourceUri"))
        .isEqualTo(
            "//compute.googleapis.com/projects/test-project/regions/us-central1/forwardingRules/checkout");
    assertThat(list.text("/affectedResources/0/displayName")).isEqualTo("checkout");
    assertThat(list.text("/affectedResources/0/state")).isEqualTo("INJECTED");
    assertThat(list.text("/affectedResources/1/affectedResourceUri"))
        .endsWith("/backendServices/pricing");

    Response one = rest.get("/v1alpha/" + name + "/affectedResources/pricing");
    assertThat(one.text("/displayName")).isEqualTo("pricing");
    assertThat(one.text("/stateMessage")).isNotEmpty();
    assertThat(rest.get("/v1alpha/" + name + "/affectedResources/nothing").status()).isEqualTo(404);
    assertThat(
            rest.get("/v1alpha/" + name + "/affectedResources?pageSize=1")
                .json()
                .get("affectedResources"))
        .hasSize(1);
  }

  @Test
  void failingAnAffectedResourceEndsTheExperimentAndShowsTheError() {
    String name = injected("exp-1");

    gcp.failAffectedResource("exp-1", "Permission compute.forwardingRules.update denied");

    HARNESS.awaitState(name, "COMPLETED");
    Response experiment = rest.get("/v1alpha/" + name);
    assertThat(experiment.text("/endReason")).isEqualTo("CANCELLED");
    assertThat(experiment.text("/endNotes"))
        .contains("forwardingRules/checkout")
        .contains("Permission compute.forwardingRules.update denied");
    Response failed = rest.get("/v1alpha/" + name + "/affectedResources/checkout");
    assertThat(failed.text("/error/message"))
        .isEqualTo("Permission compute.forwardingRules.update denied");
    assertThat(failed.json().at("/error/code").asInt()).isEqualTo(9);
    assertThat(failed.text("/stateMessage")).contains("INJECTED").contains("denied");
    assertThat(rest.get("/v1alpha/" + name + "/affectedResources/pricing").json().has("error"))
        .isFalse();
  }

  @Test
  void failingAResourceDuringTheDryRunCompletesWithoutInjecting() {
    gcp.timings(FaultTestingTimings.of(Duration.ofSeconds(30)));
    String name = create("exp-1");

    gcp.failAffectedResource(name, "Forwarding rule not found");

    Response experiment = rest.get("/v1alpha/" + name);
    assertThat(experiment.text("/state")).isEqualTo("COMPLETED");
    assertThat(experiment.json().has("startTime")).isFalse();
    assertThat(rest.get("/v1alpha/" + name + "/affectedResources/checkout").text("/stateMessage"))
        .contains("PREPARING");
  }

  @Test
  void aRejectedResourceFailsTheDryRunAndTheExperimentNeverInjects() {
    gcp.rejectResource(
        "projects/test-project/regions/us-central1/backendServices/pricing",
        "Permission compute.backendServices.update denied");

    String name =
        rest.post(
                API + "/experiments?experimentId=exp-1",
                "{\"experimentTemplate\": \"" + template + "\", \"startOnCreateEnabled\": true}")
            .text("/name");

    HARNESS.awaitState(name, "COMPLETED");
    Response experiment = rest.get("/v1alpha/" + name);
    assertThat(experiment.text("/endReason")).isEqualTo("CANCELLED");
    assertThat(experiment.text("/endNotes"))
        .contains("Dry run failed on //compute.googleapis.com/")
        .contains("backendServices/pricing")
        .contains("denied");
    assertThat(experiment.json().has("startTime")).isFalse();
    Response pricing = rest.get("/v1alpha/" + name + "/affectedResources/pricing");
    assertThat(pricing.text("/error/message"))
        .isEqualTo("Permission compute.backendServices.update denied");
    assertThat(pricing.text("/stateMessage")).contains("PREPARING");
    assertThat(rest.get("/v1alpha/" + name + "/affectedResources/checkout").json().has("error"))
        .isFalse();
  }

  @Test
  void experimentIdsAreValidatedAndTheTemplateMustExist() {
    Response badId =
        rest.post(
            API + "/experiments?experimentId=Bad_Id",
            "{\"experimentTemplate\": \"" + template + "\"}");
    Response noTemplate = rest.post(API + "/experiments", "{\"displayName\": \"x\"}");
    Response unknownTemplate =
        rest.post(
            API + "/experiments",
            "{\"experimentTemplate\": \"" + PARENT + "/experimentTemplates/nope\"}");

    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.text("/error/message")).contains("experimentId").contains("Bad_Id");
    assertThat(noTemplate.status()).isEqualTo(400);
    assertThat(noTemplate.text("/error/message")).contains("experiment.experimentTemplate");
    assertThat(unknownTemplate.status()).isEqualTo(404);
    assertThat(unknownTemplate.text("/error/message"))
        .contains(PARENT + "/experimentTemplates/nope");
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
