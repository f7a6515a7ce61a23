package io.github.faultexperiment.aws;

import io.github.faultexperiment.CloudApiException;
import io.github.faultexperiment.FaultExperimentException;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Refuses to run in an account that {@code faultexperiment.aws.allowed-accounts} does not list, so
 * a chaos test pointed at production by mistake fails before anything is injected.
 */
final class AccountAllowList {
  private final AwsSettings settings;
  private final SdkHttpClient http;

  AccountAllowList(AwsSettings settings, SdkHttpClient http) {
    this.settings = settings;
    this.http = http;
  }

  void verify() {
    List<String> allowed = settings.allowedAccounts();
    if (allowed.isEmpty()) {
      return;
    }
    GetCallerIdentityResponse caller = callerIdentity();
    if (!allowed.contains(caller.account())) {
      throw new FaultExperimentException(
          "The AWS credentials belong to account "
              + caller.account()
              + " ("
              + caller.arn()
              + "), which "
              + AwsProperties.ALLOWED_ACCOUNTS
              + " does not list: "
              + String.join(", ", allowed)
              + ". Nothing was started. Use credentials for one of those accounts or add this"
              + " account to the list.");
    }
  }

  private GetCallerIdentityResponse callerIdentity() {
    StsClientBuilder builder =
        settings.configure(StsClient.builder().httpClient(http), settings.endpointOverride());
    try (StsClient sts = builder.build()) {
      return sts.getCallerIdentity();
    } catch (AwsServiceException refused) {
      throw new CloudApiException(
          AwsProperties.PROVIDER_ID,
          FisCalls.reason(refused.awsErrorDetails().errorCode(), refused.statusCode()),
          refused.awsErrorDetails().errorCode(),
          refused.statusCode(),
          refused.requestId(),
          "STS GetCallerIdentity (needed to check "
              + AwsProperties.ALLOWED_ACCOUNTS
              + ") failed: "
              + refused.awsErrorDetails().errorMessage(),
          refused);
    } catch (SdkException unreachable) {
      throw new CloudApiException(
          AwsProperties.PROVIDER_ID,
          CloudApiException.Reason.UNAVAILABLE,
          null,
          0,
          null,
          "STS GetCallerIdentity (needed to check "
              + AwsProperties.ALLOWED_ACCOUNTS
              + ") failed: "
              + unreachable.getMessage(),
          unreachable);
    }
  }
}
