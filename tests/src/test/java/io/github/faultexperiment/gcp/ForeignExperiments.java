package io.github.faultexperiment.gcp;

import java.net.URI;

/** Creates Fault Testing experiments the way a person would: another id, another description. */
public final class ForeignExperiments {
  private ForeignExperiments() {}

  /**
   * Creates and starts an experiment {@code manual-outage} from template {@code templateId}.
   *
   * @return its full resource name
   */
  public static String start(URI endpoint, String project, String location, String templateId) {
    String parent = "projects/" + project + "/locations/" + location;
    try (FaultTestingClient client = FaultTestingClient.builder().endpoint(endpoint).build()) {
      return client
          .createExperiment(
              parent,
              "manual-outage",
              new NewExperiment(
                  parent + "/experimentTemplates/" + templateId,
                  "manual outage",
                  "started by hand from the console",
                  true))
          .name();
    }
  }

  /** Stops the experiment, as a person would once done with it. */
  public static void stop(URI endpoint, String name) {
    try (FaultTestingClient client = FaultTestingClient.builder().endpoint(endpoint).build()) {
      client.stopExperiment(name);
    }
  }
}
