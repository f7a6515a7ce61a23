package io.github.faultexperiment.aws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Names of the JUnit configuration parameters the AWS provider reads, each with its default. The
 * core's own parameters are in {@link io.github.faultexperiment.FaultExperimentProperties}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AwsProperties {
  private AwsProperties() {}

  /**
   * The provider id: {@code @FaultExperiment(provider = "aws")}, {@code
   * faultexperiment.provider=aws}.
   */
  public static final String PROVIDER_ID = "aws";

  /**
   * FIS endpoint URL. Default: env {@code AWS_ENDPOINT_URL_FIS}, then {@code AWS_ENDPOINT_URL},
   * then the SDK's regional endpoint ({@code https://fis.{region}.amazonaws.com}).
   */
  public static final String ENDPOINT = "faultexperiment.aws.endpoint";

  /**
   * AWS region. Default: env {@code AWS_REGION}, then the SDK's region chain (profile, …); in
   * embedded mode {@value #EMBEDDED_REGION}.
   */
  public static final String REGION = "faultexperiment.aws.region";

  /** The region of embedded mode when {@link #REGION} is not set. */
  public static final String EMBEDDED_REGION = "us-east-1";

  /**
   * Comma-separated AWS account ids experiments may run in, checked with STS GetCallerIdentity
   * before anything starts. Default unset: any account.
   */
  public static final String ALLOWED_ACCOUNTS = "faultexperiment.aws.allowed-accounts";

  /**
   * ISO-8601 duration to wait for the FIS experiment report (PDF) after the experiment ended.
   * Default {@value #REPORT_TIMEOUT_DEFAULT}: don't wait, record its S3 location instead.
   */
  public static final String REPORT_TIMEOUT = "faultexperiment.aws.report-timeout";

  /** Default of {@link #REPORT_TIMEOUT}. */
  public static final String REPORT_TIMEOUT_DEFAULT = "PT0S";

  /**
   * S3 endpoint URL for downloading FIS reports. Default: env {@code AWS_ENDPOINT_URL_S3}, then
   * {@code AWS_ENDPOINT_URL}, then {@link #ENDPOINT} when set, then the SDK's default.
   */
  public static final String S3_ENDPOINT = "faultexperiment.aws.s3-endpoint";

  /**
   * Static AWS access key id, used only together with {@link #SECRET_ACCESS_KEY} (meant for
   * emulators). Default: the SDK's default credentials chain.
   */
  public static final String ACCESS_KEY_ID = "faultexperiment.aws.access-key-id";

  /** Static AWS secret access key; see {@link #ACCESS_KEY_ID}. */
  public static final String SECRET_ACCESS_KEY = "faultexperiment.aws.secret-access-key";

  /**
   * What an engaged FIS safety lever does to a test: {@value #SAFETY_LEVER_ABORT} (the default)
   * aborts it, as a failed assumption does, naming the lever's reason; {@value #SAFETY_LEVER_FAIL}
   * fails it, for gates that must not skip silently. Either way nothing is started.
   */
  public static final String SAFETY_LEVER = "faultexperiment.aws.safety-lever";

  /** {@link #SAFETY_LEVER} value (the default): abort the test. */
  public static final String SAFETY_LEVER_ABORT = "abort";

  /** {@link #SAFETY_LEVER} value: fail the test. */
  public static final String SAFETY_LEVER_FAIL = "fail";
}
