package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.faultexperiment.Endpoints;
import io.github.faultexperiment.ExperimentHandle;
import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.samples.ZonePlanner.Plan;
import io.github.faultexperiment.samples.ZonePlanner.Source;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * The zone planner under FIS {@code aws:fis:inject-api-throttle-error}: EC2 throttles every {@code
 * DescribeAvailabilityZones} call the application's role makes, the official SDK raises its real
 * throttling exception, and the planner plans with the zones it read last.
 *
 * <p>Offline the role's local target answers in EC2's own error shape in front of {@code
 * moto_server} (skipped where moto is not installed: no other EC2 endpoint runs on a laptop; FIS
 * accepts only {@code ec2} and {@code kinesis} as the throttled service). In the cloud, {@code
 * faultexperiment.endpoint.ec2} is EC2's endpoint and the tests run under the template's role.
 */
class ZonePlannerChaosTests {
  static final String APP_ROLE = "arn:aws:iam::123456789012:role/zone-planner";

  Ec2Client ec2;
  ZonePlanner planner;

  @BeforeEach
  void pointThePlannerAtEc2(Endpoints endpoints, Optional<FaultEmulator> emulator) {
    emulator.ifPresent(e -> assumeTrue(MotoServer.uri().isPresent(), "moto_server not installed"));
    URI endpoint = endpoints.of("ec2", APP_ROLE, () -> MotoServer.uri().orElseThrow());
    ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                emulator.isPresent()
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))
                    : DefaultCredentialsProvider.builder().build())
            .httpClient(UrlConnectionHttpClient.create())
            // The SDK's own retries for throttling (3 attempts with backoff, pinned: the SDK
            // would take AWS_MAX_ATTEMPTS from the shell); moto's first EC2 call loads its
            // catalogue, which takes seconds.
            .overrideConfiguration(
                c ->
                    c.retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(3)
                                .build())
                        .apiCallTimeout(Duration.ofSeconds(30)))
            .build();
    planner = new ZonePlanner(ec2);
    assertThat(planner.plan().source()).isEqualTo(Source.LIVE);
  }

  @AfterEach
  void close() {
    if (ec2 != null) {
      ec2.close();
    }
  }

  @Test
  @FaultExperiment(template = "zone-planner-ec2-throttle")
  void plansWithTheLastKnownZonesWhileEc2Throttles(
      ExperimentHandle experiment, Optional<FaultEmulator> emulator) {
    Plan plan = planner.plan();

    assertThat(plan.source()).isEqualTo(Source.CACHED);
    assertThat(plan.zones()).isNotEmpty();
    // The SDK raised EC2's real throttling error, after its own retries.
    assertThat(planner.lastThrottled())
        .isInstanceOf(Ec2Exception.class)
        .satisfies(e -> assertThat(e.isThrottlingException()).isTrue())
        .satisfies(
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded"));
    emulator.ifPresent(
        e ->
            assertThat(e.localTarget(APP_ROLE).counters(experiment.experimentId()).aborted())
                .isGreaterThan(1));
  }
}
