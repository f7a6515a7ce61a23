package io.github.faultexperiment.aws;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The AWS settings, resolved once from JUnit configuration parameters, the environment and the
 * SDK's own chains, in the documented order (docs/aws.md). In embedded mode the emulator stands in
 * for every endpoint and credential nobody configured.
 *
 * @param region the region, e.g. {@code us-east-1}
 * @param endpoint the FIS endpoint, as messages name it
 * @param endpointOverride the FIS endpoint when it was configured (property, environment or
 *     embedded emulator) rather than derived from the region; STS uses it too, so one emulator
 *     answers both
 * @param s3EndpointOverride where report PDFs are fetched from when not AWS's own S3
 * @param credentials where credentials come from
 * @param allowedAccounts the accounts tests may run in; empty allows any
 * @param reportTimeout how long to wait for the FIS report; zero: don't
 * @param safetyLeverFails whether an engaged safety lever fails the test rather than aborting it
 * @param sdkReadsEnvironment whether the SDK's clients may read the process environment, system
 *     properties and AWS profile files on their own (endpoint URLs, defaults mode, FIPS and
 *     dual-stack endpoints); false in embedded mode and when the configuration's environment is not
 *     the process's ({@code faultexperiment.environment=ignore}, tests), so that nothing of the
 *     developer's shell reaches a client
 */
