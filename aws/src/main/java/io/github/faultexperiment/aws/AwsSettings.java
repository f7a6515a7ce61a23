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
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

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
 */
record AwsSettings(
    String region,
    URI endpoint,
    Optional<URI> endpointOverride,
    Optional<URI> s3EndpointOverride,
    AwsCredentialsProvider credentials,
    List<String> allowedAccounts,
    Duration reportTimeout,
    boolean safetyLeverFails) {

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
                List.of(AwsProperties.SAFETY_LEVER_ABORT, AwsProperties.SAFETY_LEVER_FAIL))));
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
    if (region.isEmpty()) {
      source = "The AWS SDK's region chain (AWS_DEFAULT_REGION, aws.region, the profile's region)";
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
    return DefaultCredentialsProvider.builder().build();
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
