package io.github.faultexperiment.emulator.fis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FisCatalogueTests extends EmulatorFixture {

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
