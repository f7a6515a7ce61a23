package io.github.faultexperiment.gcp;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Names of the JUnit configuration parameters the Google Cloud provider reads, each with its
 * default. The core's own parameters are in {@link
 * io.github.faultexperiment.FaultExperimentProperties}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GcpProperties {
  private GcpProperties() {}

  /**
   * The provider id: {@code @FaultExperiment(provider = "gcp")}, {@code
   * faultexperiment.provider=gcp}.
   */
  public static final String PROVIDER_ID = "gcp";

  /**
   * Google Cloud project. Default: env {@code GOOGLE_CLOUD_PROJECT}, then the Application Default
   * Credentials' project; in embedded mode {@value #EMBEDDED_PROJECT}.
   */
  public static final String PROJECT = "faultexperiment.gcp.project";

  /** The project of embedded mode when {@link #PROJECT} is not set. */
  public static final String EMBEDDED_PROJECT = "emulator-project";

  /**
   * Google Cloud location of the templates and experiments, e.g. {@code us-central1}; in embedded
   * mode {@value #EMBEDDED_LOCATION} when not set.
   */
  public static final String LOCATION = "faultexperiment.gcp.location";

  /** The location of embedded mode when {@link #LOCATION} is not set. */
  public static final String EMBEDDED_LOCATION = "us-central1";

  /**
   * Fault Testing endpoint URL; a plain {@code http://} URL means an emulator (no credentials).
   * Default: env {@code FAULT_TESTING_EMULATOR_HOST} ({@code host:port}), then {@code
   * https://faulttesting.googleapis.com/}.
   */
  public static final String ENDPOINT = "faultexperiment.gcp.endpoint";

  /** Comma-separated Google Cloud projects experiments may run in. Default unset: any project. */
  public static final String ALLOWED_PROJECTS = "faultexperiment.gcp.allowed-projects";
}
