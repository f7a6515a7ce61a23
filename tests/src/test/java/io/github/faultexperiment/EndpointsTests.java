package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * An {@link Endpoints} parameter: offline a local target in front of the service the test started,
 * so the templates' faults reach the application; in the cloud the configured endpoint.
 */
class EndpointsTests {
  private static final Map<String, String> EMBEDDED =
      Map.of(FaultExperimentProperties.EMULATOR, "embedded");

  @TempDir Path outputs;

  @BeforeEach
  void reset() {
    EndpointsTestCase.reset();
  }

  @Test
  void offlineIsALocalTargetInFrontOfTheUpstreamAndTheTemplatesFaultReachesIt() {
    run(
            EndpointsTestCase.DelayedCheckout.class,
            Map.of(
                FaultExperimentProperties.EMULATOR,
                "embedded",
                FaultExperimentProperties.PROVIDER,
                "aws",
                FaultExperimentProperties.REPORT_DIR,
                outputs.resolve("reports").toString()))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    assertThat(EndpointsTestCase.endpoint.getScheme()).isEqualTo("http");
    assertThat(EndpointsTestCase.endpoint.getHost()).isEqualTo("127.0.0.1");
    assertThat(EndpointsTestCase.endpoint).isNotEqualTo(EndpointsTestCase.upstream);
    assertThat(EndpointsTestCase.status).isEqualTo(204);
    assertThat(EndpointsTestCase.delayedCalls).isEqualTo(1L);
    assertThat(EndpointsTestCase.UPSTREAMS_STARTED).hasValue(1);
  }

  @Test
  void offlineOneResourceKeepsItsAddressForOneUpstreamAndMovesWithANewOne() {
    run(EndpointsTestCase.OrdersDatabase.class, EMBEDDED)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    assertThat(EndpointsTestCase.status).isEqualTo(204);
  }

  @Test
  void inTheCloudIsTheConfiguredEndpointAndStartsNothingLocal() {
    run(
            EndpointsTestCase.AnyEndpoint.class,
            Map.of(
                FaultExperimentProperties.ENDPOINT_PREFIX + "pricing",
                "https://abc123.lambda-url.eu-west-1.on.aws/"))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(EndpointsTestCase.endpoint)
        .isEqualTo(URI.create("https://abc123.lambda-url.eu-west-1.on.aws/"));
    assertThat(EndpointsTestCase.UPSTREAMS_STARTED).hasValue(0);
  }

  @Test
  void inTheCloudWithoutAnEndpointSaysHowToSetOne() {
    assertFailure(
        Map.of(),
        "The endpoint of 'pricing' (standing for"
            + " arn:aws:lambda:us-east-1:123456789012:function:pricing) is not set: set the"
            + " configuration parameter faultexperiment.endpoint.pricing to its address",
        "or faultexperiment.emulator=embedded to run offline");
  }

  @Test
  void anEndpointThatIsNoAbsoluteUriWithAHostIsRefusedNamingTheParameter() {
    assertFailure(
        Map.of(FaultExperimentProperties.ENDPOINT_PREFIX + "pricing", "pricing.internal:8080"),
        "Configuration parameter faultexperiment.endpoint.pricing = 'pricing.internal:8080' is"
            + " not valid: use an absolute URI with a host, such as https://pricing.example.com");
  }

  @Test
  void offlineAMalformedResourceOrADeadUpstreamIsRefusedNamingIt() {
    assertFailure(
        EMBEDDED, "No local target for the endpoint of 'pricing': ", "http://127.0.0.1:1");
  }

  private void assertFailure(Map<String, String> parameters, String... fragments) {
    run(EndpointsTestCase.AnyEndpoint.class, parameters)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    message(m -> java.util.Arrays.stream(fragments).allMatch(m::contains)))));
  }

  private EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
    return EngineRuns.run(fixture, parameters, outputs);
  }
}
