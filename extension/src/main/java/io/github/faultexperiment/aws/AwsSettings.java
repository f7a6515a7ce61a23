package io.github.faultexperiment.aws;

import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.internal.Configuration;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
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
 * SDK's own chains, in the documented order (docs/aws.md).
 *
 * @param region the region, e.g. {@code us-east-1}
 * @param endpoint the FIS endpoint
 * @param endpointOverride the FIS endpoint when it was configured (property or environment) rather
 *     than derived from the region; STS and S3 use it too, so one emulator answers all three
 * @param s3EndpointOverride where report PDFs are fetched from when not AWS's own S3
 * @param credentials where credentials come from
 * @param allowedAccounts the accounts tests may run in; empty allows any
 */
record AwsSettings(
    String region,
    URI endpoint,
    Optional<URI> endpointOverride,
    Optional<URI> s3EndpointOverride,
    AwsCredentialsProvider credentials,
    List<String> allowedAccounts) {

  static final String ENDPOINT = FaultExperimentProperties.AWS_ENDPOINT;
  static final String REGION = FaultExperimentProperties.AWS_REGION;
  static final String S3_ENDPOINT = FaultExperimentProperties.AWS_S3_ENDPOINT;
  static final String ACCESS_KEY_ID = FaultExperimentProperties.AWS_ACCESS_KEY_ID;
  static final String SECRET_ACCESS_KEY = FaultExperimentProperties.AWS_SECRET_ACCESS_KEY;
  static final String ALLOWED_ACCOUNTS = FaultExperimentProperties.AWS_ALLOWED_ACCOUNTS;

  private static final Pattern REGION_FORMAT = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern ACCOUNT_FORMAT = Pattern.compile("\\d{12}");

  AwsSettings {
    allowedAccounts = List.copyOf(allowedAccounts);
  }

  /** Resolves and validates every AWS setting; throws naming the setting that is wrong. */
  static AwsSettings from(Configuration configuration) {
    String region = region(configuration);
    Optional<URI> endpointOverride =
        url(configuration, ENDPOINT, "AWS_ENDPOINT_URL_FIS", "AWS_ENDPOINT_URL");
    URI endpoint =
        endpointOverride.orElseGet(
            () -> URI.create("https://fis." + region + "." + dnsSuffix(region)));
    Optional<URI> s3Endpoint =
        url(configuration, S3_ENDPOINT, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")
            .or(() -> endpointOverride);
    return new AwsSettings(
        region,
        endpoint,
        endpointOverride,
        s3Endpoint,
        credentials(configuration),
        allowedAccounts(configuration));
  }

  private static String region(Configuration configuration) {
    String source = REGION;
    Optional<String> region = configuration.parameter(REGION);
    if (region.isEmpty()) {
      source = "AWS_REGION";
      region = configuration.environment("AWS_REGION");
    }
    if (region.isEmpty()) {
      source = "the AWS SDK's region chain (AWS_DEFAULT_REGION, aws.region, the profile's region)";
      region = sdkRegion();
    }
    String value =
        region.orElseThrow(
            () ->
                new FaultExperimentException(
                    "No AWS region is configured. Set the JUnit configuration parameter "
                        + REGION
                        + " (e.g. faultexperiment.aws.region=us-east-1 in"
                        + " junit-platform.properties), the environment variable AWS_REGION, or a"
                        + " region in your AWS profile."));
    if (!REGION_FORMAT.matcher(value).matches()) {
      throw new FaultExperimentException(
          "The AWS region '"
              + value
              + "' from "
              + source
              + " is not a region name; use one like us-east-1 or eu-west-2.");
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

  /** The first of the parameter and the environment variables that is set, as an endpoint URL. */
  private static Optional<URI> url(
      Configuration configuration, String parameter, String... variables) {
    Optional<String> value = configuration.parameter(parameter);
    String source = "the configuration parameter " + parameter;
    for (int i = 0; value.isEmpty() && i < variables.length; i++) {
      value = configuration.environment(variables[i]);
      source = "the environment variable " + variables[i];
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(endpoint(value.get(), source));
  }

  private static URI endpoint(String value, String source) {
    try {
      URI uri = new URI(value);
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (web && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // Reported below with the same message as any other unusable value.
    }
    throw new FaultExperimentException(
        "The endpoint '"
            + value
            + "' from "
            + source
            + " is not a valid URL; use an absolute http(s) URL such as http://127.0.0.1:4566 or"
            + " https://fis.us-east-1.amazonaws.com.");
  }

  private static AwsCredentialsProvider credentials(Configuration configuration) {
    Optional<String> keyId = configuration.parameter(ACCESS_KEY_ID);
    Optional<String> secret = configuration.parameter(SECRET_ACCESS_KEY);
    if (keyId.isPresent() != secret.isPresent()) {
      throw new FaultExperimentException(
          "Set both "
              + ACCESS_KEY_ID
              + " and "
              + SECRET_ACCESS_KEY
              + " (meant for emulators), or neither to use the AWS SDK's default credentials"
              + " chain; only "
              + (keyId.isPresent() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY)
              + " is set.");
    }
    if (keyId.isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(keyId.get(), secret.get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static List<String> allowedAccounts(Configuration configuration) {
    List<String> accounts =
        configuration.parameter(ALLOWED_ACCOUNTS).stream()
            .flatMap(list -> Arrays.stream(list.split(",")))
            .map(String::strip)
            .filter(account -> !account.isEmpty())
            .toList();
    for (String account : accounts) {
      if (!ACCOUNT_FORMAT.matcher(account).matches()) {
        throw new FaultExperimentException(
            "'"
                + account
                + "' in "
                + ALLOWED_ACCOUNTS
                + " is not an AWS account id; list 12-digit account ids separated by commas,"
                + " e.g. 123456789012,210987654321.");
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
        + "]";
  }
}
