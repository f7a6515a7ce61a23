package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static io.github.faultexperiment.emulator.gcp.Fixtures.PARENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentTemplateTests {
  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final FaultEmulator emulator = HARNESS.emulator();
  private final GoogleRest rest = HARNESS.rest();

  private Response create(String id, String body) {
    return rest.post(API + "/experimentTemplates?experimentTemplateId=" + id, body);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"cloudSqlFailover\": {\"instance\": \"projects/test-project/instances/orders-db\"}}",
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/test-project/global/forwardingRules/web\","
            + " \"delay\": {\"delay\": \"2.500s\", \"percentage\": 12.5}}}",
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/test-project/regions/us-central1/forwardingRules/web\","
            + " \"backendService\": \"projects/test-project/regions/us-central1/backendServices/api\","
            + " \"abort\": {\"percentage\": 100, \"statusCode\": 500}}}",
        "{\"gceFailCompute\": {\"instances\": {\"instances\": [\"projects/test-project/zones/us-central1-a/instances/vm-1\"]}}}",
        "{\"gceFailCompute\": {\"location\": \"us-central1-a\"}}",
        "{\"gceFailCompute\": {\"mig\": {\"instanceGroupManager\":"
            + " \"projects/test-project/zones/us-central1-a/instanceGroupManagers/web\", \"location\": \"us-central1-a\"}}}",
        "{\"gceFailCompute\": {\"secureTagValue\": \"tagValues/123456\"}}",
        "{\"gkeFailCompute\": {\"cluster\": \"projects/test-project/locations/us-central1/clusters/prod\","
            + " \"k8sNamespace\": [\"checkout\", \"pricing\"], \"location\": \"us-central1-a\"}}"
      })
  void everyActionKindRoundTrips(String action) throws Exception {
    String body =
        "{\"displayName\": \"name\", \"description\": \"about\", \"duration\": \"3600s\", \"action\": "
            + action
            + "}";

    Response created = create("tmpl-1", body);

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.text("/name")).isEqualTo(PARENT + "/experimentTemplates/tmpl-1");
    assertThat(created.json().get("action")).isEqualTo(GoogleRest.MAPPER.readTree(action));
    assertThat(created.text("/displayName")).isEqualTo("name");
    assertThat(created.text("/description")).isEqualTo("about");
    assertThat(created.text("/duration")).isEqualTo("3600s");
    assertThat(created.text("/createTime")).endsWith("Z").isEqualTo(created.text("/updateTime"));
    assertThat(rest.get("/v1alpha/" + created.text("/name")).json()).isEqualTo(created.json());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/p/global/forwardingRules/f\", \"abort\": {\"percentage\": 101, \"statusCode\": 503}}}"
            + "|experimentTemplate.action.l7LbHttpFault.abort.percentage|between 0 and 100",
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/p/global/forwardingRules/f\", \"abort\": {\"percentage\": -1, \"statusCode\": 503}}}"
            + "|experimentTemplate.action.l7LbHttpFault.abort.percentage|between 0 and 100",
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/p/global/forwardingRules/f\", \"abort\": {\"percentage\": 5, \"statusCode\": 404}}}"
            + "|experimentTemplate.action.l7LbHttpFault.abort.statusCode|between 500 and 599",
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/p/global/forwardingRules/f\", \"delay\": {\"percentage\": 150, \"delay\": \"1s\"}}}"
            + "|experimentTemplate.action.l7LbHttpFault.delay.percentage|between 0 and 100",
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/p/global/forwardingRules/f\", \"delay\": {\"percentage\": 10, \"delay\": \"soon\"}}}"
            + "|experimentTemplate.action.l7LbHttpFault.delay.delay|3.5s",
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"projects/p/global/forwardingRules/f\"}}"
            + "|experimentTemplate.action.l7LbHttpFault|exactly one of abort, delay",
        "{\"l7LbHttpFault\": {\"abort\": {\"percentage\": 5, \"statusCode\": 503}}}"
            + "|experimentTemplate.action.l7LbHttpFault.forwardingRule|is required",
        "{\"l7LbHttpFault\": {\"forwardingRule\": \"web\", \"abort\": {\"percentage\": 5, \"statusCode\": 503}}}"
            + "|experimentTemplate.action.l7LbHttpFault.forwardingRule|projects/{project}",
        "{\"cloudSqlFailover\": {}}|experimentTemplate.action.cloudSqlFailover.instance|is required",
        "{}|experimentTemplate.action|exactly one of",
        "{\"cloudSqlFailover\": {\"instance\": \"projects/p/instances/i\"}, \"gkeFailCompute\": {\"cluster\": \"projects/p/locations/l/clusters/c\"}}"
            + "|experimentTemplate.action|cloudSqlFailover, gkeFailCompute",
        "{\"networkFault\": {}}|experimentTemplate.action|Unknown name \"networkFault\"",
        "{\"gceFailCompute\": {\"instances\": {\"instances\": []}}}|experimentTemplate.action.gceFailCompute.instances.instances|at least one",
        "{\"gkeFailCompute\": {\"location\": \"us-central1\"}}|experimentTemplate.action.gkeFailCompute.cluster|is required"
      })
  void invalidActionsAreInvalidArgumentNamingTheField(String action, String field, String message) {
    Response refused = create("tmpl-1", "{\"duration\": \"600s\", \"action\": " + action + "}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("INVALID_ARGUMENT");
    assertThat(refused.text("/error/message")).contains(field).contains(message);
    assertThat(refused.text("/error/details/1/fieldViolations/0/field")).isEqualTo(field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1s", "864001s", "10m", "-600s"})
  void templateDurationsOutsideZeroToTenDaysAreRefused(String duration) {
    Response refused =
        create(
            "tmpl-1",
            "{\"duration\": \""
                + duration
                + "\", \"action\": {\"cloudSqlFailover\": {\"instance\": \"projects/p/instances/i\"}}}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/message")).contains("experimentTemplate.duration");
  }

  @Test
  void durationsAreNormalisedAsProtobufJsonDoes() {
    Response created =
        create(
            "tmpl-1",
            "{\"duration\": \"60.5s\", \"action\": {\"l7LbHttpFault\": {\"forwardingRule\":"
                + " \"projects/p/global/forwardingRules/f\", \"delay\": {\"delay\": \"0.25s\", \"percentage\": 1}}}}");

    assertThat(created.text("/duration")).isEqualTo("60.500s");
    assertThat(created.text("/action/l7LbHttpFault/delay/delay")).isEqualTo("0.250s");
  }

  @Test
  void aMissingDurationOrUnknownFieldIsInvalidArgument() {
    String action = "{\"cloudSqlFailover\": {\"instance\": \"projects/p/instances/i\"}}";
    assertThat(create("tmpl-1", "{\"action\": " + action + "}").text("/error/message"))
        .contains("experimentTemplate.duration")
        .contains("required");
    assertThat(
            create(
                    "tmpl-1",
                    "{\"duration\": \"600s\", \"colour\": \"red\", \"action\": " + action + "}")
                .text("/error/message"))
        .contains("Unknown name \"colour\"");
    assertThat(create("tmpl-1", "{not json").text("/error/message"))
        .contains("Invalid JSON payload");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1abc", "-abc", "Upper-case", "ends-with-", "has_underscore"})
  void invalidTemplateIdsAreRefused(String id) {
    Response refused = create(id, Fixtures.LB_ABORT);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/message")).contains("experimentTemplateId");
  }

  @Test
  void aDuplicateTemplateIsAlreadyExists() {
    create("tmpl-1", Fixtures.LB_ABORT);

    Response duplicate = create("tmpl-1", Fixtures.LB_ABORT);

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.text("/error/status")).isEqualTo("ALREADY_EXISTS");
  }

  @Test
  void listPaginatesOverOneLocationOnly() {
    for (int i = 1; i <= 5; i++) {
      create("tmpl-" + i, Fixtures.LB_ABORT);
    }
    emulator
        .faultTesting()
        .createTemplate("test-project", "europe-west1", "elsewhere", Fixtures.LB_ABORT);

    List<String> names = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      Response page = rest.get(API + "/experimentTemplates?pageSize=2&pageToken=" + token);
      page.json().get("experimentTemplates").forEach(t -> names.add(t.get("name").asText()));
      token = page.json().path("nextPageToken").asText("");
      pages++;
    } while (!token.isEmpty());

    assertThat(pages).isEqualTo(3);
    assertThat(names)
        .hasSize(5)
        .allMatch(name -> name.startsWith(PARENT + "/experimentTemplates/tmpl-"));
    assertThat(rest.get(API + "/experimentTemplates?pageToken=garbage").status()).isEqualTo(400);
  }

  @Test
  void patchUpdatesOnlyTheMaskedFields() {
    String name = create("tmpl-1", Fixtures.LB_ABORT).text("/name");

    Response patched =
        rest.patch(
            "/v1alpha/" + name + "?updateMask=displayName,duration",
            "{\"displayName\": \"renamed\", \"duration\": \"120s\", \"description\": \"ignored\"}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.text("/displayName")).isEqualTo("renamed");
    assertThat(patched.text("/duration")).isEqualTo("120s");
    assertThat(patched.text("/description")).isEqualTo("Half the checkout requests fail");
    assertThat(timestamp(patched, "/updateTime"))
        .isAfterOrEqualTo(timestamp(patched, "/createTime"));
    assertThat(rest.get("/v1alpha/" + name).text("/displayName")).isEqualTo("renamed");
  }

  @Test
  void patchValidatesTheResultAndTheMask() {
    String name = create("tmpl-1", Fixtures.LB_ABORT).text("/name");

    Response badValue =
        rest.patch("/v1alpha/" + name + "?updateMask=duration", "{\"duration\": \"-1s\"}");
    Response badMask = rest.patch("/v1alpha/" + name + "?updateMask=createTime", "{}");

    assertThat(badValue.status()).isEqualTo(400);
    assertThat(badValue.text("/error/message")).contains("experimentTemplate.duration");
    assertThat(badMask.status()).isEqualTo(400);
    assertThat(badMask.text("/error/message")).contains("updateMask").contains("createTime");
    assertThat(rest.get("/v1alpha/" + name).text("/duration")).isEqualTo("600s");
  }

  @Test
  void patchAlsoArrivesAsPostWithMethodOverride() {
    String name = create("tmpl-1", Fixtures.LB_ABORT).text("/name");

    Response patched =
        rest.send(
            "POST",
            "/v1alpha/" + name + "?updateMask=description",
            "{\"description\": \"new\"}",
            "X-HTTP-Method-Override",
            "PATCH");
    Response plainPost = rest.post("/v1alpha/" + name, "{}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.text("/description")).isEqualTo("new");
    assertThat(plainPost.status()).isEqualTo(404);
    assertThat(plainPost.text("/error/message")).contains("POST");
  }

  @Test
  void deleteAnswersAnEmptyObjectThenNotFound() {
    String name = create("tmpl-1", Fixtures.LB_ABORT).text("/name");

    Response deleted = rest.delete("/v1alpha/" + name);

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().isEmpty()).isTrue();
    Response missing = rest.get("/v1alpha/" + name);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text("/error/message")).contains(name);
    assertThat(rest.delete("/v1alpha/" + name).status()).isEqualTo(404);
  }

  @Test
  void createTemplateFromJavaRefusesInvalidTemplatesWithTheApiMessage() {
    assertThatThrownBy(
            () ->
                emulator
                    .faultTesting()
                    .createTemplate("p", "l", "tmpl-1", "{\"duration\": \"600s\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("experimentTemplate.action");
  }

  private static java.time.Instant timestamp(Response response, String pointer) {
    JsonNode node = response.json().at(pointer);
    return java.time.Instant.parse(node.asText());
  }
}
