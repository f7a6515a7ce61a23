package io.github.faultexperiment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.fis.FisClient;

class AwsSettingsTests {

  private static AwsSettings settings(Map<String, String> parameters, Map<String, String> env) {
    return AwsSettings.from(Configuration.of(parameters, env), java.util.Optional.empty());
  }

  @Nested
  @DisplayName("endpoint")
  class Endpoint {
    private final Map<String, String> region = Map.of(AwsProperties.REGION, "eu-west-2");

    @Test
    void theParameterWinsOverEveryEnvironmentVariable() {
      AwsSettings settings =
          settings(
              Map.of(
                  AwsProperties.REGION, "eu-west-2", AwsProperties.ENDPOINT, "http://127.0.0.1:1"),
              Map.of(
                  "AWS_ENDPOINT_URL_FIS", "http://127.0.0.1:2",
                  "AWS_ENDPOINT_URL", "http://127.0.0.1:3"));

      assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:1"));
      assertThat(settings.endpointOverride()).contains(URI.create("http://127.0.0.1:1"));
    }

    @Test
    void theFisVariableWinsOverTheGeneralOne() {
      AwsSettings settings =
          settings(
              region,
              Map.of(
                  "AWS_ENDPOINT_URL_FIS", "http://127.0.0.1:2",
                  "AWS_ENDPOINT_URL", "http://127.0.0.1:3"));

      assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:2"));
    }