record AwsSettings(
    String region,
    URI endpoint,
    Optional<URI> endpointOverride,
    Optional<URI> s3EndpointOverride,
    AwsCredentialsProvider credentials,
    List<String> allowedAccounts,
    Duration reportTimeout,
    boolean safetyLeverFails,
    boolean sdkReadsEnvironment) {

  /** Attempts of every AWS call, the first included: the SDK's standard mode's own number. */
  static final int MAX_ATTEMPTS = 3;

  private static final String NO_PROFILE_NAME = "default";
  // What the SDK reads instead of the developer's ~/.aws/config when the environment is not
  // inherited: no settings, and the process's AWS_ENDPOINT_URL* ignored.
  private static final ProfileFile NO_PROFILE =
      ProfileFile.builder()
          .content("[default]\nignore_configured_endpoint_urls = true\n")
          .type(ProfileFile.Type.CONFIGURATION)
          .build();

  private static final Pattern REGION_FORMAT = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern ACCOUNT_FORMAT = Pattern.compile("\\d{12}");

  AwsSettings {
    allowedAccounts = List.copyOf(allowedAccounts);
  }

  /** Resolves and validates every AWS setting; throws naming the setting that is wrong. */
  static AwsSettings from(Configuration configuration, Optional<EmulatorEndpoint> emulator) {
    String region = region(configuration, emulator.isPresent());
    // Embedded mode: the emulator wins over the AWS_ENDPOINT_URL* a developer's shell may hold;
    // only an explicit parameter (a FaultInjection's own emulator, say) wins over it.
    boolean embedded = emulator.isPresent();
    Optional<URI> endpointOverride =
        embedded && configuration.parameter(AwsProperties.ENDPOINT).isEmpty()
            ? emulator.map(EmulatorEndpoint::uri)
            : configuration.url(AwsProperties.ENDPOINT, "AWS_ENDPOINT_URL_FIS", "AWS_ENDPOINT_URL");
    URI endpoint =
        endpointOverride.orElseGet(
            () -> URI.create("https://fis." + region + "." + dnsSuffix(region)));
    Optional<URI> s3Endpoint =
        embedded && configuration.parameter(AwsProperties.S3_ENDPOINT).isEmpty()
            ? endpointOverride
            : configuration
                .url(AwsProperties.S3_ENDPOINT, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")
                .or(() -> endpointOverride);
    return new AwsSettings(
        region,
        endpoint,
        endpointOverride,
        s3Endpoint,
        credentials(configuration, emulator),
        allowedAccounts(configuration),
        configuration.durationOrZero(
            AwsProperties.REPORT_TIMEOUT, Duration.parse(AwsProperties.REPORT_TIMEOUT_DEFAULT)),
        AwsProperties.SAFETY_LEVER_FAIL.equals(
            configuration.oneOf(
                AwsProperties.SAFETY_LEVER,
                AwsProperties.SAFETY_LEVER_ABORT,
                List.of(AwsProperties.SAFETY_LEVER_ABORT, AwsProperties.SAFETY_LEVER_FAIL))),
        // Embedded mode ignores the shell's AWS settings as it ignores its region and credentials.
        configuration.readsProcessEnvironment() && !embedded);
  }

  /**
   * Gives an SDK client builder this region, these credentials, this endpoint and the standard
   * retry strategy with {@value #MAX_ATTEMPTS} attempts, so that every client (FIS, STS, S3) is set
   * up from these settings alone. The retries are pinned in every mode: the lifecycle's own waits
   * assume them, and the SDK would otherwise take {@code AWS_RETRY_MODE}, {@code AWS_MAX_ATTEMPTS}
   * or {@code -Daws.maxAttempts} from the shell. Without the process environment (embedded mode,
   * {@code faultexperiment.environment=ignore}) the client also gets an empty AWS profile that
   * ignores configured endpoint URLs, the legacy defaults mode and no FIPS or dual-stack endpoint:
   * the SDK would otherwise read {@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE},
   * {@code AWS_PROFILE}, {@code AWS_DEFAULTS_MODE}, {@code AWS_USE_FIPS_ENDPOINT} and their {@code
   * -Daws.*} system properties itself.
   *
   * @param builder the client builder
   * @param endpoint the endpoint to use instead of the SDK's regional one
   */
  <B extends AwsClientBuilder<B, ?>> B configure(B builder, Optional<URI> endpoint) {
    builder.region(Region.of(region)).credentialsProvider(credentials);
    endpoint.ifPresent(builder::endpointOverride);
    if (sdkReadsEnvironment) {
      builder.overrideConfiguration(config -> config.retryStrategy(retryStrategy()));
    } else {
      builder
          .defaultsMode(DefaultsMode.LEGACY)
          .fipsEnabled(false)
          .dualstackEnabled(false)
          .overrideConfiguration(
              config ->
                  config
                      .retryStrategy(retryStrategy())
                      .defaultProfileFileSupplier(() -> NO_PROFILE)
                      .defaultProfileName(NO_PROFILE_NAME));
    }
    return builder;
  }

  /**
   * The SDK's standard strategy (throttling, 5xx and connection failures retried with back-off)
   * with its attempts pinned: the SDK's own builder fills them in from {@code AWS_MAX_ATTEMPTS}.
   */
  static RetryStrategy retryStrategy() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
  }

  private static String region(Configuration configuration, boolean embedded) {
    String source = Configuration.parameterSource(AwsProperties.REGION);
    Optional<String> region = configuration.parameter(AwsProperties.REGION);
    if (region.isEmpty() && embedded) {
      // Embedded mode never takes the region of the developer's shell or profile.
      return AwsProperties.EMBEDDED_REGION;
    }
    if (region.isEmpty()) {
      source = "Environment variable AWS_REGION";
      region = configuration.environment("AWS_REGION");
    }
    if (region.isEmpty() && configuration.readsProcessEnvironment()) {
      source = "The AWS SDK's region chain (aws.region, the profile's region)";
      region = sdkRegion();
    }
    String value =
        region.orElseThrow(
            () ->
                Configuration.missing(
                    "The AWS region",
                    "set the configuration parameter "
                        + AwsProperties.REGION
                        + " (e.g. faultexperiment.aws.region=us-east-1 in"
                        + " junit-platform.properties), the environment variable AWS_REGION, or a"
                        + " region in your AWS profile"));
    if (!REGION_FORMAT.matcher(value).matches()) {
      throw Configuration.invalid(source, value, "a region name such as us-east-1 or eu-west-2");
    }
    return value;
  }

  private static Optional<String> sdkRegion() {
    try {
      return Optional.of(new DefaultAwsRegionProviderChain().getRegion()).map(Region::id);
    } catch (SdkClientException none) {
      return Optional.empty();
    }
  }

  private static String dnsSuffix(String region) {
    return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  }

  private static AwsCredentialsProvider credentials(
      Configuration configuration, Optional<EmulatorEndpoint> emulator) {
    Optional<String> keyId = configuration.parameter(AwsProperties.ACCESS_KEY_ID);
    Optional<String> secret = configuration.parameter(AwsProperties.SECRET_ACCESS_KEY);
    if (keyId.isPresent() != secret.isPresent()) {
      String given =
          keyId.isPresent() ? AwsProperties.ACCESS_KEY_ID : AwsProperties.SECRET_ACCESS_KEY;
      throw Configuration.invalid(
          Configuration.parameterSource(given),
          "(set)",
          "both "
              + AwsProperties.ACCESS_KEY_ID
              + " and "
              + AwsProperties.SECRET_ACCESS_KEY
              + " (meant for emulators), or neither to use the AWS SDK's default credentials"
              + " chain");
    }
    if (keyId.isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(keyId.get(), secret.get()));
    }
    if (emulator.isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              emulator.get().accessKeyId(), emulator.get().secretAccessKey()));
    }
    if (configuration.readsProcessEnvironment()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return environmentCredentials(configuration);
  }

  /**
   * The keys of {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (and {@code
   * AWS_SESSION_TOKEN}) of the configuration's own environment, or a provider that fails saying why
   * when the first call needs them.
   */
  private static AwsCredentialsProvider environmentCredentials(Configuration configuration) {
    Optional<String> keyId = configuration.environment("AWS_ACCESS_KEY_ID");
    Optional<String> secret = configuration.environment("AWS_SECRET_ACCESS_KEY");
    if (keyId.isPresent() && secret.isPresent()) {
      Optional<String> token = configuration.environment("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(
          token.isPresent()
              ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
              : AwsBasicCredentials.create(keyId.get(), secret.get()));
    }
    // Thrown as the SDK's own "no credentials" failure, so that calls report it as FisCalls does
    // for any missing credentials, when the first call needs them.
    return () -> {
      throw SdkClientException.create(
          "Unable to load AWS credentials: none given as "
              + AwsProperties.ACCESS_KEY_ID
              + "/"
              + AwsProperties.SECRET_ACCESS_KEY
              + " or in the configuration's environment, and with "
              + Configuration.ENVIRONMENT
              + "=ignore the SDK's credentials chain (AWS_PROFILE, SSO, instance roles) is not"
              + " consulted");
    };
  }

  private static List<String> allowedAccounts(Configuration configuration) {
    List<String> accounts = configuration.list(AwsProperties.ALLOWED_ACCOUNTS);
    for (String account : accounts) {
      if (!ACCOUNT_FORMAT.matcher(account).matches()) {
        throw Configuration.invalid(
            Configuration.parameterSource(AwsProperties.ALLOWED_ACCOUNTS),
            account,
            "12-digit AWS account ids separated by commas, e.g. 123456789012,210987654321");
      }
    }
    return accounts;
  }

  @Override
  public String toString() {
    return "AwsSettings[region="
        + region
        + ", endpoint="
        + endpoint
        + ", s3EndpointOverride="
        + s3EndpointOverride.map(URI::toString).orElse("(AWS)")
        + ", allowedAccounts="
        + allowedAccounts
        + ", safetyLeverFails="
        + safetyLeverFails
        + "]";
  }
}
