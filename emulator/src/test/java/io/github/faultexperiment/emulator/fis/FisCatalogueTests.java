package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FisCatalogueTests extends EmulatorFixture {
  /** The action ids of the AWS FIS actions reference, section by section. */
  private static final List<String> REFERENCE_ACTIONS =
      List.of(
          "aws:fis:inject-api-internal-error",
          "aws:fis:inject-api-throttle-error",
          "aws:fis:inject-api-unavailable-error",
          "aws:arc:start-zonal-autoshift",
          "aws:fis:wait",
          "aws:cloudwatch:assert-alarm-state",
          "aws:dynamodb:global-table-pause-replication",
          "aws:dsql:cluster-connection-failure",
          "aws:ebs:pause-volume-io",
          "aws:ebs:volume-io-latency",
          "aws:ec2:api-insufficient-instance-capacity-error",
          "aws:ec2:asg-insufficient-instance-capacity-error",
          "aws:ec2:reboot-instances",
          "aws:ec2:send-spot-instance-interruptions",
          "aws:ec2:stop-instances",
          "aws:ec2:terminate-instances",
          "aws:ecs:drain-container-instances",
          "aws:ecs:stop-task",
          "aws:ecs:task-cpu-stress",
          "aws:ecs:task-io-stress",
          "aws:ecs:task-kill-process",
          "aws:ecs:task-network-blackhole-port",
          "aws:ecs:task-network-latency",
          "aws:ecs:task-network-packet-loss",
          "aws:eks:inject-kubernetes-custom-resource",
          "aws:eks:pod-cpu-stress",
          "aws:eks:pod-delete",
          "aws:eks:pod-io-stress",
          "aws:eks:pod-memory-stress",
          "aws:eks:pod-network-blackhole-port",
          "aws:eks:pod-network-latency",
          "aws:eks:pod-network-packet-loss",
          "aws:eks:terminate-nodegroup-instances",
          "aws:elasticache:replicationgroup-interrupt-az-power",
          "aws:kinesis:stream-provisioned-throughput-exception",
          "aws:kinesis:stream-expired-iterator-exception",
          "aws:lambda:invocation-add-delay",
          "aws:lambda:invocation-error",
          "aws:lambda:invocation-http-integration-response",
          "aws:memorydb:multi-region-cluster-pause-replication",
          "aws:network:disrupt-connectivity",
          "aws:network:route-table-disrupt-cross-region-connectivity",
          "aws:network:transit-gateway-disrupt-cross-region-connectivity",
          "aws:network:disrupt-vpc-endpoint",
          "aws:rds:failover-db-cluster",
          "aws:rds:reboot-db-instances",
          "aws:s3:bucket-pause-replication",
          "aws:ssm:send-command",
          "aws:ssm:start-automation-execution",
          "aws:directconnect:virtual-interface-disconnect");

  /** The resource types of the AWS FIS targets guide. */
  private static final List<String> REFERENCE_RESOURCE_TYPES =
      List.of(
          "aws:arc:zonal-shift-managed-resource",
          "aws:directconnect:virtual-interface",
          "aws:dsql:cluster",
          "aws:dynamodb:global-table",
          "aws:ec2:autoscaling-group",
          "aws:ec2:ebs-volume",
          "aws:ec2:instance",
          "aws:ec2:spot-instance",
          "aws:ec2:subnet",
          "aws:ec2:transit-gateway",
          "aws:ec2:vpc-endpoint",
          "aws:ecs:cluster",
          "aws:ecs:task",
          "aws:eks:cluster",
          "aws:eks:nodegroup",
          "aws:eks:pod",
          "aws:elasticache:replicationgroup",
          "aws:iam:role",
          "aws:kinesis:stream",
          "aws:lambda:function",
          "aws:memorydb:multi-region-cluster",
          "aws:rds:cluster",
          "aws:rds:db",
          "aws:s3:bucket");

  @Test
  void holdsEveryActionAndResourceTypeOfTheActionsReference() {
    List<String> ids = new ArrayList<>();
    fis.get("/actions?maxResults=100")
        .json()
        .get("actions")
        .forEach(action -> ids.add(action.get("id").asText()));
    List<String> types = new ArrayList<>();
    fis.get("/targetResourceTypes?maxResults=100")
        .json()
        .get("targetResourceTypes")
        .forEach(type -> types.add(type.get("resourceType").asText()));

    assertThat(ids).containsAll(REFERENCE_ACTIONS);
    assertThat(types).containsExactlyInAnyOrderElementsOf(REFERENCE_RESOURCE_TYPES);
    JsonNode disconnect =
        fis.get("/actions/aws:directconnect:virtual-interface-disconnect").json().get("action");
    assertThat(disconnect.at("/targets/VirtualInterfaces/resourceType").asText())
        .isEqualTo("aws:directconnect:virtual-interface");
    JsonNode dsql = fis.get("/actions/aws:dsql:cluster-connection-failure").json().get("action");
    assertThat(dsql.at("/parameters/percentage/required").asBoolean()).isTrue();
  }

  @Test
  void listActionsPagesThroughTheRealActionIds() {
    List<String> ids = new ArrayList<>();
    String query = "/actions?maxResults=10";
    while (query != null) {
      JsonNode page = fis.get(query).json();
      assertThat(page.get("actions").size()).isLessThanOrEqualTo(10);
      page.get("actions").forEach(action -> ids.add(action.get("id").asText()));
      query =
          page.has("nextToken")
              ? "/actions?maxResults=10&nextToken=" + page.get("nextToken").asText()
              : null;
    }

    assertThat(ids)
        .contains(
            "aws:fis:wait",
            "aws:ec2:stop-instances",
            "aws:lambda:invocation-add-delay",
            "aws:lambda:invocation-error",
            "aws:ssm:send-command",
            "aws:eks:pod-delete")
        .doesNotHaveDuplicates()
        .isSorted();
    JsonNode first = fis.get("/actions?maxResults=1").json().at("/actions/0");
    assertThat(first.get("arn").asText())
        .isEqualTo("arn:aws:fis:us-east-1:123456789012:action/" + first.get("id").asText());
    assertThat(first.has("parameters")).isFalse();
  }

  @Test
  void getActionGivesParametersAndTargetResourceTypes() {
    JsonNode action = fis.get("/actions/aws%3Aec2%3Astop-instances").json().get("action");

    assertThat(action.get("id").asText()).isEqualTo("aws:ec2:stop-instances");
    assertThat(action.at("/targets/Instances/resourceType").asText()).isEqualTo("aws:ec2:instance");
    assertThat(action.at("/parameters/startInstancesAfterDuration/required").asBoolean()).isFalse();
    JsonNode lambda = fis.get("/actions/aws:lambda:invocation-add-delay").json().get("action");
    assertThat(lambda.at("/targets/Functions/resourceType").asText())
        .isEqualTo("aws:lambda:function");
    assertThat(lambda.at("/parameters/duration/required").asBoolean()).isTrue();
    assertThat(lambda.get("parameters").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("duration", "invocationPercentage", "startupDelayMilliseconds");
    assertError(
        fis.get("/actions/aws:ec2:melt-instances"),
        404,
        "ResourceNotFoundException",
        "aws:ec2:melt-instances");
  }

  @Test
  void targetResourceTypesAreListedAndDescribedWithTheirParameters() {
    JsonNode types = fis.get("/targetResourceTypes").json().get("targetResourceTypes");
    List<String> names = new ArrayList<>();
    types.forEach(type -> names.add(type.get("resourceType").asText()));
    assertThat(names).contains("aws:ec2:instance", "aws:lambda:function", "aws:eks:pod");

    JsonNode pod = fis.get("/targetResourceTypes/aws:eks:pod").json().get("targetResourceType");
    assertThat(pod.get("resourceType").asText()).isEqualTo("aws:eks:pod");
    assertThat(pod.at("/parameters/clusterIdentifier/required").asBoolean()).isTrue();
    assertThat(pod.at("/parameters/targetContainerName/required").asBoolean()).isFalse();
    assertError(
        fis.get("/targetResourceTypes/aws:ec2:toaster"),
        404,
        "ResourceNotFoundException",
        "aws:ec2:toaster");
    assertError(
        fis.get("/targetResourceTypes?maxResults=101"), 400, "ValidationException", "maxResults");
  }
}
