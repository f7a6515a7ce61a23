package io.github.faultexperiment.emulator.local;

import static io.github.faultexperiment.emulator.local.Actions.PRICING_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.SignedHttp;
import io.github.faultexperiment.emulator.fis.FisTimings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A FIS Lambda experiment on a local Lambda function")
class FisLocalFaultTests {
  private final HttpClient http = HttpClient.newHttpClient();
  private final RecordingUpstream upstream = new RecordingUpstream();
  private FaultEmulator emulator;
  private SignedHttp fis;
  private LocalTarget pricing;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator
        .fis()
        .timings(
            FisTimings.defaults()
                .withPendingToInitiating(Duration.ofMillis(20))
                .withInitiatingToRunning(Duration.ofMillis(20))
                .withStoppingToStopped(Duration.ofMillis(20)));
    fis = SignedHttp.fis(emulator.endpoint());
    pricing = emulator.localTargets().lambda(PRICING_ARN, upstream.uri());
  }

  @AfterEach
  void stop() {
    emulator.close();
    upstream.close();
  }

  @Test
  void delaysInvocationsWhileTheActionRunsAndPassesThemAfterTheExperimentIsStopped()
      throws Exception {
    String experiment =
        startExperiment(
            "aws:lambda:invocation-add-delay",
            "\"startupDelayMilliseconds\": \"100\", \"invocationPercentage\": \"100\"");
    awaitStatus(experiment, "running");
    assertThat(status(pricing.uri())).isEqualTo(201);
    assertThat(status(pricing.uri())).isEqualTo(201);
    assertThat(pricing.counters().delayed()).isEqualTo(2);

    fis.delete("/experiments/" + experiment);
    awaitStatus(experiment, "stopped");
    assertThat(status(pricing.uri())).isEqualTo(201);

    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(3, 2, 0, 3, 0));
  }

  @Test
  void failsInvocationsWhileTheErrorActionRuns() throws Exception {
    String experiment =
        startExperiment(
            "aws:lambda:invocation-error",
            "\"invocationPercentage\": \"100\", \"preventExecution\": \"true\"");
    awaitStatus(experiment, "running");

    assertThat(status(pricing.uri())).isEqualTo(502);
    assertThat(upstream.received()).isEmpty();

    fis.delete("/experiments/" + experiment);
    awaitStatus(experiment, "stopped");
    assertThat(status(pricing.uri())).isEqualTo(201);
  }

  @Test
  void answersWithTheCannedResponseWhileTheActionRunsAndSwitchesItOffWhenItsDurationEnds()
      throws Exception {
    String experiment =
        startExperiment(
            "aws:lambda:invocation-http-integration-response",
            "\"statusCode\": \"503\", \"contentTypeHeader\": \"text/plain\","
                + " \"duration\": \"PT2S\"");

    // Polled, not asserted once: the action may come on a little after the experiment runs.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> status(pricing.uri()) == 503);
    assertThat(pricing.counters().aborted()).isEqualTo(1);

    awaitStatus(experiment, "completed");

    assertThat(status(pricing.uri())).isEqualTo(201);
    assertThat(pricing.activeFaults()).isEmpty();
    assertThat(pricing.counters().aborted()).isEqualTo(1);
  }

  private String startExperiment(String actionId, String parameters) {
    String template =
        emulator
            .fis()
            .createTemplate(
                """
                {"description": "pricing fault",
                 "roleArn": "arn:aws:iam::123456789012:role/fis",
                 "stopConditions": [{"source": "none"}],
                 "targets": {"pricing": {"resourceType": "aws:lambda:function",
                                         "resourceArns": ["%s"], "selectionMode": "ALL"}},
                 "actions": {"fault": {"actionId": "%s", "parameters": {%s},
                                       "targets": {"Functions": "pricing"}}}}
                """
                    .formatted(PRICING_ARN, actionId, parameters));
    return fis.startExperiment(template);
  }

  private void awaitStatus(String experiment, String status) {
    fis.awaitExperimentStatus(experiment, status, Duration.ofSeconds(10));
  }

  private int status(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
