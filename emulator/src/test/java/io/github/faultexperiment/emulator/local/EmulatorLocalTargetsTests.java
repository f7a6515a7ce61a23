package io.github.faultexperiment.emulator.local;

import static io.github.faultexperiment.emulator.local.Actions.PRICING_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.FaultEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Local targets on the emulator")
class EmulatorLocalTargetsTests {
  private final HttpClient http = HttpClient.newHttpClient();
  private final RecordingUpstream upstream = new RecordingUpstream();
  private final FaultEmulator emulator = FaultEmulator.builder().start();

  @AfterEach
  void close() {
    emulator.close();
    upstream.close();
  }

  @Test
  void showsEveryTargetWithItsCountersAndActiveFaultsOverHttp() throws Exception {
    LocalTarget pricing = emulator.localTargets().lambda(PRICING_ARN, upstream.uri());
    send(pricing.uri());
    emulator.localTargets().actionStarted(Actions.lambdaDelay(50, 100));

    HttpResponse<String> response = send(emulator.endpoint().resolve("/_emulator/local-targets"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode target = new ObjectMapper().readTree(response.body()).path("localTargets").path(0);
    assertThat(target.path("kind").asText()).isEqualTo("LAMBDA_FUNCTION");
    assertThat(target.path("resource").asText()).isEqualTo(PRICING_ARN);
    assertThat(target.path("uri").asText()).isEqualTo(pricing.uri().toString());
    assertThat(target.path("upstream").asText()).isEqualTo(upstream.uri().toString());
    assertThat(target.path("counters").path("requests").asLong()).isEqualTo(1);
    assertThat(target.path("counters").path("passed").asLong()).isEqualTo(1);
    assertThat(target.path("activeFaults").path(0).path("type").asText()).isEqualTo("delay");
    assertThat(target.path("activeFaults").path(0).path("delayMillis").asLong()).isEqualTo(50);
  }

  @Test
  void resetZeroesCountersButKeepsTheTarget() throws Exception {
    LocalTarget pricing = emulator.localTargets().lambda(PRICING_ARN, upstream.uri());
    send(pricing.uri());

    emulator.reset();

    assertThat(pricing.counters().requests()).isZero();
    assertThat(send(pricing.uri()).statusCode()).isEqualTo(201);
  }

  @Test
  void findsATargetByItsResourceOrNamesThoseRegistered() {
    LocalTarget pricing = emulator.registerLocalTarget(PRICING_ARN, upstream.uri());

    assertThat(emulator.localTarget(PRICING_ARN)).isSameAs(pricing);
    assertThatThrownBy(
            () -> emulator.localTarget("arn:aws:rds:us-east-1:123456789012:cluster:orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "No local target stands for arn:aws:rds:us-east-1:123456789012:cluster:orders;"
                + " registered: ["
                + PRICING_ARN
                + "]");
  }

  @Test
  void closingTheEmulatorClosesItsProxies() {
    LocalTarget pricing = emulator.localTargets().lambda(PRICING_ARN, upstream.uri());

    emulator.close();

    assertThatThrownBy(() -> send(pricing.uri())).isInstanceOf(IOException.class);
  }

  private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
