package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ActionEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

// The upstream is moto_server where installed. Calls a fault answers never reach it, so those
// tests fall back on the emulator's own endpoint; calls that pass through need moto, because the
// proxy's Host differs from the upstream's and the emulator's STS checks signatures.
@DisplayName("An AWS API-error local target, called with the real AWS SDK")
class ApiErrorLocalTargetTests {
  private static final String ROLE = "arn:aws:iam::123456789012:role/orders-app";
  private static final Optional<MotoServer> MOTO = MotoServer.start();

  private final FaultEmulator emulator = FaultEmulator.builder().start();
  private final LocalTarget api =
      emulator.registerLocalTarget(ROLE, MOTO.map(MotoServer::uri).orElse(emulator.endpoint()));
  private final StsClient sts =
      StsClient.builder()
          .endpointOverride(api.uri())
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
          .httpClient(UrlConnectionHttpClient.create())
          .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
          .build();

  @AfterEach
  void close() {
    sts.close();
    emulator.close();
  }

  @AfterAll
  static void stopMoto() {
    MOTO.ifPresent(MotoServer::close);
  }

  @Test
  void theSdkRaisesItsThrottlingExceptionForTheNamedOperationWhileTheActionRuns() {
    ActionEvent throttle =
        action(
            "aws:fis:inject-api-throttle-error",
            Map.of("service", "sts", "operations", "GetCallerIdentity", "percentage", "100"));

    emulator.localTargets().actionStarted(throttle);
    StsException thrown = catchThrowableOfType(StsException.class, sts::getCallerIdentity);

    assertThat(thrown.isThrottlingException()).isTrue();
    assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("Throttling");
    assertThat(thrown.statusCode()).isEqualTo(400);
    assertThat(emulator.localTargets().reach("EXP1").get(0).localTargets()).containsExactly(ROLE);

    emulator.localTargets().actionEnded(throttle);
    assertThat(api.activeFaults()).isEmpty();
    assertThat(api.counters("EXP1").aborted()).isEqualTo(1);
  }

  @Test
  void passesCallsThroughBeforeAndAfterTheActionAndForOtherServicesAndOperations() {
    assumeTrue(MOTO.isPresent(), "moto_server is not installed");
    assertThat(sts.getCallerIdentity().account()).isNotBlank();
    emulator
        .localTargets()
        .actionStarted(
            action(
                "aws:fis:inject-api-unavailable-error",
                Map.of("service", "ec2", "operations", "DescribeInstances", "percentage", "100")));

    assertThat(sts.getCallerIdentity().account()).isNotBlank();
    assertThat(api.counters().passed()).isEqualTo(2);
  }

  @Test
  void theSdkSeesTheServiceUnavailable() {
    emulator
        .localTargets()
        .actionStarted(
            action(
                "aws:fis:inject-api-unavailable-error",
                Map.of("service", "sts", "percentage", "100")));

    StsException thrown = catchThrowableOfType(StsException.class, sts::getCallerIdentity);

    assertThat(thrown.statusCode()).isEqualTo(503);
    assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
  }

  private static ActionEvent action(String actionId, Map<String, Object> parameters) {
    return new ActionEvent("fis", "EXP1", "apiFault", actionId, parameters, List.of(ROLE));
  }
}
