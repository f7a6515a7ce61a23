package io.github.faultexperiment.emulator.gcp;

import static io.github.faultexperiment.emulator.gcp.Fixtures.API;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ActionListenerTests {
  @RegisterExtension
  static final FaultTestingHarness HARNESS = FaultTestingHarness.withTimings(Duration.ofMillis(20));

  private final FaultEmulator emulator = HARNESS.emulator();
  private final GoogleRest rest = HARNESS.rest();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<ActionEvent> events = new CopyOnWriteArrayList<>();
  private final FaultTestingEmulator gcp = HARNESS.faultTesting();
  private String template;
  private ActionListener listener;

  @BeforeEach
  void loadTemplateAndListen() {
    template = HARNESS.createLbAbortTemplate();
    listener =
        new ActionListener() {
          @Override
          public void actionStarted(ActionEvent event) {
            calls.add("started");
            events.add(event);
          }

          @Override
          public void actionEnded(ActionEvent event) {
            calls.add("ended");
            events.add(event);
          }
        };
    gcp.addActionListener(listener);
  }

  @AfterEach
  void removeListener() {
    gcp.removeActionListener(listener);
  }

  private String startOnCreate(String id) {
    return rest.post(
            API + "/experiments?experimentId=" + id,
            "{\"experimentTemplate\": \"" + template + "\", \"startOnCreateEnabled\": true}")
        .text("/name");
  }

  @Test
  void listenersHearTheFaultGoLiveBeforeInjectedShowsAndEndOnStop() {
    String name = startOnCreate("exp-1");
    HARNESS.awaitState(name, "INJECTED");

    assertThat(calls).containsExactly("started");
    ActionEvent started = events.get(0);
    assertThat(started.api()).isEqualTo("faulttesting");
    assertThat(started.experimentId()).isEqualTo("exp-1");
    assertThat(started.actionType()).isEqualTo("l7LbHttpFault");
    assertThat(started.parameters())
        .containsEntry(
            "forwardingRule", "projects/test-project/regions/us-central1/forwardingRules/checkout")
        .containsEntry("abort", Map.of("percentage", 50, "statusCode", 503));
    assertThat(started.targets())
        .containsExactly(
            "projects/test-project/regions/us-central1/forwardingRules/checkout",
            "projects/test-project/regions/us-central1/backendServices/pricing");

    rest.post("/v1alpha/" + name + ":stop", "{}");

    assertThat(calls).containsExactly("started", "ended");
    assertThat(events.get(1)).isEqualTo(started);
  }

  @Test
  void theDurationElapsingEndsTheAction() {
    gcp.timings(
        FaultTestingTimings.of(Duration.ofMillis(20)).withMaxInjection(Duration.ofMillis(100)));
    String name = startOnCreate("exp-1");

    HARNESS.awaitState(name, "COMPLETED");

    assertThat(calls).containsExactly("started", "ended");
  }

  @Test
  void anExperimentStoppedWhileInjectingNeverStartsTheAction() {
    gcp.timings(
        new FaultTestingTimings(
            Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofMillis(20), null));
    String name = startOnCreate("exp-1");
    HARNESS.awaitState(name, "INJECTING");

    rest.post("/v1alpha/" + name + ":stop", "{}");

    HARNESS.awaitState(name, "COMPLETED");
    assertThat(calls).isEmpty();
  }

  @Test
  void resetEndsLiveFaults() {
    String name = startOnCreate("exp-1");
    HARNESS.awaitState(name, "INJECTED");

    emulator.reset();

    assertThat(calls).containsExactly("started", "ended");
  }
}
