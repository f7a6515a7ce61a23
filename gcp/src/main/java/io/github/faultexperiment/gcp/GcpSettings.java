package io.github.faultexperiment.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Where and as whom Fault Testing is called, resolved once from configuration: endpoint (property,
 * then {@code FAULT_TESTING_EMULATOR_HOST}, then Google's), credentials (none for an emulator, else
 * Application Default Credentials), project, location and the project allow-list.
 *
 * @param endpoint the base URL
 * @param emulator whether the endpoint is a plain-HTTP emulator (no credentials sent)
 * @param credentials the ADC to send, {@code null} on an emulator
 * @param project the project experiments run in
 * @param location the location (region) experiments run in
 * @param allowedProjects the projects experiments may run in; empty means no allow-list
 */
record GcpSettings(
    URI endpoint,
    boolean emulator,
    GoogleCredentials credentials,
    String project,
    String location,
    List<String> allowedProjects) {

  static final String ENDPOINT = GcpProperties.ENDPOINT;
  static final String PROJECT = GcpProperties.PROJECT;
  static final String LOCATION = GcpProperties.LOCATION;
  static final String ALLOWED_PROJECTS = GcpProperties.ALLOWED_PROJECTS;
  static final String EMULATOR_HOST = "FAULT_TESTING_EMULATOR_HOST";
  static final String PROJECT_ENV = "GOOGLE_CLOUD_PROJECT";
  static final String CREDENTIALS_ENV = "GOOGLE_APPLICATION_CREDENTIALS";
  static final URI GOOGLE_ENDPOINT = URI.create("https://faulttesting.googleapis.com/");

  // Project ids (optionally domain-scoped, e.g. example.com:my-project) or project numbers.
  private static final Pattern PROJECT_FORMAT =
      Pattern.compile("(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,20}");
  private static final Pattern LOCATION_FORMAT = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]");

  GcpSettings {
    allowedProjects = List.copyOf(allowedProjects);
  }

  /** Loads Application Default Credentials; a seam so tests can stand in for a machine's ADC. */
  @FunctionalInterface
  interface CredentialsSource {
    GoogleCredentials load() throws IOException;
  }

  /**
   * Application Default Credentials as this configuration allows: Google's own lookup when the
   * environment is the process's; otherwise only the key file the configuration's own {@code
   * GOOGLE_APPLICATION_CREDENTIALS} names, so a developer's gcloud login never reaches a run that
   * ignores the environment.
   */
  static CredentialsSource applicationDefault(Configuration configuration) {
    if (configuration.readsProcessEnvironment()) {
      return GoogleCredentials::getApplicationDefault;
    }
    return () -> {
      Optional<String> keyFile = configuration.environment(CREDENTIALS_ENV);
      if (keyFile.isEmpty()) {
        throw new IOException(
            "the environment is not read ("
                + Configuration.ENVIRONMENT
                + "=ignore), so neither "
                + CREDENTIALS_ENV
                + " nor gcloud's login are consulted");
      }
      try (InputStream key = Files.newInputStream(Path.of(keyFile.get()))) {
        return GoogleCredentials.fromStream(key);
      }
    };
  }

  /**
   * Resolves and validates every setting; throws {@link
   * org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the setting and what
   * would be valid. In embedded mode the emulator stands in for the endpoint, and the project and
   * location default to the emulator's.
   */
  static GcpSettings resolve(
      Configuration configuration, Optional<EmulatorEndpoint> embedded, CredentialsSource adc) {
    URI endpoint =
        embedded.isPresent() && configuration.parameter(ENDPOINT).isEmpty()
            ? embedded.get().uri()
            : endpoint(configuration);
    boolean emulator = "http".equals(endpoint.getScheme());
    GoogleCredentials credentials = emulator ? null : credentials(adc);
    String project =
        embedded.isPresent() && configuration.parameter(PROJECT).isEmpty()
            ? GcpProperties.EMBEDDED_PROJECT
            : project(configuration, credentials);
    String location =
        embedded.isPresent() && configuration.parameter(LOCATION).isEmpty()
            ? GcpProperties.EMBEDDED_LOCATION
            : location(configuration);
    List<String> allowed = configuration.list(ALLOWED_PROJECTS);
    return new GcpSettings(endpoint, emulator, credentials, project, location, allowed);
  }

  /** {@code projects/{project}/locations/{location}}. */
  String parent() {
    return "projects/" + project + "/locations/" + location;
  }

  /** Whether experiments may run in {@code candidate} (always, without an allow-list). */
  boolean allows(String candidate) {
    return allowedProjects.isEmpty() || allowedProjects.contains(candidate);
  }

  /** Whether {@code value} is a valid project id or number. */
  static boolean isProject(String value) {
    return PROJECT_FORMAT.matcher(value).matches();
  }

  /** Whether {@code value} is a valid location such as {@code us-central1}. */
  static boolean isLocation(String value) {
    return LOCATION_FORMAT.matcher(value).matches();
  }

  @Override
  public String toString() {
    // Never print the credentials: their toString may carry an access token.
    return "GcpSettings[endpoint="
        + endpoint
        + ", emulator="
        + emulator
        + ", project="
        + project
        + ", location="
        + location
        + ", allowedProjects="
        + allowedProjects
        + "]";
  }

  private static URI endpoint(Configuration configuration) {
    Optional<URI> property = configuration.url(ENDPOINT);
    if (property.isPresent()) {
      return property.get();
    }
    Optional<String> emulatorHost = configuration.environment(EMULATOR_HOST);
    if (emulatorHost.isPresent()) {
      String hostPort = emulatorHost.get();
      int colon = hostPort.lastIndexOf(':');
      boolean valid =
          colon > 0
              && HOST_PORT.matcher(hostPort.substring(0, colon)).matches()
              && hostPort.substring(colon + 1).matches("[0-9]{1,5}");
      if (!valid) {
        throw Configuration.invalid(
            "Environment variable " + EMULATOR_HOST,
            hostPort,
            "host:port of a Fault Testing emulator, e.g. localhost:8085");
      }
      return URI.create("http://" + hostPort + "/");
    }
    return GOOGLE_ENDPOINT;
  }

  private static GoogleCredentials credentials(CredentialsSource adc) {
    try {
      return adc.load().createScoped(List.of(FaultTestingClient.SCOPE));
    } catch (IOException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "Google Application Default Credentials for "
              + GOOGLE_ENDPOINT
              + " are not set: ("
              + e.getMessage()
              + "). Run `gcloud auth application-default login`, or set"
              + " GOOGLE_APPLICATION_CREDENTIALS to a service-account key file; to use an emulator"
              + " instead set "
              + ENDPOINT
              + " to its http:// URL or "
              + EMULATOR_HOST
              + " to its host:port.",
          e);
    }
  }

  private static String project(Configuration configuration, GoogleCredentials credentials) {
    String source = Configuration.parameterSource(PROJECT);
    Optional<String> project = configuration.parameter(PROJECT);
    if (project.isEmpty()) {
      source = "Environment variable " + PROJECT_ENV;
      project = configuration.environment(PROJECT_ENV);
    }
    if (project.isEmpty() && credentials != null) {
      source = "The Application Default Credentials' project";
      project = Optional.ofNullable(credentials.getProjectId()).filter(p -> !p.isBlank());
    }
    if (project.isEmpty()) {
      throw Configuration.missing(
          "The Google Cloud project for Fault Testing",
          "set the configuration parameter "
              + PROJECT
              + " (e.g. in junit-platform.properties), or the environment variable "
              + PROJECT_ENV
              + (credentials == null
                  ? " (on an emulator endpoint the credentials' project is not consulted)"
                  : ", or use Application Default Credentials that name a project"
                      + " (a service-account key, or `gcloud config set project`)"));
    }
    if (!isProject(project.get())) {
      throw Configuration.invalid(
          source,
          project.get(),
          "a project id (6-30 characters: lower-case letters, digits, '-', starting with a"
              + " letter) or a project number");
    }
    return project.get();
  }

  private static String location(Configuration configuration) {
    String location =
        configuration
            .parameter(LOCATION)
            .orElseThrow(
                () ->
                    Configuration.missing(
                        "The Fault Testing location",
                        "set the configuration parameter "
                            + LOCATION
                            + " to the region your templates live in (e.g. us-central1), in"
                            + " src/test/resources/junit-platform.properties or as -D"
                            + LOCATION
                            + "=us-central1 on the Maven/Gradle test run; embedded mode"
                            + " (faultexperiment.emulator=embedded) uses "
                            + GcpProperties.EMBEDDED_LOCATION
                            + " unless set"));
    if (!isLocation(location)) {
      throw Configuration.invalid(
          Configuration.parameterSource(LOCATION),
          location,
          "a location such as us-central1 or europe-west4 (lower-case letters, digits, '-')");
    }
    return location;
  }
}
