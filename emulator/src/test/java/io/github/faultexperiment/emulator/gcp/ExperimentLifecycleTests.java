package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static io.github.faultexperiment.emulator.gcp.Fixtures.PARENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.GoogleRest.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExperimentLifecycleTests {
  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(50));

  private final FaultEmulator emulator = HARNESS.emulator();
  private final GoogleRest rest = HARNESS.rest();
  private final FaultTestingEmulator gcp = HARNESS.faultTesting();
  private String template;

  @BeforeEach
  void loadTemplate() {
    template = HARNESS.createLbAbortTemplate();
  }

  private Response create(String id) {
    return rest.post(
        API + "/experiments?experimentId=" + id,
        "{\"experimentTemplate\": \"" + template + "\", \"displayName\": \"checkout test\"}");
  }

  @Test
  void createCopiesTheTemplateAndStartsPreparing() {
    Response created = create("exp-1");

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.text("/name")).isEqualTo(PARENT + "/experiments/exp-1");
    assertThat(created.text("/state")).isEqualTo("PREPARING");
    assertThat(created.text("/experimentTemplate")).isEqualTo(template);
    assertThat(created.text("/templateDisplayName")).isEqualTo("LB abort");
    assertThat(created.text("/templateDescription")).isEqualTo("Half the checkout requests fail");
    assertThat(created.text("/templateDuration")).isEqualTo("600s");
    assertThat(created.json().at("/effectiveAction/l7LbHttpFault/abort/statusCode").asInt())
        .isEqualTo(503);
    assertThat(created.json().has("startTime")).isFalse();
    HARNESS.awaitState(PARENT + "/experiments/exp-1", "PREPARED");
  }

  @Test
  void startInjectsAndStopRevertsToCompletedCancelled() {
    String name = create("exp-1").text("/name");
    HARNESS.awaitState(name, "PREPARED");

    Response started = rest.post("/v1alpha/" + name + ":start", "{}");
    assertThat(started.status()).isEqualTo(200);
    assertThat(started.text("/state")).isEqualTo("INJECTING");
    assertThat(started.json().has("startTime")).isTrue();
    HARNESS.awaitState(name, "INJECTED");

    Response stopped = rest.post("/v1alpha/" + name + ":stop", "{}");
    assertThat(stopped.text("/state")).isEqualTo("REVERTING");
    assertThat(stopped.text("/endReason")).isEqualTo("CANCELLED");
    HARNESS.awaitState(name, "COMPLETED");

    Response done = rest.get("/v1alpha/" + name);
    assertThat(done.text("/endReason")).isEqualTo("CANCELLED");
    assertThat(done.text("/endNotes")).contains("Stopped by a user request");
    Instant start = Instant.parse(done.text("/startTime"));
    Instant stop = Instant.parse(done.text("/stopTime"));
    assertThat(stop).isAfter(start);
    assertThat(done.text("/stateUpdateTime")).isEqualTo(done.text("/stopTime"));
    assertThat(gcp.activeExperiments()).isEmpty();
    assertThat(gcp.experiments())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.state()).isEqualTo("COMPLETED");
              assertThat(r.endReason()).isEqualTo("CANCELLED");
            });
  }

  @Test
  void theTemplateDurationElapsingEndsWithEndReasonCompleted() {
    gcp.timings(
        FaultTestingTimings.of(Duration.ofMillis(30)).withMaxInjection(Duration.ofMillis(200)));
    String name = create("exp-1").text("/name");
    HARNESS.awaitState(name, "PREPARED");
    rest.post("/v1alpha/" + name + ":start", "{}");

    HARNESS.awaitState(name, "COMPLETED");

    Response done = rest.get("/v1alpha/" + name);
    assertThat(done.text("/endReason")).isEqualTo("COMPLETED");
    assertThat(done.text("/endNotes")).contains("600s");
  }

  @Test
  void startOnCreateGoesStraightToInjected() {
    Response created =
        rest.post(
            API + "/experiments",
            "{\"experimentTemplate\": \"" + template + "\", \"startOnCreateEnabled\": true}");
    String name = created.text("/name");
    assertThat(name).matches(PARENT + "/experiments/[0-9a-f-]{36}");

    HARNESS.awaitState(name, "INJECTED");
  }

  @Test
  void startingAnExperimentThatIsNotPreparedIsAFailedPrecondition() {
    gcp.timings(FaultTestingTimings.of(Duration.ofSeconds(30)));
    String name = create("exp-1").text("/name");

    Response refused = rest.post("/v1alpha/" + name + ":start", "{}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(refused.text("/error/message"))
        .contains(name)
        .contains("PREPARING")
        .contains("PREPARED");
    assertThat(refused.text("/error/details/0/@type"))
        .isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
    assertThat(refused.text("/error/details/0/domain")).isEqualTo("faulttesting.googleapis.com");
  }

  @Test
  void stoppingAPreparedExperimentIsRefusedAndChangesNothing() {
    String name = create("exp-1").text("/name");
    HARNESS.awaitState(name, "PREPARED");

    Response refused = rest.post("/v1alpha/" + name + ":stop", "{}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(refused.text("/error/details/0/reason")).isEqualTo("EXPERIMENT_NOT_RUNNING");
    assertThat(refused.text("/error/message"))
        .contains(name)
        .contains("PREPARED")
        .contains("only a running experiment (INJECTING or INJECTED)");
    Response after = rest.get("/v1alpha/" + name);
    assertThat(after.text("/state")).isEqualTo("PREPARED");
    assertThat(after.json().has("endReason")).isFalse();
    assertThat(rest.post("/v1alpha/" + name + ":start", "{}").status()).isEqualTo(200);
  }

  @Test
  void stoppingAPreparingExperimentIsRefused() {
    gcp.timings(FaultTestingTimings.of(Duration.ofSeconds(30)));
    String name = create("exp-1").text("/name");

    Response refused = rest.post("/v1alpha/" + name + ":stop", "{}");

    assertThat(refused.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(refused.text("/error/message")).contains("PREPARING");
    assertThat(rest.get("/v1alpha/" + name).text("/state")).isEqualTo("PREPARING");
  }

  @Test
  void stoppingAnInjectingExperimentRevertsIt() {
    gcp.timings(
        new FaultTestingTimings(
            Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofMillis(20), null));
    String name = create("exp-1").text("/name");
    HARNESS.awaitState(name, "PREPARED");
    rest.post("/v1alpha/" + name + ":start", "{}");

    Response stopped = rest.post("/v1alpha/" + name + ":stop", "{}");

    assertThat(stopped.text("/state")).isEqualTo("REVERTING");
    HARNESS.awaitState(name, "COMPLETED");
    assertThat(rest.get("/v1alpha/" + name).text("/endReason")).isEqualTo("CANCELLED");
  }

  @Test
  void stoppingARevertingExperimentIsRefused() {
    gcp.timings(
        new FaultTestingTimings(
            Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofSeconds(30), null));
    String name = create("exp-1").text("/name");
    HARNESS.awaitState(name, "PREPARED");
    rest.post("/v1alpha/" + name + ":start", "{}");
    HARNESS.awaitState(name, "INJECTED");
    rest.post("/v1alpha/" + name + ":stop", "{}");

    Response again = rest.post("/v1alpha/" + name + ":stop", "{}");

    assertThat(again.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(again.text("/error/message")).contains("REVERTING").contains("already stopping");
  }

  @Test
  void stoppingACompletedExperimentIsAFailedPrecondition() {
    String name = create("exp-1").text("/name");
    HARNESS.awaitState(name, "PREPARED");
    rest.post("/v1alpha/" + name + ":start", "{}");
    HARNESS.awaitState(name, "INJECTED");
    rest.post("/v1alpha/" + name + ":stop", "{}");
    HARNESS.awaitState(name, "COMPLETED");

    Response again = rest.post("/v1alpha/" + name + ":stop", "{}");

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.text("/error/status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(again.text("/error/message")).contains("COMPLETED").contains("CANCELLED");
  }

  @Test
  void aDuplicateExperimentIdIsAlreadyExists() {
    create("exp-1");

    Response duplicate = create("exp-1");

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.text("/error/status")).isEqualTo("ALREADY_EXISTS");
    assertThat(duplicate.text("/error/message")).contains(PARENT + "/experiments/exp-1");
  }

  @Test
  void anUnknownExperimentIsNotFoundNamingIt() {
    Response missing = rest.get(API + "/experiments/nope-1");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text("/error/status")).isEqualTo("NOT_FOUND");
    assertThat(missing.text("/error/message")).contains(PARENT + "/experiments/nope-1");
  }
}
