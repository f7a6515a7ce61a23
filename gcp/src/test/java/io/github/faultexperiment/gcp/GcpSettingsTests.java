package io.github.faultexperiment.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.faultexperiment.spi.Configuration;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class GcpSettingsTests {
  private static final GcpSettings.CredentialsSource NO_ADC =
      () -> {
        throw new IOException("Your default credentials were not found.");
      };
  private static final GcpSettings.CredentialsSource ADC_NOT_EXPECTED =
      () -> {
        throw new AssertionError("credentials must not be looked up for an emulator endpoint");
      };

  private static GcpSettings resolve(
      Map<String, String> parameters, Map<String, String> environment) {
    return GcpSettings.resolve(
        Configuration.of(parameters, environment), java.util.Optional.empty(), ADC_NOT_EXPECTED);
  }

  // --- endpoint precedence
  @Test
  void explicitPropertyWinsOverEmulatorHost() {
    GcpSettings settings =
        resolve(
            Map.of(
                GcpSettings.ENDPOINT, "http://127.0.0.1:9999",
                GcpSettings.PROJECT, "my-project",
                GcpSettings.LOCATION, "us-central1"),
            Map.of(GcpSettings.EMULATOR_HOST, "localhost:8085"));

    assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9999"));
    assertThat(settings.emulator()).isTrue();
    assertThat(settings.credentials()).isNull();
  }

  @Test
  void emulatorHostIsUsedWithoutCredentials() {
    GcpSettings settings =
        resolve(
            Map.of(GcpSettings.PROJECT, "my-project", GcpSettings.LOCATION, "us-central1"),
            Map.of(GcpSettings.EMULATOR_HOST, "localhost:8085"));

    assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:8085/"));
    assertThat(settings.emulator()).isTrue();
    assertThat(settings.credentials()).isNull();
  }

  @Test
  void googleEndpointWithApplicationDefaultCredentialsOtherwise() {
    GoogleCredentials adc = GoogleCredentials.create(new AccessToken("secret-token", null));
    GcpSettings settings =
        GcpSettings.resolve(
            Configuration.of(
                Map.of(GcpSettings.PROJECT, "my-project", GcpSettings.LOCATION, "us-central1"),
                Map.of()),
            java.util.Optional.empty(),
            () -> adc);

    assertThat(settings.endpoint()).isEqualTo(GcpSettings.GOOGLE_ENDPOINT);
    assertThat(settings.emulator()).isFalse();
    assertThat(settings.credentials()).isNotNull();
    assertThat(settings.toString()).doesNotContain("secret-token");
  }

  @Test
  void missingApplicationDefaultCredentialsSayWhatToRun() {
    Configuration configuration =
        Configuration.of(
            Map.of(GcpSettings.PROJECT, "my-project", GcpSettings.LOCATION, "us-central1"),
            Map.of());

    assertThatThrownBy(() -> GcpSettings.resolve(configuration, java.util.Optional.empty(), NO_ADC))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("gcloud auth application-default login")
        .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS")
        .hasMessageContaining("Your default credentials were not found.");
  }

  @Test
  void malformedEndpointNamesThePropertyAndValue() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        GcpSettings.ENDPOINT, "localhost:8085",
                        GcpSettings.LOCATION, "us-central1"),
                    Map.of()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment.gcp.endpoint")
        .hasMessageContaining("'localhost:8085'")
        .hasMessageContaining("http://");
  }

  @Test
  void malformedEmulatorHostNamesTheVariable() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(GcpSettings.LOCATION, "us-central1"),
                    Map.of(GcpSettings.EMULATOR_HOST, "http://localhost")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("FAULT_TESTING_EMULATOR_HOST")
        .hasMessageContaining("host:port");
  }

  // --- project and location
  private final Map<String, String> emulator = Map.of(GcpSettings.ENDPOINT, "http://localhost:1");

  @Test
  void projectPropertyWinsOverEnvironment() {
    GcpSettings settings =
        resolve(
            with(GcpSettings.PROJECT, "from-property", GcpSettings.LOCATION, "europe-west4"),
            Map.of(GcpSettings.PROJECT_ENV, "from-environment"));

    assertThat(settings.project()).isEqualTo("from-property");
    assertThat(settings.parent()).isEqualTo("projects/from-property/locations/europe-west4");
  }

  @Test
  void projectFromGoogleCloudProject() {
    GcpSettings settings =
        resolve(
            with(GcpSettings.LOCATION, "us-central1"),
            Map.of(GcpSettings.PROJECT_ENV, "from-environment"));

    assertThat(settings.project()).isEqualTo("from-environment");
  }

  @Test
  void missingProjectListsWhereToSetIt() {
    assertThatThrownBy(() -> resolve(with(GcpSettings.LOCATION, "us-central1"), Map.of()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment.gcp.project")
        .hasMessageContaining("GOOGLE_CLOUD_PROJECT");
  }

  @Test
  void malformedProjectIsNamed() {
    assertThatThrownBy(
            () ->
                resolve(
                    with(GcpSettings.PROJECT, "My_Project", GcpSettings.LOCATION, "us-central1"),
                    Map.of()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("'My_Project'")
        .hasMessageContaining("project id");
  }

  @Test
  void missingLocationListsHowToSetIt() {
    assertThatThrownBy(() -> resolve(with(GcpSettings.PROJECT, "my-project"), Map.of()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment.gcp.location")
        .hasMessageContaining("junit-platform.properties")
        .hasMessageContaining("us-central1");
  }

  @Test
  void malformedLocationIsNamed() {
    assertThatThrownBy(
            () ->
                resolve(
                    with(GcpSettings.PROJECT, "my-project", GcpSettings.LOCATION, "US Central"),
                    Map.of()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("faultexperiment.gcp.location")
        .hasMessageContaining("'US Central'");
  }

  @Test
  void allowedProjectsAreACommaList() {
    GcpSettings settings =
        resolve(
            with(
                GcpSettings.PROJECT, "my-project",
                GcpSettings.LOCATION, "us-central1",
                GcpSettings.ALLOWED_PROJECTS, " my-project , other-project ,"),
            Map.of());

    assertThat(settings.allowedProjects()).containsExactly("my-project", "other-project");
    assertThat(settings.allows("other-project")).isTrue();
    assertThat(settings.allows("third-project")).isFalse();
  }

  private Map<String, String> with(String... keysAndValues) {
    Map<String, String> parameters = new java.util.HashMap<>(emulator);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      parameters.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return parameters;
  }

  @Test
  void withoutTheProcessEnvironmentNeitherGcloudNorTheShellsKeyFileIsRead() {
    GcpSettings.CredentialsSource adc =
        GcpSettings.applicationDefault(Configuration.of(Map.of(), Map.of()));

    assertThatThrownBy(adc::load)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("faultexperiment.environment=ignore")
        .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
  }

  @Test
  void withoutTheProcessEnvironmentTheKeyFileTheConfigurationNamesIsRead() {
    GcpSettings.CredentialsSource adc =
        GcpSettings.applicationDefault(
            Configuration.of(
                Map.of(), Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/key.json")));

    assertThatThrownBy(adc::load)
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("/nonexistent/key.json");
  }
}
