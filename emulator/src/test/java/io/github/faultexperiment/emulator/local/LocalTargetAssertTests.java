package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LocalTargetAssert} over real proxied requests, passing and failing. */
class LocalTargetAssertTests {
  private final HttpClient http = HttpClient.newHttpClient();
  private RecordingUpstream upstream;
  private LocalTargets targets;
  private LocalTarget pricing;

  @BeforeEach
  void start() throws Exception {
    upstream = new RecordingUpstream();
    targets = new LocalTargets();
    pricing = targets.lambda(Actions.PRICING_ARN, upstream.uri());
  }

  @AfterEach
  void stop() {
    targets.close();
    upstream.close();
  }

  private int get() throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(pricing.uri() + "/price")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void countersOfDelayedAndAbortedTrafficPass() throws Exception {
    targets.actionStarted(Actions.lambdaDelay(1, 100));
    get();
    targets.actionEnded(Actions.lambdaDelay(1, 100));
    targets.actionStarted(Actions.lambdaError(100, true));
    assertThat(get()).isEqualTo(502);
    targets.actionEnded(Actions.lambdaError(100, true));

    LocalTargetAssert.assertThat(pricing)
        .receivedAtLeast(2)
        .delayedAtLeast(1)
        .abortedAtLeast(1)
        .abortedAtMost(1)
        .passedAtLeast(1)
        .hasNoActiveFault();
  }

  @Test
  void untouchedTrafficFailsNamingTheTargetAndItsCounters() throws Exception {
    get();

    assertThatThrownBy(() -> LocalTargetAssert.assertThat(pricing).delayedAtLeast(1))
        .hasMessageContaining("Expected local target " + Actions.PRICING_ARN)
        .hasMessageContaining("to have at least 1 requests delayed, but it had 0")
        .hasMessageContaining("requests=1");
    assertThatThrownBy(() -> LocalTargetAssert.assertThat(pricing).abortedAtLeast(1))
        .hasMessageContaining("at least 1 requests aborted, but it had 0");
  }

  @Test
  void faultStillOnFails() {
    targets.actionStarted(Actions.lambdaError(50, true));

    assertThatThrownBy(() -> LocalTargetAssert.assertThat(pricing).hasNoActiveFault())
        .hasMessageContaining("to have no active fault, but it has [Abort");
  }
}
