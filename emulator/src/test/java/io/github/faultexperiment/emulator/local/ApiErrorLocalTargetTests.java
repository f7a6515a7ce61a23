package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

// Two upstreams: moto_server where installed (any service, no signature check), and the
// emulator's own STS and S3, which check every SigV4 signature as AWS does: a call passed through
// is accepted only if the bytes the SDK signed (Host included) reach it unchanged.
@DisplayName("An AWS API-error local target, called with the real AWS SDK")
class ApiErrorLocalTargetTests {
  private static final String ROLE = "arn:aws:iam::123456789012:role/orders-app";
  private static final String SIGNED_ROLE = "arn:aws:iam::123456789012:role/billing-app";
  private static final Optional<MotoServer> MOTO = MotoServer.start();

  private final FaultEmulator emulator = FaultEmulator.builder().start();
  private final LocalTarget api =
      emulator.registerLocalTarget(ROLE, MOTO.map(MotoServer::uri).orElse(emulator.endpoint()));
  private final StsClient sts = sts(api, "test");
  // In front of the emulator's own endpoint, which refuses a call whose signature does not match.
  private final LocalTarget checked =
      emulator.registerLocalTarget(SIGNED_ROLE, emulator.endpoint());
  private final StsClient checkedSts = sts(checked, "test");
  private final S3Client checkedS3 =
      S3Client.builder()
          .endpointOverride(checked.uri())
          .forcePathStyle(true)
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
          .httpClient(UrlConnectionHttpClient.create())
          .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
          .build();

  @AfterEach
  void close() {
    sts.close();
    checkedSts.close();
    checkedS3.close();
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

  @Test
  void callsPassedThroughKeepTheBytesTheSdkSignedSoAnUpstreamCheckingSignaturesAcceptsThem() {
    assertThat(checkedSts.getCallerIdentity().account()).isEqualTo(emulator.fis().account());
    // S3 signs differently (unnormalised path, x-amz-content-sha256); the emulator checks the
    // signature first, so its NoSuchBucket (no report written yet) means the signature held.
    assertThatThrownBy(
            () -> checkedS3.getObject(request -> request.bucket("fis-reports").key("missing")))
        .isInstanceOf(NoSuchBucketException.class);
    assertThat(emulator.fis().requestCount("GetCallerIdentity")).isEqualTo(1);
    assertThat(checked.counters().passed()).isEqualTo(2);
  }

  @Test
  void theUpstreamStillRefusesAWrongSignaturePassedThrough() {
    try (StsClient wrongSecret = sts(checked, "not-the-secret")) {
      StsException refused =
          catchThrowableOfType(StsException.class, wrongSecret::getCallerIdentity);

      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(checked.counters().passed()).isEqualTo(1);
    }
  }

  @Test
  void throttlesExactlyTheStatedShareOfTheNamedOperationAndPassesEveryOtherCall() {
    emulator
        .localTargets()
        .actionStarted(
            action(
                "aws:fis:inject-api-throttle-error",
                Map.of("service", "sts", "operations", "GetCallerIdentity", "percentage", "50"),
                SIGNED_ROLE));
    int throttled = 0;
    int answered = 0;
    for (int call = 0; call < 10; call++) {
      try {
        assertThat(checkedSts.getCallerIdentity().account()).isEqualTo(emulator.fis().account());
        answered++;
      } catch (StsException e) {
        assertThat(e.isThrottlingException()).as(e.toString()).isTrue();
        throttled++;
      }
      // Another service's call through the same role's target is never selected.
      assertThatThrownBy(
              () -> checkedS3.getObject(request -> request.bucket("fis-reports").key("missing")))
          .isInstanceOf(NoSuchBucketException.class);
    }

    assertThat(throttled).isEqualTo(5);
    assertThat(answered).isEqualTo(5);
    assertThat(emulator.fis().requestCount("GetCallerIdentity")).isEqualTo(5);
    assertThat(checked.counters("EXP1")).isEqualTo(new LocalTargetCounters(20, 0, 5, 15, 0));
  }

  @Test
  void theSdkSeesAnInternalErrorForTheNamedOperation() {
    emulator
        .localTargets()
        .actionStarted(
            action(
                "aws:fis:inject-api-internal-error",
                Map.of("service", "sts", "operations", "GetCallerIdentity", "percentage", "100"),
                SIGNED_ROLE));

    StsException thrown = catchThrowableOfType(StsException.class, checkedSts::getCallerIdentity);

    assertThat(thrown.statusCode()).isEqualTo(500);
    assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
    assertThat(emulator.fis().requestCount("GetCallerIdentity")).isZero();
  }

  private static StsClient sts(LocalTarget target, String secret) {
    return StsClient.builder()
        .endpointOverride(target.uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static ActionEvent action(String actionId, Map<String, Object> parameters) {
    return action(actionId, parameters, ROLE);
  }

  private static ActionEvent action(String actionId, Map<String, Object> parameters, String role) {
    return new ActionEvent("fis", "EXP1", "apiFault", actionId, parameters, List.of(role));
  }
}
