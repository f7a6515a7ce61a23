package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
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

@DisplayName("A Fault Testing l7LbHttpFault experiment on a local forwarding rule")
class FaultTestingLocalFaultTests {
  private static final String PARENT = "projects/emulator-project/locations/us-central1";
  private static final String RULE =
      "projects/emulator-project/regions/us-central1/forwardingRules/pricing-lb";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final RecordingUpstream upstream = new RecordingUpstream();
  private FaultEmulator emulator;
  private LocalTarget pricing;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator.faultTesting().timings(FaultTestingTimings.of(Duration.ofMillis(50)));
    pricing = emulator.localTargets().forwardingRule(RULE, upstream.uri());
  }

  @AfterEach
  void stop() {
    emulator.close();
    upstream.close();
  }

  @Test
  void abortsRequestsWhileInjectedAndPassesThemAfterTheExperimentIsStopped() throws Exception {
    String experiment = startExperiment("{\"abort\": {\"percentage\": 100, \"statusCode\": 503}}");
    assertThat(status(pricing.uri())).isEqualTo(201);

    call(experiment + ":start", "{}");
    awaitState(experiment, "INJECTED");
    assertThat(status(pricing.uri())).isEqualTo(503);
    assertThat(status(pricing.uri())).isEqualTo(503);

    call(experiment + ":stop", "{}");
    awaitState(experiment, "COMPLETED");
    assertThat(status(pricing.uri())).isEqualTo(201);

    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(4, 0, 2, 2, 0));
    assertThat(upstream.received()).hasSize(2);
  }

  @Test
  void delaysTheStatedShareOfRequestsWhileInjected() throws Exception {
    String experiment = startExperiment("{\"delay\": {\"delay\": \"0.1s\", \"percentage\": 50}}");
    call(experiment + ":start", "{}");
    awaitState(experiment, "INJECTED");

    for (int i = 0; i < 4; i++) {
      assertThat(status(pricing.uri())).isEqualTo(201);
    }

    assertThat(pricing.counters().delayed()).isEqualTo(2);
    call(experiment + ":stop", "{}");
    awaitState(experiment, "COMPLETED");
    assertThat(pricing.activeFaults()).isEmpty();
  }

  private String startExperiment(String fault) throws IOException, InterruptedException {
    String template =
        emulator
            .faultTesting()
            .createTemplate(
                "emulator-project",
                "us-central1",
                "pricing-lb-fault",
                "{\"duration\": \"600s\", \"action\": {\"l7LbHttpFault\": {\"forwardingRule\": \""
                    + RULE
                    + "\", "
                    + fault.substring(1)
                    + "}}");
    JsonNode created =
        call(
            PARENT + "/experiments?experimentId=pricing-1",
            "{\"experimentTemplate\": \"" + template + "\"}");
    String name = created.path("name").asText();
    awaitState(name, "PREPARED");
    return name;
  }

  private void awaitState(String experiment, String state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> state.equals(get(experiment).path("state").asText()));
  }

  private JsonNode call(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(emulator.endpoint().resolve("/v1alpha/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    return json.readTree(
        http.send(
                HttpRequest.newBuilder(emulator.endpoint().resolve("/v1alpha/" + path)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private int status(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
