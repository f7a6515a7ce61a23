package io.github.faultexperiment.emulator.local;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identity a local target is registered under: an AWS resource ARN or a Google resource name,
 * in the shape the template's targets address it, with the FIS resource type or Google resource
 * kind it stands for.
 *
 * @param name the ARN or resource name, normalised (Google names start at {@code projects/})
 * @param type the FIS resource type (e.g. {@code aws:rds:cluster}) or Google kind (e.g. {@code
 *     compute.instances})
 */
record ResourceIdentity(String name, String type) {

  /** One accepted shape: the pattern, the type it stands for and an example for error messages. */
  private record Shape(Pattern pattern, String type, String example) {
    Shape(String regex, String type, String example) {
      this(Pattern.compile(regex), type, example);
    }
  }

  private static final String ARN = "arn:aws[a-z-]*:";
  private static final String REGIONAL = "[a-z0-9-]+:\\d{12}:";
  private static final String NAME = "[A-Za-z0-9._-]+";

  // Data, not code: a new resource kind is one line here.
  private static final List<Shape> SHAPES =
      List.of(
          new Shape(
              ARN + "lambda:" + REGIONAL + "function:[A-Za-z0-9_-]+",
              "aws:lambda:function",
              "arn:aws:lambda:us-east-1:123456789012:function:NAME"),
          new Shape(
              ARN + "ec2:" + REGIONAL + "instance/i-[0-9a-f]+",
              "aws:ec2:instance",
              "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"),
          new Shape(
              ARN + "ecs:" + REGIONAL + "task/(" + NAME + "/)?[0-9a-zA-Z-]+",
              "aws:ecs:task",
              "arn:aws:ecs:us-east-1:123456789012:task/CLUSTER/TASK_ID"),
          // EKS pods have no ARN; FIS reports them by cluster, namespace and name, which this
          // emulator-only shape carries.
          new Shape(
              ARN + "eks:" + REGIONAL + "pod/" + NAME + "/" + NAME + "/" + NAME,
              "aws:eks:pod",
              "arn:aws:eks:us-east-1:123456789012:pod/CLUSTER/NAMESPACE/POD"),
          new Shape(
              ARN + "eks:" + REGIONAL + "nodegroup/" + NAME + "/" + NAME + "/[0-9a-zA-Z-]+",
              "aws:eks:nodegroup",
              "arn:aws:eks:us-east-1:123456789012:nodegroup/CLUSTER/NODEGROUP/ID"),
          new Shape(
              ARN + "rds:" + REGIONAL + "cluster:[a-zA-Z][a-zA-Z0-9-]*",
              "aws:rds:cluster",
              "arn:aws:rds:us-east-1:123456789012:cluster:NAME"),
          new Shape(
              ARN + "rds:" + REGIONAL + "db:[a-zA-Z][a-zA-Z0-9-]*",
              "aws:rds:db",
              "arn:aws:rds:us-east-1:123456789012:db:NAME"),
          new Shape(
              ARN + "elasticache:" + REGIONAL + "replicationgroup:[a-zA-Z][a-zA-Z0-9-]*",
              "aws:elasticache:replicationgroup",
              "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:NAME"),
          new Shape(
              ARN + "iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]+",
              "aws:iam:role",
              "arn:aws:iam::123456789012:role/NAME"),
          new Shape(
              "projects/[^/]+/zones/[^/]+/instances/[^/]+",
              "compute.instances",
              "projects/P/zones/Z/instances/NAME"),
          new Shape(
              "projects/[^/]+/(zones|regions)/[^/]+/instanceGroupManagers/[^/]+",
              "compute.instanceGroupManagers",
              "projects/P/zones/Z/instanceGroupManagers/NAME"),
          new Shape(
              "projects/[^/]+/locations/[^/]+/clusters/[^/]+(/nodePools/[^/]+)?",
              "container.clusters",
              "projects/P/locations/L/clusters/NAME[/nodePools/POOL]"),
          new Shape(
              "projects/[^/]+/instances/[^/]+", "sqladmin.instances", "projects/P/instances/NAME"),
          // A pod of the emulated Kubernetes cluster, which Chaos Mesh experiments select; the
          // target's tags are its labels.
          new Shape(
              "k8s:pod/[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?",
              "k8s:pod",
              "k8s:pod/NAMESPACE/NAME"),
          new Shape(
              "projects/[^/]+/(regions/[^/]+|global)/forwardingRules/[^/]+",
              "compute.forwardingRules",
              "projects/P/regions/R/forwardingRules/NAME"));

  /** A subnet a target may be placed in, for {@code aws:network:disrupt-connectivity}. */
  private static final Pattern SUBNET =
      Pattern.compile("(" + ARN + "ec2:" + REGIONAL + "subnet/)?subnet-[0-9a-f]+");

  /**
   * Reads an identity.
   *
   * @throws IllegalArgumentException naming the input and every accepted shape
   */
  static ResourceIdentity parse(String resource) {
    String name = resource == null ? null : normalise(resource.trim());
    if (name != null) {
      for (Shape shape : SHAPES) {
        if (shape.pattern().matcher(name).matches()) {
          return new ResourceIdentity(name, shape.type());
        }
      }
    }
    throw new IllegalArgumentException(
        "resource '"
            + resource
            + "' is not an ARN or Google resource name a local target can stand for; use one of: "
            + String.join(", ", SHAPES.stream().map(Shape::example).toList()));
  }

  /**
   * Reads a subnet a target is placed in, keeping only its id ({@code subnet-…}) so that actions
   * naming it by ARN or id both find it.
   *
   * @throws IllegalArgumentException naming the input and the accepted shapes
   */
  static Optional<String> subnet(String subnet) {
    if (subnet == null || subnet.isBlank()) {
      return Optional.empty();
    }
    if (!SUBNET.matcher(subnet).matches()) {
      throw new IllegalArgumentException(
          "subnet '"
              + subnet
              + "' must be a subnet id such as subnet-0123456789abcdef0 or its ARN"
              + " arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0");
    }
    return Optional.of(subnetId(subnet));
  }

  /** The {@code subnet-…} id of a subnet ARN or id. */
  static String subnetId(String subnet) {
    return subnet.substring(subnet.lastIndexOf('/') + 1);
  }

  /** Whether FIS addresses this resource (an ARN) rather than Fault Testing. */
  boolean aws() {
    return name.startsWith("arn:");
  }

  /**
   * Whether faults reach this resource as HTTP requests (Lambda invocations, load balancer rules,
   * AWS API calls made under an IAM role) rather than as TCP connections.
   */
  boolean http() {
    return type.equals("aws:lambda:function")
        || type.equals("aws:iam:role")
        || type.equals("compute.forwardingRules");
  }

  /**
   * Google resource names come as {@code projects/…}, {@code //compute.googleapis.com/projects/…}
   * or full {@code https://…/compute/v1/projects/…} URLs; all name the same resource.
   */
  static String normalise(String name) {
    if (name.startsWith("arn:") || name.startsWith("k8s:")) {
      return name;
    }
    int start = name.indexOf("projects/");
    return start < 0 ? name : name.substring(start);
  }
}
