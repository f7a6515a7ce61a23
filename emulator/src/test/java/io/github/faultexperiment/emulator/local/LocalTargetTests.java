package io.github.faultexperiment.emulator.local;

import static io.github.faultexperiment.emulator.local.Actions.PRICING_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.common.ActionEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A local target (loopback proxy)")
class LocalTargetTests {
  private final HttpClient http = HttpClient.newHttpClient();
  private RecordingUpstream upstream;
  private LocalTargets targets;
  private LocalTarget pricing;

  @BeforeEach
  void startTarget() {
    upstream = new RecordingUpstream();
    targets = new LocalTargets();
    pricing = targets.lambda(PRICING_ARN, upstream.uri());
  }

  @AfterEach
  void stopTarget() {
    targets.close();
    upstream.close();
  }

  @Test
  void passesMethodPathQueryHeadersAndBodyThroughAndReturnsTheUpstreamsAnswer() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(pricing.uri().resolve("/prices/sku-1?currency=EUR&x=a%20b"))
                .header("X-Trace", "abc")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"price\":3}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("X-Upstream")).hasValue("recording");
    assertThat(response.body()).isEqualTo("echo:{\"price\":3}");
    RecordingUpstream.Received seen = upstream.received().get(0);
    assertThat(seen.method()).isEqualTo("PUT");
    assertThat(seen.path()).isEqualTo("/prices/sku-1");
    assertThat(seen.query()).isEqualTo("currency=EUR&x=a%20b");
    assertThat(seen.headers().getFirst("X-Trace")).isEqualTo("abc");
    assertThat(seen.body()).isEqualTo("{\"price\":3}");
    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(1, 0, 0, 1, 0));
  }

  @Test
  void answers502AndCountsAFailureWhenTheUpstreamIsDown() throws Exception {
    upstream.close();

    HttpResponse<String> response = get("/prices/sku-1");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("could not reach its upstream", upstream.uri().toString());
    assertThat(pricing.counters().upstreamFailures()).isEqualTo(1);
  }

  @Test
  void delaysEveryRequestAtOneHundredPercent() throws Exception {
    targets.actionStarted(Actions.lambdaDelay(200, 100));

    long started = System.nanoTime();
    List<Integer> statuses = statusesOf(3);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ms(600));
    assertThat(statuses).containsOnly(201);
    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(3, 3, 0, 3, 0));
  }

  @Test
  void delaysNothingAtZeroPercent() throws Exception {
    targets.actionStarted(Actions.lambdaDelay(5_000, 0));

    assertThat(statusesOf(4)).containsOnly(201);
    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(4, 0, 0, 4, 0));
  }

  @Test
  void abortsEveryRequestWithoutCallingTheUpstreamWhenExecutionIsPrevented() throws Exception {
    targets.actionStarted(Actions.lambdaError(100, true));

    assertThat(statusesOf(3)).containsOnly(ActionFaults.LAMBDA_ERROR_STATUS);
    assertThat(upstream.received()).isEmpty();
    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(3, 0, 3, 0, 0));
  }

  @Test
  void stillCallsTheUpstreamButAnswersWithTheErrorWhenExecutionIsNotPrevented() throws Exception {
    targets.actionStarted(Actions.lambdaError(100, false));

    assertThat(statusesOf(2)).containsOnly(ActionFaults.LAMBDA_ERROR_STATUS);
    assertThat(upstream.received()).hasSize(2);
    assertThat(pricing.counters().aborted()).isEqualTo(2);
  }

  @Test
  void abortsNothingAtZeroPercent() throws Exception {
    targets.actionStarted(Actions.lambdaError(0, true));

    assertThat(statusesOf(3)).containsOnly(201);
    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(3, 0, 0, 3, 0));
  }

  @Test
  void answersWithTheCannedHttpIntegrationResponse() throws Exception {
    targets.actionStarted(
        Actions.fis(
            "aws:lambda:invocation-http-integration-response",
            Map.of(
                "statusCode", "418",
                "contentTypeHeader", "application/problem+json",
                "invocationPercentage", "100",
                "preventExecution", "true"),
            PRICING_ARN));

    HttpResponse<String> response = get("/prices/sku-1");

    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).isEmpty();
    assertThat(upstream.received()).isEmpty();
    assertThat(pricing.counters().aborted()).isEqualTo(1);
  }

  @Test
  void cannedResponseAtZeroPercentChangesNothing() throws Exception {
    targets.actionStarted(
        Actions.fis(
            "aws:lambda:invocation-http-integration-response",
            Map.of(
                "statusCode",
                "500",
                "contentTypeHeader",
                "text/plain",
                "invocationPercentage",
                "0"),
            PRICING_ARN));

    assertThat(statusesOf(3)).containsOnly(201);
    assertThat(pricing.counters().aborted()).isZero();
  }

  @Test
  void affectsTheStatedShareOfRequestsSpreadEvenly() throws Exception {
    targets.actionStarted(Actions.lambdaError(30, true));

    List<Integer> statuses = statusesOf(20);

    assertThat(statuses).filteredOn(status -> status == 502).hasSize(6);
    assertThat(statuses.subList(0, 10)).filteredOn(status -> status == 502).hasSize(3);
    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(20, 0, 6, 14, 0));
  }

  @Test
  void passesEverythingAgainOnceTheActionEnds() throws Exception {
    targets.actionStarted(Actions.lambdaError(100, true));
    assertThat(statusesOf(2)).containsOnly(502);

    targets.actionEnded(Actions.lambdaError(100, true));

    assertThat(statusesOf(2)).containsOnly(201);
    assertThat(pricing.activeFaults()).isEmpty();
    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(4, 0, 2, 2, 0));
  }

  @Test
  void resetSwitchesFaultsOffAndZeroesTheCounters() throws Exception {
    targets.actionStarted(Actions.lambdaError(100, true));
    statusesOf(2);

    targets.reset();

    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(0, 0, 0, 0, 0));
    assertThat(statusesOf(1)).containsOnly(201);
  }

  @Test
  void aRequestStillInFlightWhenItsExperimentEndsIsNeverCountedInTheNext() throws Exception {
    ActionEvent delay = Actions.lambdaDelay(1_000, 100);
    targets.actionStarted(delay);
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      inFlight.add(
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(pricing.uri() + "/prices/sku-" + i)).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    // Every request is held by EXP1's delay before EXP1 ends and EXP2 starts aborting.
    await().atMost(Duration.ofSeconds(20)).until(() -> pricing.counters("EXP1").delayed() == 8);
    targets.actionEnded(delay);
    targets.actionStarted(
        new ActionEvent(
            "fis",
            "EXP2",
            "fault",
            "aws:lambda:invocation-error",
            Map.of("invocationPercentage", "100", "preventExecution", "true"),
            List.of(PRICING_ARN)));

    assertThat(statusesOf(2)).containsOnly(ActionFaults.LAMBDA_ERROR_STATUS);
    assertThat(inFlight.stream().map(f -> f.join().statusCode()).toList()).containsOnly(201);

    assertThat(pricing.counters("EXP1")).isEqualTo(new LocalTargetCounters(8, 8, 0, 8, 0));
    assertThat(pricing.counters("EXP2")).isEqualTo(new LocalTargetCounters(2, 0, 2, 0, 0));
    assertThat(pricing.counters()).isEqualTo(new LocalTargetCounters(10, 8, 2, 8, 0));
  }

  private List<Integer> statusesOf(int requests) throws IOException, InterruptedException {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      statuses.add(get("/prices/sku-" + i).statusCode());
    }
    return statuses;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(pricing.uri() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