    @Test
    void theGeneralVariableIsUsedWhenNothingMoreSpecificIsSet() {
      AwsSettings settings = settings(region, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:3"));

      assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:3"));
    }

    @Test
    void withoutOverrideTheRegionalFisEndpointIsUsed() {
      AwsSettings settings = settings(region, Map.of());

      assertThat(settings.endpoint()).isEqualTo(URI.create("https://fis.eu-west-2.amazonaws.com"));
      assertThat(settings.endpointOverride()).isEmpty();
      assertThat(settings.s3EndpointOverride()).isEmpty();
    }

    @Test
    void chinaRegionsUseTheirOwnDomain() {
      AwsSettings settings = settings(Map.of(AwsProperties.REGION, "cn-north-1"), Map.of());

      assertThat(settings.endpoint())
          .isEqualTo(URI.create("https://fis.cn-north-1.amazonaws.com.cn"));
    }

    @Test
    void aMalformedUrlNamesTheSettingAndTheValue() {
      assertThatThrownBy(
              () ->
                  settings(
                      Map.of(
                          AwsProperties.REGION,
                          "eu-west-2",
                          AwsProperties.ENDPOINT,
                          "localhost:4566"),
                      Map.of()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("faultexperiment.aws.endpoint")
          .hasMessageContaining("'localhost:4566'")
          .hasMessageContaining("http://127.0.0.1:4566");
    }

    @Test
    void aMalformedEnvironmentVariableIsNamedToo() {
      assertThatThrownBy(() -> settings(region, Map.of("AWS_ENDPOINT_URL_FIS", "http://bad host")))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("AWS_ENDPOINT_URL_FIS")
          .hasMessageContaining("'http://bad host'");
    }
  }

  @Nested
  @DisplayName("S3 endpoint")
  class S3Endpoint {
    private final Map<String, String> fis =
        Map.of(AwsProperties.REGION, "us-east-1", AwsProperties.ENDPOINT, "http://127.0.0.1:1");

    @Test
    void theParameterWins() {
      Map<String, String> parameters = new java.util.HashMap<>(fis);
      parameters.put(AwsProperties.S3_ENDPOINT, "http://127.0.0.1:9");

      AwsSettings settings =
          settings(parameters, Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:8"));

      assertThat(settings.s3EndpointOverride()).contains(URI.create("http://127.0.0.1:9"));
    }

    @Test
    void thenTheS3VariableThenTheGeneralOne() {
      assertThat(
              settings(
                      fis,
                      Map.of(
                          "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:8",
                          "AWS_ENDPOINT_URL", "http://127.0.0.1:7"))
                  .s3EndpointOverride())
          .contains(URI.create("http://127.0.0.1:8"));
      assertThat(
              settings(fis, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:7")).s3EndpointOverride())
          .contains(URI.create("http://127.0.0.1:7"));
    }

    @Test
    void otherwiseTheFisOverrideSoThatOneEmulatorServesBoth() {
      assertThat(settings(fis, Map.of()).s3EndpointOverride())
          .contains(URI.create("http://127.0.0.1:1"));
    }
  }

  @Nested
  @DisplayName("region")
  class RegionResolution {
    @Test
    void theParameterWinsOverAwsRegion() {
      assertThat(
              settings(
                      Map.of(AwsProperties.REGION, "eu-central-1"),
                      Map.of("AWS_REGION", "us-west-2"))
                  .region())
          .isEqualTo("eu-central-1");
    }

    @Test
    void awsRegionIsUsedWithoutTheParameter() {
      assertThat(settings(Map.of(), Map.of("AWS_REGION", "us-west-2")).region())
          .isEqualTo("us-west-2");
    }

    @Test
    void aRegionThatIsNotARegionNameIsRefused() {
      assertThatThrownBy(() -> settings(Map.of(AwsProperties.REGION, "US East"), Map.of()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("'US East'")
          .hasMessageContaining("faultexperiment.aws.region")
          .hasMessageContaining("us-east-1");
    }

    @Test
    void aMissingRegionSaysHowToSetOne() {
      // The configuration's environment is exactly Map.of(): neither the shell's AWS_REGION nor
      // the SDK's profile chain is read, whatever this machine holds.
      assertThatThrownBy(() -> settings(Map.of(), Map.of()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("The AWS region is not set")
          .hasMessageContaining("faultexperiment.aws.region")
          .hasMessageContaining("AWS_REGION");
    }

    @Test
    void theSdkRegionChainIsNotAskedWhenTheEnvironmentIsIgnored() {
      Configuration ignoring =
          Configuration.ofProcess(
              key -> Optional.ofNullable(Map.of(Configuration.ENVIRONMENT, "ignore").get(key)));

      assertThat(ignoring.readsProcessEnvironment()).isFalse();
      assertThatThrownBy(() -> AwsSettings.from(ignoring, Optional.empty()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("The AWS region is not set");
    }
  }

  @Nested
  @DisplayName("credentials and allow-list")
  class CredentialsAndAllowList {
    private final Map<String, String> region = Map.of(AwsProperties.REGION, "us-east-1");

    @Test
    void bothKeysMakeStaticCredentials() {
      AwsSettings settings =
          settings(
              Map.of(
                  AwsProperties.REGION, "us-east-1",
                  AwsProperties.ACCESS_KEY_ID, "AKIDEXAMPLE",
                  AwsProperties.SECRET_ACCESS_KEY, "s3cr3t"),
              Map.of());

      AwsCredentials credentials = settings.credentials().resolveCredentials();
      assertThat(credentials.accessKeyId()).isEqualTo("AKIDEXAMPLE");
      assertThat(credentials.secretAccessKey()).isEqualTo("s3cr3t");
      assertThat(settings.toString()).doesNotContain("s3cr3t").doesNotContain("AKIDEXAMPLE");
    }

    @Test
    void withoutKeysTheSdkDefaultChainIsUsedWhenTheEnvironmentIsInherited() {
      Configuration inheriting =
          Configuration.ofProcess(key -> Optional.ofNullable(region.get(key)));

      assertThat(inheriting.readsProcessEnvironment()).isTrue();
      assertThat(AwsSettings.from(inheriting, Optional.empty()).credentials())
          .isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void otherwiseTheKeysOfTheGivenEnvironmentAreUsed() {
      AwsCredentials credentials =
          settings(
                  region,
                  Map.of(
                      "AWS_ACCESS_KEY_ID", "AKIDFROMENV",
                      "AWS_SECRET_ACCESS_KEY", "envsecret",
                      "AWS_SESSION_TOKEN", "token"))
              .credentials()
              .resolveCredentials();

      assertThat(credentials.accessKeyId()).isEqualTo("AKIDFROMENV");
      assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
    }

    @Test
    void withNoKeysAnywhereTheFirstCallSaysHowToSetThem() {
      AwsCredentialsProvider none = settings(region, Map.of()).credentials();

      assertThatThrownBy(none::resolveCredentials)
          .isInstanceOf(SdkClientException.class)
          .hasMessageContaining("Unable to load AWS credentials")
          .hasMessageContaining(AwsProperties.ACCESS_KEY_ID)
          .hasMessageContaining("faultexperiment.environment=ignore");
    }

    @Test
    void anEnvironmentModeOtherThanInheritOrIgnoreIsRefused() {
      assertThatThrownBy(
              () ->
                  Configuration.ofProcess(
                      key ->
                          Optional.ofNullable(Map.of(Configuration.ENVIRONMENT, "none").get(key))))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "Configuration parameter faultexperiment.environment = 'none' is not valid: use"
                  + " inherit or ignore.");
    }

    @Test
    void onlyOneKeyIsAMistake() {
      assertThatThrownBy(
              () ->
                  settings(
                      Map.of(
                          AwsProperties.REGION, "us-east-1", AwsProperties.ACCESS_KEY_ID, "test"),
                      Map.of()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("faultexperiment.aws.secret-access-key")
          .hasMessageContaining("Configuration parameter faultexperiment.aws.access-key-id")
          .hasMessageContaining("both");
    }

    @Test
    void allowedAccountsAreACommaList() {
      AwsSettings settings =
          settings(
              Map.of(
                  AwsProperties.REGION,
                  "us-east-1",
                  AwsProperties.ALLOWED_ACCOUNTS,
                  " 123456789012 , 210987654321,"),
              Map.of());

      assertThat(settings.allowedAccounts()).containsExactly("123456789012", "210987654321");
    }

    @Test
    void anAllowedAccountThatIsNotAnAccountIdIsRefused() {
      assertThatThrownBy(
              () ->
                  settings(
                      Map.of(
                          AwsProperties.REGION,
                          "us-east-1",
                          AwsProperties.ALLOWED_ACCOUNTS,
                          "prod"),
                      Map.of()))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining("'prod'")
          .hasMessageContaining("12-digit");
    }
  }

  @Test
  void embeddedModeIgnoresTheShellsEndpointRegionAndCredentials() {
    io.github.faultexperiment.spi.EmulatorEndpoint emulator =
        new io.github.faultexperiment.spi.EmulatorEndpoint(
            java.net.URI.create("http://127.0.0.1:4599"), "emulator-key", "emulator-secret");
    AwsSettings settings =
        AwsSettings.from(
            Configuration.of(
                Map.of(),
                Map.of(
                    "AWS_REGION", "eu-west-3",
                    "AWS_ENDPOINT_URL", "https://fis.eu-west-3.amazonaws.com",
                    "AWS_ENDPOINT_URL_S3", "https://s3.eu-west-3.amazonaws.com")),
            java.util.Optional.of(emulator));

    assertThat(settings.region()).isEqualTo("us-east-1");
    assertThat(settings.endpoint()).isEqualTo(emulator.uri());
    assertThat(settings.s3EndpointOverride()).contains(emulator.uri());
    assertThat(settings.credentials().resolveCredentials().accessKeyId()).isEqualTo("emulator-key");
  }

  @Test
  void embeddedModeStillTakesExplicitParameters() {
    io.github.faultexperiment.spi.EmulatorEndpoint emulator =
        new io.github.faultexperiment.spi.EmulatorEndpoint(
            java.net.URI.create("http://127.0.0.1:4599"), "k", "s");
    AwsSettings settings =
        AwsSettings.from(
            Configuration.of(
                Map.of(
                    AwsProperties.REGION, "eu-west-1",
                    AwsProperties.ENDPOINT, "http://127.0.0.1:4600"),
                Map.of()),
            java.util.Optional.of(emulator));

    assertThat(settings.region()).isEqualTo("eu-west-1");
    assertThat(settings.endpoint()).hasToString("http://127.0.0.1:4600");
  }

  @Test
  void embeddedModeClientsPinTheirRetriesAndReadNoAwsProfileOfTheShell() {
    Configuration inheriting = Configuration.ofProcess(key -> Optional.empty());
    AwsSettings settings =
        AwsSettings.from(
            inheriting,
            Optional.of(new EmulatorEndpoint(URI.create("http://127.0.0.1:4600"), "id", "key")));

    try (FisClient fis =
        settings
            .configure(
                FisClient.builder().httpClient(UrlConnectionHttpClient.create()),
                settings.endpointOverride())
            .build()) {
      ClientOverrideConfiguration config = fis.serviceClientConfiguration().overrideConfiguration();

      assertThat(inheriting.readsProcessEnvironment()).isTrue();
      assertThat(config.retryStrategy())
          .hasValueSatisfying(retries -> assertThat(retries.maxAttempts()).isEqualTo(3));
      assertThat(config.defaultProfileFileSupplier())
          .hasValueSatisfying(
              profiles ->
                  assertThat(profiles.get().profiles())
                      .containsOnlyKeys("default")
                      .allSatisfy(
                          (name, profile) ->
                              assertThat(profile.properties())
                                  .containsOnlyKeys("ignore_configured_endpoint_urls")));
    }
  }
}
