package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static io.github.faultexperiment.emulator.gcp.Fixtures.PARENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExclusionWindowTests {
  private static final String WINDOWS = API + "/exclusionWindows";

  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final FaultEmulator emulator = HARNESS.emulator();
  private final GoogleRest rest = HARNESS.rest();
  private String template;

  @BeforeEach
  void loadTemplate() {
    template = HARNESS.createLbAbortTemplate();
  }

  private String preparedExperiment(String id) {
    String name =
        rest.post(
                API + "/experiments?experimentId=" + id,
                "{\"experimentTemplate\": \"" + template + "\"}")
            .text("/name");
    HARNESS.awaitState(name, "PREPARED");
    return name;
  }

  @Test
  void aWindowIsCreatedInactiveAndListedGotAndDeleted() {
    Response created =
        rest.post(
            WINDOWS + "?exclusionWindowId=black-friday",
            "{\"description\": \"freeze\", \"duration\": \"86400s\"}");

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.text("/name")).isEqualTo(PARENT + "/exclusionWindows/black-friday");
    assertThat(created.text("/duration")).isEqualTo("86400s");
    assertThat(created.json().has("startTime")).isFalse();
    assertThat(rest.get("/v1alpha/" + created.text("/name")).json()).isEqualTo(created.json());
    assertThat(rest.get(WINDOWS).json().get("exclusionWindows")).hasSize(1);
    assertThat(
            rest.get("/v1alpha/projects/test-project/locations/-/exclusionWindows")
                .json()
                .get("exclusionWindows"))
        .hasSize(1);

    assertThat(rest.delete("/v1alpha/" + created.text("/name")).json().isEmpty()).isTrue();
    assertThat(rest.get("/v1alpha/" + created.text("/name")).status()).isEqualTo(404);
  }

  @Test
  void anActiveWindowBlocksStartingExperimentsInItsLocationNamingTheWindow() {
    String name = preparedExperiment("exp-1");
    String window =
        rest.post(WINDOWS + "?exclusionWindowId=freeze", "{\"duration\": \"3600s\"}").text("/name");

    Response started = rest.post("/v1alpha/" + window + ":start", "{}");
    assertThat(Instant.parse(started.text("/endTime")))
        .isEqualTo(Instant.parse(started.text("/startTime")).plusSeconds(3600));

    Response refused = rest.post("/v1alpha/" + name + ":start", "{}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(refused.text("/error/message")).contains(window);
    assertThat(refused.text("/error/details/0/reason")).isEqualTo("EXCLUSION_WINDOW_ACTIVE");

    Response startOnCreate =
        rest.post(
            API + "/experiments",
            "{\"experimentTemplate\": \"" + template + "\", \"startOnCreateEnabled\": true}");
    assertThat(startOnCreate.status()).isEqualTo(400);
    assertThat(startOnCreate.text("/error/message")).contains(window);

    Response stopped = rest.post("/v1alpha/" + window + ":stop", "{}");
    assertThat(stopped.text("/endTime")).isNotEqualTo(started.text("/endTime"));
    assertThat(rest.post("/v1alpha/" + name + ":start", "{}").text("/state"))
        .isEqualTo("INJECTING");
  }

  @Test
  void aWindowInAnotherLocationDoesNotBlock() {
    String name = preparedExperiment("exp-1");
    String other = "/v1alpha/projects/test-project/locations/europe-west1/exclusionWindows";
    rest.post(other + "?exclusionWindowId=freeze", "{\"duration\": \"3600s\"}");
    rest.post(other + "/freeze:start", "{}");

    assertThat(rest.post("/v1alpha/" + name + ":start", "{}").status()).isEqualTo(200);
  }

  @Test
  void aWindowExpiresAfterItsDuration() {
    String name = preparedExperiment("exp-1");
    rest.post(WINDOWS + "?exclusionWindowId=short", "{\"duration\": \"0.2s\"}");
    rest.post(WINDOWS + "/short:start", "{}");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rest.post("/v1alpha/" + name + ":start", "{}").status() == 200);
  }

  @Test
  void invalidWindowsAreRefused() {
    assertThat(
            rest.post(WINDOWS + "?exclusionWindowId=1bad", "{\"duration\": \"60s\"}")
                .text("/error/message"))
        .contains("exclusionWindowId");
    assertThat(rest.post(WINDOWS + "?exclusionWindowId=freeze", "{}").text("/error/message"))
        .contains("exclusionWindow.duration");
    assertThat(rest.post(WINDOWS + "/nope:start", "{}").status()).isEqualTo(404);
    rest.post(WINDOWS + "?exclusionWindowId=freeze", "{\"duration\": \"60s\"}");
    Response notActive = rest.post(WINDOWS + "/freeze:stop", "{}");
    assertThat(notActive.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
  }

  @Test
  void patchChangesTheMaskedFields() {
    rest.post(
        WINDOWS + "?exclusionWindowId=freeze", "{\"duration\": \"60s\", \"description\": \"a\"}");

    Response patched =
        rest.patch(
            WINDOWS + "/freeze?updateMask=duration,description",
            "{\"duration\": \"120s\", \"description\": \"d\"}");
    Response durationOnly =
        rest.patch(WINDOWS + "/freeze?updateMask=duration", "{\"duration\": \"180s\"}");

    assertThat(patched.text("/duration")).isEqualTo("120s");
    assertThat(patched.text("/description")).isEqualTo("d");
    assertThat(durationOnly.text("/duration")).isEqualTo("180s");
    assertThat(durationOnly.text("/description")).isEqualTo("d");
  }

  @Test
  void patchWithoutAMaskUpdatesEveryField() {
    rest.post(
        WINDOWS + "?exclusionWindowId=freeze", "{\"duration\": \"60s\", \"description\": \"old\"}");

    Response replaced = rest.patch(WINDOWS + "/freeze", "{\"duration\": \"90s\"}");
    Response noDuration = rest.patch(WINDOWS + "/freeze", "{\"description\": \"new\"}");
    Response star =
        rest.patch(
            WINDOWS + "/freeze?updateMask=*", "{\"duration\": \"30s\", \"description\": \"s\"}");

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.text("/duration")).isEqualTo("90s");
    assertThat(replaced.json().has("description")).isFalse();
    assertThat(noDuration.status()).isEqualTo(400);
    assertThat(noDuration.text("/error/message")).contains("exclusionWindow.duration");
    assertThat(star.text("/duration")).isEqualTo("30s");
    assertThat(star.text("/description")).isEqualTo("s");
    Response badMask =
        rest.patch(WINDOWS + "/freeze?updateMask=startTime", "{\"duration\": \"30s\"}");
    assertThat(badMask.text("/error/message"))
        .contains("startTime")
        .contains("description, duration");
    assertThat(rest.get(WINDOWS + "/freeze").text("/duration")).isEqualTo("30s");
  }

  @Test
  void aClientTellsFromTheWindowWhetherItIsActiveNowAndWhenItEnds() {
    rest.post(WINDOWS + "?exclusionWindowId=freeze", "{\"duration\": \"3600s\"}");
    String name = PARENT + "/exclusionWindows/freeze";

    Response created = rest.get("/v1alpha/" + name);
    assertThat(created.json().has("startTime")).isFalse();
    assertThat(created.json().has("endTime")).isFalse();

    Instant before = Instant.now();
    rest.post("/v1alpha/" + name + ":start", "{}");
    Response started = rest.get("/v1alpha/" + name);
    Instant startTime = Instant.parse(started.text("/startTime"));
    Instant endTime = Instant.parse(started.text("/endTime"));
    Instant now = Instant.now();
    assertThat(startTime).isBetween(before.minusMillis(1), now);
    assertThat(endTime).isAfter(now).isEqualTo(startTime.plusSeconds(3600));

    rest.patch("/v1alpha/" + name + "?updateMask=duration", "{\"duration\": \"60s\"}");
    assertThat(rest.get("/v1alpha/" + name).text("/endTime")).isEqualTo(started.text("/endTime"));

    rest.post("/v1alpha/" + name + ":stop", "{}");
    Response stopped = rest.get("/v1alpha/" + name);
    assertThat(stopped.text("/startTime")).isEqualTo(started.text("/startTime"));
    assertThat(Instant.parse(stopped.text("/endTime")))
        .isBetween(startTime, Instant.now().plusMillis(1));
    assertThat(
            rest.get("/v1alpha/projects/test-project/locations/-/exclusionWindows")
                .text("/exclusionWindows/0/endTime"))
        .isEqualTo(stopped.text("/endTime"));

    Response restarted = rest.post("/v1alpha/" + name + ":start", "{}");
    assertThat(Instant.parse(restarted.text("/endTime")))
        .isEqualTo(Instant.parse(restarted.text("/startTime")).plusSeconds(60));
  }

  @Test
  void anExpiredWindowShowsAnEndTimeInThePastAndStopsBlocking() {
    rest.post(WINDOWS + "?exclusionWindowId=short", "{\"duration\": \"0.1s\"}");
    rest.post(WINDOWS + "/short:start", "{}");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Instant.parse(rest.get(WINDOWS + "/short").text("/endTime"))
                    .isBefore(Instant.now()));

    Response stop = rest.post(WINDOWS + "/short:stop", "{}");
    assertThat(stop.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(stop.text("/error/details/0/reason")).isEqualTo("EXCLUSION_WINDOW_NOT_ACTIVE");
    String name = preparedExperiment("exp-1");
    assertThat(rest.post("/v1alpha/" + name + ":start", "{}").status()).isEqualTo(200);
  }
}
