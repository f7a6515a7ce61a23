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

/** The documented id rules of every collection whose id the caller may choose. */
class ResourceIdTests {
  /** 63 characters, the longest id allowed. */
  private static final String LONGEST =
      "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb9";

  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final GoogleRest rest = HARNESS.rest();

  private Response createExperiment(String idParameter) {
    String template = PARENT + "/experimentTemplates/lb-abort";
    if (rest.get("/v1alpha/" + template).status() == 404) {
      HARNESS.createLbAbortTemplate();
    }
    return rest.post(
        API + "/experiments" + idParameter, "{\"experimentTemplate\": \"" + template + "\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcd", "1abc", "0000", "a-b-c-9", LONGEST})
  void experimentIdsStartAndEndWithALetterOrDigit(String id) {
    Response created = createExperiment("?experimentId=" + id);

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.text("/name")).isEqualTo(PARENT + "/experiments/" + id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-abc", "abc-", "Abcd", "ab_cd", "ab.cd", LONGEST + "x"})
  void otherExperimentIdsAreRefusedNamingTheRule(String id) {
    Response refused = createExperiment("?experimentId=" + id);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("INVALID_ARGUMENT");
    assertThat(refused.text("/error/details/1/fieldViolations/0/field")).isEqualTo("experimentId");
    assertThat(refused.text("/error/message"))
        .contains("'" + id + "'")
        .contains(id.length() + " characters")
        .contains("4-63 characters of lower-case letters, digits and '-'")
        .contains("start and end with a letter or digit");
  }

  @Test
  void anAbsentOrEmptyExperimentIdGetsAUuid() {
    assertThat(createExperiment("").text("/name"))
        .matches(
            PARENT + "/experiments/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(createExperiment("?experimentId=").text("/name"))
        .matches(PARENT + "/experiments/[0-9a-f-]{36}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcd", "a-b-9", LONGEST})
  void templateIdsStartWithALetterAndEndWithALetterOrDigit(String id) {
    Response created =
        rest.post(API + "/experimentTemplates?experimentTemplateId=" + id, Fixtures.LB_ABORT);

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.text("/name")).isEqualTo(PARENT + "/experimentTemplates/" + id);
  }

  @Test
  void aTemplateDigitFirstIdIsRefusedNamingTheRule() {
    Response refused =
        rest.post(API + "/experimentTemplates?experimentTemplateId=1abc", Fixtures.LB_ABORT);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/message"))
        .contains("experimentTemplateId")
        .contains("start with a letter and end with a letter or digit");
  }

  @Test
  void theTemplateIdIsOptional() {
    Response created = rest.post(API + "/experimentTemplates", Fixtures.LB_ABORT);

    assertThat(created.status()).isEqualTo(200);
    String name = created.text("/name");
    assertThat(name).matches(PARENT + "/experimentTemplates/template-[0-9a-f-]{36}");
    assertThat(rest.get("/v1alpha/" + name).status()).isEqualTo(200);
  }

  @Test
  void theExclusionWindowIdIsRequired() {
    Response refused = rest.post(API + "/exclusionWindows", "{\"duration\": \"60s\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/message"))
        .contains("'exclusionWindowId' is required")
        .contains("start with a letter");
  }
}
