package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

// The selection rules of the FIS targets guide, one per test, on registered resources.
@DisplayName("FIS target selection")
class TargetSelectionTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSTANCE = "aws:ec2:instance";

  private final List<RegisteredResource> registered = new ArrayList<>();

  @Test
  void everyTagMustBePresentWithItsValue() throws Exception {
    instance("i-01", Map.of("FIS-Ready", "True", "tier", "db"), Map.of());
    instance("i-02", Map.of("FIS-Ready", "True"), Map.of());
    instance("i-03", Map.of("FIS-Ready", "False", "tier", "db"), Map.of());

    assertThat(resolve("{\"resourceTags\": {\"FIS-Ready\": \"True\", \"tier\": \"db\"}}"))
        .containsExactly(arn("i-01"));
  }

  @Test
  void anEmptyTagValueMatchesOnlyAnEmptyValueNotAnyValue() throws Exception {
    instance("i-01", Map.of("chaos", ""), Map.of());
    instance("i-02", Map.of("chaos", "yes"), Map.of());

    assertThat(resolve("{\"resourceTags\": {\"chaos\": \"\"}}")).containsExactly(arn("i-01"));
  }

  @Test
  void filtersAllMatchAndAnyOfAFiltersValuesMatches() throws Exception {
    instance("i-01", Map.of("app", "shop"), Map.of("Placement.AvailabilityZone", "us-east-1a"));
    instance("i-02", Map.of("app", "shop"), Map.of("Placement.AvailabilityZone", "us-east-1b"));
    instance("i-03", Map.of("app", "shop"), Map.of("Placement.AvailabilityZone", "us-east-1c"));
    instance(
        "i-04",
        Map.of("app", "shop"),
        Map.of("Placement.AvailabilityZone", "us-east-1a", "State.Name", "stopped"));

    List<String> selected =
        resolve(
            "{\"resourceTags\": {\"app\": \"shop\"}, \"filters\": [{\"path\":"
                + " \"Placement.AvailabilityZone\", \"values\": [\"us-east-1a\", \"us-east-1b\"]},"
                + " {\"path\": \"State.Name\", \"values\": [\"running\"]}]}");

    // i-01 and i-02 state no State.Name: a filter on a path a resource lacks leaves it out.
    assertThat(selected).isEmpty();
    instance(
        "i-05",
        Map.of("app", "shop"),
        Map.of("Placement.AvailabilityZone", "us-east-1b", "State.Name", "running"));
    assertThat(
            resolve(
                "{\"resourceTags\": {\"app\": \"shop\"}, \"filters\": [{\"path\":"
                    + " \"Placement.AvailabilityZone\", \"values\": [\"us-east-1a\","
                    + " \"us-east-1b\"]}, {\"path\": \"State.Name\", \"values\": [\"running\"]}]}"))
        .containsExactly(arn("i-05"));
  }

  @Test
  void aPathHoldingSeveralValuesMatchesWhenAnyOfThemDoes() throws Exception {
    instance("i-01", Map.of(), Map.of("NetworkInterfaces.Groups.GroupId", "sg-a, sg-b"));
    instance("i-02", Map.of(), Map.of("NetworkInterfaces.Groups.GroupId", "sg-c"));

    assertThat(
            resolve(
                "{\"resourceArns\": [], \"resourceTags\": {}, \"filters\": [{\"path\":"
                    + " \"NetworkInterfaces.Groups.GroupId\", \"values\": [\"sg-b\"]}]}"))
        .containsExactly(arn("i-01"));
    // Two filters on the same path: the resource must hold both values.
    assertThat(
            resolve(
                "{\"filters\": [{\"path\": \"NetworkInterfaces.Groups.GroupId\", \"values\":"
                    + " [\"sg-a\"]}, {\"path\": \"NetworkInterfaces.Groups.GroupId\", \"values\":"
                    + " [\"sg-c\"]}]}"))
        .isEmpty();
  }

  @Test
  void percentRoundsDownAndCanSelectNone() throws Exception {
    for (int i = 1; i <= 5; i++) {
      instance("i-0" + i, Map.of("app", "shop"), Map.of());
    }

    assertThat(
            resolve("{\"resourceTags\": {\"app\": \"shop\"}, \"selectionMode\": \"PERCENT(50)\"}"))
        .hasSize(2);
    assertThat(
            resolve("{\"resourceTags\": {\"app\": \"shop\"}, \"selectionMode\": \"PERCENT(25)\"}"))
        .hasSize(1);
    assertThat(
            resolve("{\"resourceTags\": {\"app\": \"shop\"}, \"selectionMode\": \"PERCENT(10)\"}"))
        .isEmpty();
    assertThat(
            resolve("{\"resourceTags\": {\"app\": \"shop\"}, \"selectionMode\": \"PERCENT(100)\"}"))
        .hasSize(5);
  }

  @Test
  void countSelectsThatManyOrAllThereAre() throws Exception {
    for (int i = 1; i <= 3; i++) {
      instance("i-0" + i, Map.of("app", "shop"), Map.of());
    }

    assertThat(resolve("{\"resourceTags\": {\"app\": \"shop\"}, \"selectionMode\": \"COUNT(1)\"}"))
        .hasSize(1);
    assertThat(resolve("{\"resourceTags\": {\"app\": \"shop\"}, \"selectionMode\": \"COUNT(9)\"}"))
        .hasSize(3);
    assertThat(resolve("{\"resourceTags\": {\"app\": \"shop\"}, \"selectionMode\": \"ALL\"}"))
        .hasSize(3);
  }

  @Test
  void onlyResourcesOfTheTargetsTypeAreCandidates() throws Exception {
    instance("i-01", Map.of("FIS-Ready", "True"), Map.of());
    registered.add(
        new RegisteredResource(
            arn("i-02"), "aws:ec2:spot-instance", Map.of("FIS-Ready", "True"), Map.of()));

    assertThat(
            TargetResolver.resolve(
                target("aws:ec2:spot-instance", "{\"resourceTags\": {\"FIS-Ready\": \"True\"}}"),
                registered))
        .containsExactly(arn("i-02"));
  }

  @Test
  void zoneParametersKeepTheResourcesOfThoseZonesAndThoseThatStateNone() throws Exception {
    String volume = "arn:aws:ec2:us-east-1:123456789012:volume/vol-0";
    registered.add(
        new RegisteredResource(
            volume + "a",
            "aws:ec2:ebs-volume",
            Map.of("db", "data"),
            Map.of("AvailabilityZone", "us-east-1a")));
    registered.add(
        new RegisteredResource(
            volume + "b",
            "aws:ec2:ebs-volume",
            Map.of("db", "data"),
            Map.of("AvailabilityZone", "us-east-1b")));
    registered.add(
        new RegisteredResource(volume + "c", "aws:ec2:ebs-volume", Map.of("db", "data"), Map.of()));

    assertThat(
            TargetResolver.resolve(
                target(
                    "aws:ec2:ebs-volume",
                    "{\"resourceTags\": {\"db\": \"data\"}, \"parameters\":"
                        + " {\"availabilityZoneIdentifier\": \"us-east-1a\"}}"),
                registered))
        .containsExactly(volume + "a", volume + "c");
    assertThat(
            TargetResolver.resolve(
                target(
                    "aws:ec2:ebs-volume",
                    "{\"resourceTags\": {\"db\": \"data\"}, \"parameters\":"
                        + " {\"availabilityZoneIdentifier\": \"all\"}}"),
                registered))
        .hasSize(3);
  }

  @Test
  void aSubnetsVpcParameterKeepsTheSubnetsOfThatVpc() throws Exception {
    String subnet = "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0";
    registered.add(
        new RegisteredResource(
            subnet + "1",
            "aws:ec2:subnet",
            Map.of(),
            Map.of("VpcId", "vpc-1", "AvailabilityZone", "us-east-1a")));
    registered.add(
        new RegisteredResource(
            subnet + "2",
            "aws:ec2:subnet",
            Map.of(),
            Map.of("VpcId", "vpc-2", "AvailabilityZone", "us-east-1a")));

    assertThat(
            TargetResolver.resolve(
                target(
                    "aws:ec2:subnet",
                    "{\"parameters\": {\"availabilityZoneIdentifier\": \"us-east-1a\", \"vpc\":"
                        + " \"vpc-2\"}}"),
                registered))
        .containsExactly(subnet + "2");
  }

  private void instance(String id, Map<String, String> tags, Map<String, String> attributes) {
    registered.add(new RegisteredResource(arn(id), INSTANCE, tags, attributes));
  }

  private List<String> resolve(String target) throws Exception {
    return TargetResolver.resolve(target(INSTANCE, target), registered);
  }

  private static JsonNode target(String type, String target) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(target);
    node.put("resourceType", type);
    if (node.path("resourceArns").isEmpty()) {
      node.remove("resourceArns");
    }
    return node;
  }

  private static String arn(String id) {
    return "arn:aws:ec2:us-east-1:123456789012:instance/" + id;
  }
}
