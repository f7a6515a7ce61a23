package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static io.github.faultexperiment.emulator.gcp.Fixtures.PARENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test controls under /_emulator/gcp/, as a tool outside the JVM uses them. */
class ControlApiTests {
  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final FaultEmulator emulator = HARNESS.emulator();
  private final GoogleRest rest = HARNESS.rest();

  @BeforeEach
  void freshState() {
    rest.post("/_emulator/gcp/reset", "");
  }

  private String createTemplate() {
    Response created =
        rest.post(
            "/_emulator/gcp/templates",
            "{\"project\": \"test-project\", \"location\": \"us-central1\", \"templateId\": \"lb-abort\","
                + " \"template\": "
                + Fixtures.LB_ABORT
                + "}");
    assertThat(created.status()).isEqualTo(200);
    return created.text("/name");
  }

  @Test
  void timingsTemplatesAndExperimentListingDriveALifecycle() {
    Response timings =
        rest.send(
            "PUT",
            "/_emulator/gcp/timings",
            "{\"preparing\": \"0.02s\", \"injecting\": \"0.02s\", \"reverting\": \"0.02s\", \"maxInjection\": \"0.1s\"}");
    assertThat(timings.text("/maxInjection")).isEqualTo("0.100s");
    assertThat(rest.get("/_emulator/gcp/timings").text("/preparing")).isEqualTo("0.020s");
    String template = createTemplate();
    assertThat(template).isEqualTo(PARENT + "/experimentTemplates/lb-abort");

    rest.post(
        API + "/experiments?experimentId=exp-1",
        "{\"experimentTemplate\": \"" + template + "\", \"startOnCreateEnabled\": true}");
    assertThat(rest.get("/_emulator/gcp/experiments?active=true").json().get("experiments"))
        .hasSize(1);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                rest.get("/_emulator/gcp/experiments?active=true")
                    .json()
                    .get("experiments")
                    .isEmpty());
    Response all = rest.get("/_emulator/gcp/experiments");
    assertThat(all.text("/experiments/0/name")).isEqualTo(PARENT + "/experiments/exp-1");
    assertThat(all.text("/experiments/0/state")).isEqualTo("COMPLETED");
    assertThat(all.text("/experiments/0/endReason")).isEqualTo("COMPLETED");
    assertThat(all.text("/experiments/0/stopTime")).endsWith("Z");
  }

  @Test
  void apiFaultsRequestCountsAndDeniedProjects() {
    rest.post(
        "/_emulator/gcp/apiFaults",
        "{\"operation\": \"experiments.list\", \"kind\": \"throttle\", \"remaining\": 1}");
    assertThat(rest.get(API + "/experiments").status()).isEqualTo(429);
    assertThat(rest.get(API + "/experiments").status()).isEqualTo(200);
    rest.post("/_emulator/gcp/apiFaults", "{\"kind\": \"UNAVAILABLE\"}");
    assertThat(rest.get(API + "/experimentTemplates").status()).isEqualTo(503);
    rest.delete("/_emulator/gcp/apiFaults");
    assertThat(rest.get(API + "/experimentTemplates").status()).isEqualTo(200);

    Response counts = rest.get("/_emulator/gcp/requests");
    assertThat(counts.json().at("/requests/experiments.list").asLong()).isEqualTo(2);
    assertThat(counts.json().at("/requests/experimentTemplates.list").asLong()).isEqualTo(2);

    rest.post(
        "/_emulator/gcp/deniedProjects",
        "{\"project\": \"test-project\", \"message\": \"not on the allow-list\"}");
    assertThat(rest.get(API + "/experiments").status()).isEqualTo(403);
  }

  @Test
  void rejectedResources() {
    Response made =
        rest.post(
            "/_emulator/gcp/rejectedResources",
            "{\"resource\": \"projects/p/instances/db\", \"message\": \"Instance not found\"}");
    String validation =
        rest.post(
                API + "/validations?validationId=dry-1",
                "{\"action\": {\"cloudSqlFailover\": {\"instance\": \"projects/p/instances/db\"}}}")
            .text("/name");

    assertThat(made.status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rest.get("/v1alpha/" + validation).text("/state").equals("COMPLETED"));
    assertThat(
            rest.get("/v1alpha/" + validation + "/validationResources/db").text("/error/message"))
        .isEqualTo("Instance not found");
  }

  @Test
  void unreachableLocations() {
    Response made =
        rest.post(
            "/_emulator/gcp/unreachableLocations",
            "{\"project\": \"test-project\", \"location\": \"europe-west1\"}");

    assertThat(made.status()).isEqualTo(200);
    assertThat(
            rest.get("/v1alpha/projects/test-project/locations/-/experiments")
                .text("/unreachable/0"))
        .isEqualTo("projects/test-project/locations/europe-west1");
    assertThat(rest.post("/_emulator/gcp/unreachableLocations", "{}").text("/error/message"))
        .contains("'project' (a string) is required");
  }

  @Test
  void failAffectedResourceAndAuth() {
    String template = createTemplate();
    String name =
        rest.post(
                API + "/experiments?experimentId=exp-1",
                "{\"experimentTemplate\": \"" + template + "\"}")
            .text("/name");

    Response failed =
        rest.post(
            "/_emulator/gcp/failAffectedResource",
            "{\"experiment\": \"" + name + "\", \"message\": \"boom\"}");

    assertThat(failed.status()).isEqualTo(200);
    assertThat(rest.get("/v1alpha/" + name).text("/endNotes")).contains("boom");

    rest.send("PUT", "/_emulator/gcp/auth", "{\"bearerToken\": \"t\"}");
    assertThat(rest.get("/v1alpha/" + name).status()).isEqualTo(401);
    rest.send("PUT", "/_emulator/gcp/auth", "{\"bearerToken\": null}");
    assertThat(rest.get("/v1alpha/" + name).status()).isEqualTo(200);
  }

  @Test
  void badControlRequestsSayWhatIsWrong() {
    Response unknown = rest.get("/_emulator/gcp/nothing");
    Response badKind = rest.post("/_emulator/gcp/apiFaults", "{\"kind\": \"EXPLODE\"}");
    Response badTemplate =
        rest.post(
            "/_emulator/gcp/templates",
            "{\"project\": \"p\", \"location\": \"l\", \"templateId\": \"tmpl-1\", \"template\": {}}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("/error/message")).contains("docs/emulator-gcp.md");
    assertThat(badKind.status()).isEqualTo(400);
    assertThat(badKind.text("/error/message")).contains("EXPLODE").contains("THROTTLE");
    assertThat(badTemplate.status()).isEqualTo(400);
    assertThat(badTemplate.text("/error/message")).contains("experimentTemplate.duration");
  }
}
