package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A cloud resource an action acts on.
 *
 * @param resource its resource name, e.g. {@code projects/p/regions/r/forwardingRules/f}
 * @param uri its full resource name, e.g. {@code //compute.googleapis.com/projects/…}
 * @param displayName its short name
 */
record Target(String resource, String uri, String displayName) {

  /** The resources the (validated) action targets, in the order the action names them. */
  static List<Target> of(ObjectNode action, String project) {
    String kind = ActionValidator.kind(action);
    JsonNode body = action.get(kind);
    List<Target> targets = new ArrayList<>();
    switch (kind) {
      case "cloudSqlFailover" -> targets.add(of("sqladmin", body.get("instance").asText()));
      case "l7LbHttpFault" -> {
        targets.add(of("compute", body.get("forwardingRule").asText()));
        if (body.hasNonNull("backendService")) {
          targets.add(of("compute", body.get("backendService").asText()));
        }
      }
      case "gceFailCompute" -> {
        if (body.hasNonNull("instances")) {
          body.get("instances")
              .get("instances")
              .forEach(i -> targets.add(of("compute", i.asText())));
        } else if (body.hasNonNull("mig")) {
          targets.add(of("compute", body.get("mig").get("instanceGroupManager").asText()));
        } else if (body.hasNonNull("location")) {
          String location = body.get("location").asText();
          targets.add(
              of(
                  "compute",
                  location.startsWith("projects/")
                      ? location
                      : "projects/" + project + "/zones/" + location));
        } else {
          targets.add(of("cloudresourcemanager", body.get("secureTagValue").asText()));
        }
      }
      default -> targets.add(of("container", body.get("cluster").asText()));
    }
    return targets;
  }

  private static Target of(String service, String resource) {
    return new Target(
        resource,
        "//" + service + ".googleapis.com/" + resource,
        resource.substring(resource.lastIndexOf('/') + 1));
  }

  /**
   * The Google Cloud console page of the resource, for {@code cloudConsoleUrl}. The reference
   * documents the field but not the address's form: these are the console's usual pages, and the
   * project's dashboard for other resources.
   */
  String consoleUrl() {
    String[] parts = resource.split("/");
    if (parts.length < 2 || !parts[0].equals("projects")) {
      return "https://console.cloud.google.com/";
    }
    String project = "?project=" + parts[1];
    String base = "https://console.cloud.google.com/";
    if (uri.startsWith("//sqladmin.") && parts.length == 4) {
      return base + "sql/instances/" + parts[3] + "/overview" + project;
    }
    if (uri.startsWith("//container.") && parts.length == 6) {
      return base
          + "kubernetes/clusters/details/"
          + parts[3]
          + "/"
          + parts[5]
          + "/details"
          + project;
    }
    if (parts.length == 6 && parts[2].equals("zones") && parts[4].equals("instances")) {
      return base
          + "compute/instancesDetail/zones/"
          + parts[3]
          + "/instances/"
          + parts[5]
          + project;
    }
    return base + "home/dashboard" + project;
  }
}
