package io.github.faultexperiment.emulator.local;

import static io.github.faultexperiment.emulator.local.Actions.PRICING_ARN;
import static io.github.faultexperiment.emulator.local.Actions.PRICING_RULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The local-target registry")
class LocalTargetsTests {
  private static final URI UPSTREAM = URI.create("http://127.0.0.1:9");

  private final LocalTargets targets = new LocalTargets();

  @AfterEach
  void close() {
    targets.close();
  }

  @Test
  void returnsTheSameTargetForTheSameAddressAndUpstream() {
    LocalTarget first = targets.lambda(PRICING_ARN, UPSTREAM);

    assertThat(targets.lambda(PRICING_ARN, UPSTREAM)).isSameAs(first);
    assertThat(targets.all()).containsExactly(first);
    assertThat(first.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(first.uri().getPort()).isPositive();
  }

  @Test
  void registersTargetsDescribedAsTheStandaloneFlagTakesThem() {
    LocalTarget lambda = targets.register("lambda:" + PRICING_ARN + "=http://127.0.0.1:9");
    LocalTarget rule = targets.register("forwarding-rule:" + PRICING_RULE + "=http://127.0.0.1:9");

    assertThat(lambda.kind()).isEqualTo(LocalTarget.Kind.LAMBDA_FUNCTION);
    assertThat(lambda.resource()).isEqualTo(PRICING_ARN);
    assertThat(rule.kind()).isEqualTo(LocalTarget.Kind.FORWARDING_RULE);
    assertThat(rule.upstream()).isEqualTo(UPSTREAM);
    assertThatThrownBy(() -> targets.register("queue:q=http://127.0.0.1:9"))
        .hasMessageStartingWith("resource 'queue:q' is not an ARN or Google resource name")
        .hasMessageContaining("arn:aws:rds:us-east-1:123456789012:cluster:NAME");
    assertThatThrownBy(() -> targets.register("lambda:" + PRICING_ARN))
        .hasMessageContaining("must look like RESOURCE=tcp://HOST:PORT or RESOURCE=http://");
  }

  @Test
  void registeringAnAddressAgainRepointsItsProxy() throws Exception {
    HttpServer first = answering("first");
    HttpServer second = answering("second");
    try {
      LocalTarget target = targets.lambda(PRICING_ARN, uri(first));
      assertThat(get(target)).isEqualTo("first");

      LocalTarget again = targets.lambda(PRICING_ARN, uri(second));

      assertThat(again).isSameAs(target);
      assertThat(again.upstream()).isEqualTo(uri(second));
      assertThat(get(target)).isEqualTo("second");
      assertThat(target.counters().requests()).isEqualTo(2);
    } finally {
      first.stop(0);
      second.stop(0);
    }
  }

  private static HttpServer answering(String body) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (exchange) {
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
    return server;
  }

  private static URI uri(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static String get(LocalTarget target) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(target.uri()).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void namesTheExpectedShapeOfMalformedAddresses() {
    assertThatThrownBy(() -> targets.lambda("pricing", UPSTREAM))
        .hasMessage(
            "functionArn must look like arn:aws:lambda:REGION:ACCOUNT:function:NAME, was"
                + " 'pricing'");
    assertThatThrownBy(() -> targets.forwardingRule("pricing-lb", UPSTREAM))
        .hasMessageContaining("forwardingRule must look like projects/P/regions/R/");
    assertThatThrownBy(() -> targets.lambda(PRICING_ARN, URI.create("ftp://host/")))
        .hasMessageContaining("upstream must be an http:// URL");
  }

  @Test
  void appliesLambdaActionsToQualifiedArnsOfTheFunctionButNotToOtherFunctions() {
    LocalTarget pricing = targets.lambda(PRICING_ARN, UPSTREAM);
    LocalTarget stock =
        targets.lambda("arn:aws:lambda:us-east-1:123456789012:function:stock", UPSTREAM);

    targets.actionStarted(
        Actions.fis(
            "aws:lambda:invocation-add-delay",
            Map.of("startupDelayMilliseconds", "250"),
            PRICING_ARN + ":live"));

    assertThat(pricing.activeFaults())
        .containsExactly(new LocalFault.Delay(Duration.ofMillis(250), 100));
    assertThat(stock.activeFaults()).isEmpty();
  }

  @Test
  void readsL7LoadBalancerAbortAndDelayOnTheForwardingRule() {
    LocalTarget lb = targets.forwardingRule(PRICING_RULE, UPSTREAM);

    targets.actionStarted(
        Actions.l7(
            Map.of(
                "forwardingRule",
                PRICING_RULE,
                "abort",
                Map.of("percentage", 40, "statusCode", 503))));
    assertThat(lb.activeFaults()).containsExactly(new LocalFault.Abort(503, 40, false));
    targets.actionEnded(Actions.l7(Map.of()));

    targets.actionStarted(
        Actions.l7(
            Map.of(
                "l7LbHttpFault",
                Map.of(
                    "forwardingRule",
                    "//compute.googleapis.com/" + PRICING_RULE,
                    "delay",
                    Map.of("delay", "1.5s", "percentage", 100.0)))));
    assertThat(lb.activeFaults())
        .containsExactly(new LocalFault.Delay(Duration.ofMillis(1500), 100));
  }

  @Test
  void appliesAnL7FaultNamingABackendServiceOnlyToThatBackend() {
    String service = "projects/p/regions/us-central1/backendServices/pricing";
    LocalTarget pricingBackend = targets.forwardingRule(PRICING_RULE, service, UPSTREAM);
    LocalTarget otherBackend =
        targets.forwardingRule(
            PRICING_RULE, "projects/p/regions/us-central1/backendServices/other", UPSTREAM);

    targets.actionStarted(
        Actions.l7(
            Map.of(
                "forwardingRule", PRICING_RULE,
                "backendService", service,
                "abort", Map.of("percentage", 100, "statusCode", 500))));

    assertThat(pricingBackend.activeFaults()).hasSize(1);
    assertThat(otherBackend.activeFaults()).isEmpty();
  }

  @Test
  void appliesARunningActionToATargetRegisteredAfterItStarted() {
    targets.actionStarted(Actions.lambdaError(100, true));

    LocalTarget late = targets.lambda(PRICING_ARN, UPSTREAM);

    assertThat(late.activeFaults()).containsExactly(new LocalFault.Abort(502, 100, false));
  }

  @Test
  void ignoresActionsWithoutALocalEffect() {
    LocalTarget pricing = targets.lambda(PRICING_ARN, UPSTREAM);

    targets.actionStarted(Actions.fis("aws:fis:wait", Map.of("duration", "PT1M")));

    assertThat(pricing.activeFaults()).isEmpty();
  }

  @Test
  void recordsAMalformedActionAsInvalidNamingTheParameterAndSwitchesNothingOn() {
    LocalTarget pricing = targets.lambda(PRICING_ARN, UPSTREAM);
    targets.actionStarted(
        Actions.fis(
            "aws:lambda:invocation-add-delay",
            Map.of("startupDelayMilliseconds", "soon"),
            PRICING_ARN));
    assertThat(invalid("EXP1"))
        .isEqualTo(
            "parameter startupDelayMilliseconds of aws:lambda:invocation-add-delay must be a"
                + " number from 0 to 900000, was 'soon'");

    targets.actionStarted(Actions.l7(Map.of("delay", Map.of("delay", "2m", "percentage", 5))));
    assertThat(invalid("exp-1"))
        .contains("must be a duration in seconds such as \"1.5s\", was '2m'");
    targets.actionStarted(Actions.lambdaDelay(100, 150));
    assertThat(invalid("EXP1"))
        .isEqualTo(
            "parameter invocationPercentage of aws:lambda:invocation-add-delay must be a number"
                + " from 0 to 100, was '150'");
    targets.actionStarted(Actions.l7(Map.of("forwardingRule", PRICING_RULE)));
    assertThat(invalid("exp-1")).contains("l7LbHttpFault needs either abort");
    assertThat(pricing.activeFaults()).isEmpty();
  }

  private String invalid(String experiment) {
    FaultReach reach = targets.reach(experiment).get(0);
    assertThat(reach.status()).isEqualTo(FaultReach.Status.INVALID);
    return reach.detail();
  }
}
