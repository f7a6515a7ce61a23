package io.github.faultexperiment.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import io.github.faultexperiment.FaultExperimentException;
import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.internal.Configuration;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

  static final String ENDPOINT = FaultExperimentProperties.GCP_ENDPOINT;
  static final String PROJECT = FaultExperimentProperties.GCP_PROJECT;
  static final String LOCATION = FaultExperimentProperties.GCP_LOCATION;
  static final String ALLOWED_PROJECTS = FaultExperimentProperties.GCP_ALLOWED_PROJECTS;
  static final String EMULATOR_HOST = "FAULT_TESTING_EMULATOR_HOST";
  static final String PROJECT_ENV = "GOOGLE_CLOUD_PROJECT";
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
   * Resolves and validates every setting; throws {@link FaultExperimentException} naming the
   * setting and what would be valid.
   */
  static GcpSettings resolve(Configuration configuration, CredentialsSource adc) {
    URI endpoint = endpoint(configuration);
    boolean emulator = "http".equals(endpoint.getScheme());
    GoogleCredentials credentials = emulator ? null : credentials(adc);
    String project = project(configuration, credentials);
    String location = location(configuration);
    List<String> allowed =
        configuration
            .parameter(ALLOWED_PROJECTS)
            .map(list -> Arrays.stream(list.split(",")).map(String::strip))
            .map(stream -> stream.filter(item -> !item.isEmpty()).toList())
            .orElse(List.of());
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
    Optional<String> property = configuration.parameter(ENDPOINT);
    if (property.isPresent()) {
      return url(property.get(), ENDPOINT);
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
        throw new FaultExperimentException(
            "Environment variable "
                + EMULATOR_HOST
                + " must be host:port of a Fault Testing emulator (e.g. localhost:8085), was '"
                + hostPort
                + "'");
      }
      return url("http://" + hostPort + "/", EMULATOR_HOST);
    }
    return GOOGLE_ENDPOINT;
  }

  private static URI url(String value, String setting) {
    try {
      URI uri = new URI(value);
      boolean valid =
          ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && uri.getHost() != null
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null;
      if (valid) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // Reported below with the setting's name and an example.
    }
    throw new FaultExperimentException(
        setting
            + " must be an http:// (emulator, no credentials) or https:// URL such as "
            + GOOGLE_ENDPOINT
            + " or http://localhost:8085, was '"
            + value
            + "'");
  }

  private static GoogleCredentials credentials(CredentialsSource adc) {
    try {
      return adc.load().createScoped(List.of(FaultTestingClient.SCOPE));
    } catch (IOException | RuntimeException e) {
      throw new FaultExperimentException(
          "No Google Application Default Credentials for "
              + GOOGLE_ENDPOINT
              + " ("
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
    String project =
        configuration
            .parameter(PROJECT)
            .or(() -> configuration.environment(PROJECT_ENV))
            .orElseGet(() -> credentials == null ? null : credentials.getProjectId());
    if (project == null || project.isBlank()) {
      throw new FaultExperimentException(
          "No Google Cloud project for Fault Testing: set the configuration parameter "
              + PROJECT
              + " (e.g. in junit-platform.properties), or the environment variable "
              + PROJECT_ENV
              + (credentials == null
                  ? " (on an emulator endpoint the credentials' project is not consulted)."
                  : ", or use Application Default Credentials that name a project"
                      + " (a service-account key, or `gcloud config set project`)."));
    }
    if (!isProject(project)) {
      throw new FaultExperimentException(
          "Google Cloud project '"
              + project
              + "' (from "
              + PROJECT
              + " or "
              + PROJECT_ENV
              + ") is not a project id (6-30 characters: lower-case letters, digits, '-',"
              + " starting with a letter) or a project number");
    }
    return project;
  }

  private static String location(Configuration configuration) {
    String location =
        configuration
            .parameter(LOCATION)
            .orElseThrow(
                () ->
                    new FaultExperimentException(
                        "No Fault Testing location: set the configuration parameter "
                            + LOCATION
                            + " to the region your templates live in (e.g. us-central1), in"
                            + " src/test/resources/junit-platform.properties or as -D"
                            + LOCATION
                            + "=us-central1 on the Maven/Gradle test run; embedded mode"
                            + " (faultexperiment.emulator=embedded) uses us-central1 unless set."));
    if (!isLocation(location)) {
      throw new FaultExperimentException(
          LOCATION
              + " must be a location such as us-central1 or europe-west4 (lower-case letters,"
              + " digits, '-'), was '"
              + location
              + "'");
    }
    return location;
  }
}
