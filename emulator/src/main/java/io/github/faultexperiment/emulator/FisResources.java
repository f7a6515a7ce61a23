package io.github.faultexperiment.emulator;

import io.github.faultexperiment.emulator.fis.RegisteredResource;
import io.github.faultexperiment.emulator.local.ActionFaults;
import io.github.faultexperiment.emulator.local.LocalTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The FIS resources a local target makes resolvable, so that templates selecting by {@code
 * resourceTags}, {@code filters} and parameters find it as FIS would find the real one: the
 * resource itself under every type FIS targets it as, the subnet it sits in ({@code
 * aws:ec2:subnet}) and the EBS volumes attached to it ({@code aws:ec2:ebs-volume}).
 *
 * <p>Offline nothing else describes a subnet or a volume, so both carry the tags of the targets
 * that imply them, and the Region and account of the target's ARN.
 */
final class FisResources {
  // Used when the target's ARN has no Region or account (an S3 bucket, an IAM role).
  private static final String DEFAULT_REGION = "us-east-1";
  private static final String DEFAULT_ACCOUNT = "123456789012";

  private FisResources() {}

  /** The resource itself, once per type FIS targets it as. */
  static List<RegisteredResource> own(LocalTarget target) {
    Map<String, String> attributes = new HashMap<>();
    target.subnet().ifPresent(subnet -> attributes.put("SubnetId", subnet));
    attributes.putAll(target.attributes());
    List<RegisteredResource> resources = new ArrayList<>();
    for (String type : target.targetedAs()) {
      resources.add(new RegisteredResource(target.resource(), type, target.tags(), attributes));
    }
    return resources;
  }

  /** The subnet the target sits in and the volumes attached to it, as far as they are known. */
  static List<RegisteredResource> implied(LocalTarget target) {
    String[] arn = target.resource().split(":", 6);
    String prefix =
        "arn:"
            + arn[1]
            + ":ec2:"
            + (arn[3].isEmpty() ? DEFAULT_REGION : arn[3])
            + ":"
            + (arn[4].isEmpty() ? DEFAULT_ACCOUNT : arn[4])
            + ":";
    Map<String, String> zone = zone(target.attributes());
    List<RegisteredResource> resources = new ArrayList<>();
    target
        .subnet()
        .ifPresent(
            subnet -> {
              Map<String, String> attributes = new HashMap<>(zone);
              attributes.put("SubnetId", subnet);
              copy(target.attributes(), "VpcId", attributes, "VpcId");
              resources.add(
                  new RegisteredResource(
                      prefix + "subnet/" + subnet, "aws:ec2:subnet", target.tags(), attributes));
            });
    String volumes = target.attributes().get(ActionFaults.VOLUMES_ATTRIBUTE);
    if (volumes != null) {
      for (String volume : volumes.split(",")) {
        if (volume.isBlank()) {
          continue;
        }
        Map<String, String> attributes = new HashMap<>(zone);
        attributes.put("VolumeId", volume.trim());
        if (target.type().equals("aws:ec2:instance")) {
          String resource = target.resource();
          attributes.put("Attachments.InstanceId", resource.substring(resource.indexOf('/') + 1));
        }
        resources.add(
            new RegisteredResource(
                prefix + "volume/" + volume.trim(),
                "aws:ec2:ebs-volume",
                target.tags(),
                attributes));
      }
    }
    return resources;
  }

  /** The zone a target serves in, under the filter paths subnets and volumes report it by. */
  private static Map<String, String> zone(Map<String, String> attributes) {
    Map<String, String> zone = new HashMap<>();
    copy(attributes, "Placement.AvailabilityZone", zone, "AvailabilityZone");
    copy(attributes, "AvailabilityZone", zone, "AvailabilityZone");
    copy(attributes, "AvailabilityZoneId", zone, "AvailabilityZoneId");
    return zone;
  }

  private static void copy(
      Map<String, String> from, String path, Map<String, String> to, String toPath) {
    String value = from.get(path);
    if (value != null) {
      to.put(toPath, value);
    }
  }
}
