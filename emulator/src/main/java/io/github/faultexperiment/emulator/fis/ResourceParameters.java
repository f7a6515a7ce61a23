package io.github.faultexperiment.emulator.fis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The resource parameters by which FIS identifies the resources of types that have no ARN or tags
 * to select them by: an EKS pod by its cluster, namespace and a label selector, deployment or pod
 * name; an ECS task by its cluster and service; a subnet by its VPC; and, for every type that takes
 * one, the Availability Zones the resources serve in. A registered resource is a target only if it
 * matches every parameter given. A Lambda qualifier narrows nothing here.
 *
 * <p>What the emulator reads, since it has no cluster to ask: a pod's cluster, namespace and name
 * come from the emulator's pod ARN shape ({@code arn:aws:eks:…:pod/CLUSTER/NAMESPACE/POD}), its
 * labels are its tags, and a deployment's pods are those named {@code DEPLOYMENT-HASH-SUFFIX} (as
 * Kubernetes names them). A task's cluster comes from its ARN ({@code …:task/CLUSTER/ID}) and its
 * service from its {@code aws:ecs:serviceName} tag (ECS's managed tag).
 */
final class ResourceParameters {
  static final String POD = "aws:eks:pod";
  static final String TASK = "aws:ecs:task";
  static final String SERVICE_TAG = "aws:ecs:serviceName";
  static final List<String> SELECTOR_TYPES = List.of("labelSelector", "deploymentName", "podName");

  private ResourceParameters() {}

  /** Whether {@code resource} is one of those {@code parameters} identify. */
  static boolean identify(RegisteredResource resource, Map<String, String> parameters) {
    if (!inZones(resource, parameters)) {
      return false;
    }
    switch (resource.resourceType()) {
      case POD:
        return identifiesPod(resource, parameters);
      case TASK:
        return identifiesTask(resource, parameters);
      case "aws:ec2:subnet":
        return matches(parameters.get("vpc"), resource.attributes().get("VpcId"));
      default:
        return true;
    }
  }

  /**
   * The values of a multi-valued attribute, which lists them comma-separated; none for {@code
   * null}.
   */
  static List<String> values(String attribute) {
    List<String> values = new ArrayList<>();
    if (attribute != null) {
      for (String value : attribute.split(",", -1)) {
        values.add(value.trim());
      }
    }
    return values;
  }

  /**
   * The zone parameters of subnets, volumes, pods, replication groups and RDS clusters and
   * instances ({@code availabilityZoneIdentifier}, {@code availabilityZoneIdentifiers}, {@code
   * writerAvailabilityZoneIdentifiers}: a zone name or id, a comma-separated list, or {@code all})
   * keep the resources serving in one of those zones, read from their {@code AvailabilityZone},
   * {@code AvailabilityZoneId} or {@code Placement.AvailabilityZone} attributes. A resource that
   * states no zone is taken to serve in every zone: offline nothing else says where it runs.
   */
  private static boolean inZones(RegisteredResource resource, Map<String, String> parameters) {
    String wanted = null;
    for (String name :
        List.of(
            "availabilityZoneIdentifier",
            "availabilityZoneIdentifiers",
            "writerAvailabilityZoneIdentifiers")) {
      wanted = parameters.getOrDefault(name, wanted);
    }
    if (wanted == null || wanted.isBlank() || wanted.trim().equalsIgnoreCase("all")) {
      return true;
    }
    List<String> zones = new ArrayList<>();
    for (String path :
        List.of("AvailabilityZone", "AvailabilityZoneId", "Placement.AvailabilityZone")) {
      zones.addAll(values(resource.attributes().get(path)));
    }
    return zones.isEmpty() || values(wanted).stream().anyMatch(zones::contains);
  }

  /**
   * The terms of an equality-based Kubernetes label selector ({@code app=web,tier!=cache}).
   *
   * @throws IllegalArgumentException naming the term that is not {@code key=value}, {@code
   *     key==value} or {@code key!=value}
   */
  static List<LabelTerm> labelSelector(String selector) {
    List<LabelTerm> terms = new ArrayList<>();
    for (String term : selector.split(",", -1)) {
      int not = term.indexOf("!=");
      int eq = term.indexOf('=');
      boolean negated = not >= 0;
      int split = negated ? not : eq;
      int valueStart = negated ? not + 2 : term.startsWith("==", eq) ? eq + 2 : eq + 1;
      String key = split < 0 ? "" : term.substring(0, split).trim();
      String value = split < 0 ? "" : term.substring(valueStart).trim();
      if (key.isEmpty() || value.contains("=") || value.contains("!")) {
        throw new IllegalArgumentException(
            "'"
                + term
                + "' is not an equality-based label selector term; valid: key=value, key==value"
                + " or key!=value, separated by commas");
      }
      terms.add(new LabelTerm(key, value, negated));
    }
    return terms;
  }

  private static boolean identifiesPod(
      RegisteredResource resource, Map<String, String> parameters) {
    String[] name = pathAfter(resource.arn(), ":pod/", 3);
    if (name == null) {
      return false;
    }
    if (!matches(parameters.get("clusterIdentifier"), name[0])
        || !matches(parameters.get("namespace"), name[1])) {
      return false;
    }
    String value = parameters.get("selectorValue");
    if (value == null) {
      return true;
    }
    switch (parameters.getOrDefault("selectorType", "")) {
      case "podName":
        return value.equals(name[2]);
      case "deploymentName":
        return ofDeployment(name[2], value);
      case "labelSelector":
        return labelSelector(value).stream().allMatch(term -> term.matches(resource.tags()));
      default:
        return false;
    }
  }

  /**
   * Kubernetes names a deployment's pods {@code DEPLOYMENT-REPLICASETHASH-SUFFIX}: the two parts
   * after the name tell {@code checkout}'s pods from {@code checkout-canary}'s.
   */
  private static boolean ofDeployment(String pod, String deployment) {
    if (!pod.startsWith(deployment + "-")) {
      return false;
    }
    String[] generated = pod.substring(deployment.length() + 1).split("-", -1);
    return generated.length == 2 && !generated[0].isEmpty() && !generated[1].isEmpty();
  }

  private static boolean identifiesTask(
      RegisteredResource resource, Map<String, String> parameters) {
    String[] name = pathAfter(resource.arn(), ":task/", 2);
    if (name == null) {
      return false;
    }
    return matches(parameters.get("cluster"), name[0])
        && matches(parameters.get("service"), resource.tags().get(SERVICE_TAG));
  }

  /** A parameter given by name or ARN matches the name; an absent one matches anything. */
  private static boolean matches(String parameter, String name) {
    if (parameter == null) {
      return true;
    }
    String given =
        parameter.startsWith("arn:")
            ? parameter.substring(parameter.lastIndexOf('/') + 1)
            : parameter;
    return given.equals(name);
  }

  private static String[] pathAfter(String arn, String marker, int parts) {
    int at = arn.indexOf(marker);
    if (at < 0) {
      return null;
    }
    String[] path = arn.substring(at + marker.length()).split("/", -1);
    return path.length == parts ? path : null;
  }

  /** One term of a label selector: the label {@code key} is (or is not) {@code value}. */
  record LabelTerm(String key, String value, boolean negated) {
    boolean matches(Map<String, String> labels) {
      return Objects.equals(labels.get(key), value) != negated;
    }
  }
}
