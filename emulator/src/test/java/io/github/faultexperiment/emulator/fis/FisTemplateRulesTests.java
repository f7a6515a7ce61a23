package io.github.faultexperiment.emulator.fis;

import static io.github.faultexperiment.emulator.fis.FisTemplateApiTests.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.emulator.SignedHttp;
import org.junit.jupiter.api.Test;

class FisTemplateRulesTests extends EmulatorFixture {
  private static final String ROLE = "\"roleArn\": \"arn:aws:iam::123456789012:role/fis\"";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:pricing";

  @Test
  void anUnknownActionIdIsRefused() {
    assertRefused(
        template("{}", "{\"x\": {\"actionId\": \"aws:ec2:melt\", \"parameters\": {}}}"),
        "actions.x.actionId");
  }

  @Test
  void anActionOnATargetOfAnotherResourceTypeIsRefused() {
    assertRefused(
        template(
            "{\"vms\": {\"resourceType\": \"aws:ec2:instance\", \"resourceArns\":"
                + " [\"arn:aws:ec2:us-east-1:123456789012:instance/i-1\"], \"selectionMode\":"
                + " \"ALL\"}}",
            delayOn("vms")),
        "actions.delay.targets.Functions");
    assertRefused(
        template(lambdaTarget("fns"), delayOn("fns").replace("\"Functions\"", "\"Instances\"")),
        "actions.delay.targets");
  }

  @Test
  void aTargetGivesArnsOrTagsButNotBothNorNeither() {
    assertRefused(
        template(
            "{\"fns\": {\"resourceType\": \"aws:lambda:function\", \"resourceArns\": [\""
                + FUNCTION
                + "\"], \"resourceTags\": {\"a\": \"b\"}, \"selectionMode\": \"ALL\"}}",
            delayOn("fns")),
        "targets.fns.resourceArns");
    assertRefused(
        template(
            "{\"fns\": {\"resourceType\": \"aws:lambda:function\", \"selectionMode\": \"ALL\"}}",
            delayOn("fns")),
        "targets.fns.resourceArns");
    // Nor ARNs with filters: filters narrow resources found by tags.
    assertRefused(
        template(
            "{\"fns\": {\"resourceType\": \"aws:lambda:function\", \"resourceArns\": [\""
                + FUNCTION
                + "\"], \"filters\": [{\"path\": \"Runtime\", \"values\": [\"java17\"]}],"
                + " \"selectionMode\": \"ALL\"}}",
            delayOn("fns")),
        "targets.fns.filters");
    assertRefused(
        template(
            "{\"fns\": {\"resourceType\": \"aws:lambda:function\", \"parameters\": {\"x\":"
                + " \"y\"}, \"selectionMode\": \"ALL\"}}",
            delayOn("fns")),
        "targets.fns.parameters");
    // A Lambda qualifier narrows functions down but does not identify any.
    assertRefused(
        template(
            "{\"fns\": {\"resourceType\": \"aws:lambda:function\", \"parameters\":"
                + " {\"functionQualifier\": \"live\"}, \"selectionMode\": \"ALL\"}}",
            delayOn("fns")),
        "targets.fns.resourceArns");
    assertRefused(
        template(
            "{\"fns\": {\"resourceType\": \"aws:lambda:toaster\", \"resourceArns\": [\""
                + FUNCTION
                + "\"], \"selectionMode\": \"ALL\"}}",
            delayOn("fns")),
        "targets.fns.resourceType");
  }

  @Test
  void actionsThatTargetOnlyByTagsOrOnlyByArnsSaySo() {
    assertRefused(
        template(
            "{\"buckets\": {\"resourceType\": \"aws:s3:bucket\", \"resourceArns\":"
                + " [\"arn:aws:s3:::orders\"], \"selectionMode\": \"ALL\"}}",
            "{\"pause\": {\"actionId\": \"aws:s3:bucket-pause-replication\", \"parameters\":"
                + " {\"duration\": \"PT5M\", \"region\": \"eu-west-1\"}, \"targets\":"
                + " {\"Buckets\": \"buckets\"}}}"),
        "must identify its resources by resourceTags");
    assertRefused(
        template(
            "{\"roles\": {\"resourceType\": \"aws:iam:role\", \"resourceTags\": {\"team\":"
                + " \"a\"}, \"selectionMode\": \"ALL\"}}",
            "{\"ice\": {\"actionId\": \"aws:ec2:api-insufficient-instance-capacity-error\","
                + " \"parameters\": {\"duration\": \"PT5M\", \"availabilityZoneIdentifiers\":"
                + " \"use1-az1\", \"percentage\": \"50\"}, \"targets\": {\"Roles\": \"roles\"}}}"),
        "actions.ice.targets.Roles' must identify its resources by resourceArns");
  }

  @Test
  void podsAreIdentifiedByTheirResourceTypesParametersAlone() {
    String pods =
        "{\"pods\": {\"resourceType\": \"aws:eks:pod\", \"selectionMode\": \"COUNT(1)\","
            + " \"parameters\": {\"clusterIdentifier\": \"shop\", \"namespace\": \"default\","
            + " \"selectorType\": \"labelSelector\", \"selectorValue\": \"app=checkout\"}}}";
    String delete =
        "{\"delete\": {\"actionId\": \"aws:eks:pod-delete\", \"parameters\":"
            + " {\"kubernetesServiceAccount\": \"fis\"}, \"targets\": {\"Pods\": \"pods\"}}}";

    SignedHttp.Answer created =
        fis.post("/experimentTemplates", withToken(template(pods, delete), "p"));

    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertRefused(
        template(pods.replace(", \"selectorValue\": \"app=checkout\"", ""), delete),
        "targets.pods.parameters.selectorValue");
    assertRefused(
        template(pods.replace("labelSelector", "serviceName"), delete),
        "'serviceName' at 'targets.pods.parameters.selectorType' is not a pod selector type;"
            + " valid: [labelSelector, deploymentName, podName]");
    assertRefused(
        template(pods.replace("app=checkout", "app in (checkout)"), delete),
        "'app in (checkout)' is not an equality-based label selector term");
  }

  @Test
  void unusedTargetsAreRefused() {
    assertRefused(template(lambdaTarget("fns"), "{\"wait\": " + wait("PT1M") + "}"), "targets.fns");
  }

  @Test
  void startAfterMustNameAnotherActionAndMakeNoCycle() {
    assertRefused(
        template(
            "{}", "{\"a\": " + waitAfter("PT1M", "b") + ", \"b\": " + waitAfter("PT1M", "a") + "}"),
        "startAfter' makes a cycle a -> b -> a");
    assertRefused(
        template("{}", "{\"a\": " + waitAfter("PT1M", "a") + "}"), "actions.a.startAfter");
    assertRefused(
        template("{}", "{\"a\": " + waitAfter("PT1M", "ghost") + "}"), "actions.a.startAfter");
  }

  @Test
  void waitDurationsStayWithinWhatFisAccepts() {
    assertRefused(
        template("{}", "{\"w\": " + wait("PT30S") + "}"), "actions.w.parameters.duration");
    assertRefused(
        template("{}", "{\"w\": " + wait("PT12H1S") + "}"), "actions.w.parameters.duration");
    assertThat(
            fis.post(
                    "/experimentTemplates",
                    withToken(template("{}", "{\"w\": " + wait("PT12H") + "}"), "max"))
                .status())
        .isEqualTo(200);
    assertRefused(
        template(
            "{\"vms\": {\"resourceType\": \"aws:ec2:instance\", \"resourceTags\": {\"chaos\":"
                + " \"yes\"}, \"selectionMode\": \"ALL\"}}",
            "{\"stop\": {\"actionId\": \"aws:ec2:stop-instances\", \"parameters\":"
                + " {\"startInstancesAfterDuration\": \"PT30S\"}, \"targets\": {\"Instances\":"
                + " \"vms\"}}}"),
        "actions.stop.parameters.startInstancesAfterDuration");
  }

  @Test
  void stopConditionsAreNoneOrACloudWatchAlarmArn() {
    String actions = "{\"w\": " + wait("PT1M") + "}";
    assertRefused(
        templateWith(
            "[{\"source\": \"aws:sns:topic\", \"value\": \"arn:aws:sns:us-east-1:1:t\"}]",
            "{}",
            actions),
        "stopConditions[0].source");
    assertRefused(
        templateWith(
            "[{\"source\": \"aws:cloudwatch:alarm\", \"value\":"
                + " \"arn:aws:sns:us-east-1:123456789012:topic\"}]",
            "{}",
            actions),
        "stopConditions[0].value");
  }

  @Test
  void tagKeysWithTheReservedAwsPrefixAreRefusedEverywhere() {
    assertRefused(
        Templates.waitFor("PT1M").replace("{\"Name\": \"wait-template\"}", "{\"aws:team\": \"x\"}"),
        "aws:team");
    String templateId = emulator.fis().createTemplate(Templates.waitFor("PT12H"));
    assertError(
        startAnswer(templateId, "tags", ",\"tags\":{\"AWS:run\":\"1\"}"),
        400,
        "ValidationException",
        "AWS:run");
    String arn = "arn:aws:fis:us-east-1:123456789012:experiment-template/" + templateId;
    assertError(
        fis.post(
            "/tags/" + java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8),
            "{\"tags\":{\"aws:x\":\"1\"}}"),
        400,
        "ValidationException",
        "aws:x");
  }

  @Test
  void updateReplacesTheTargetsAndActionsMapsItIsSent() {
    String id =
        fis.post(
                "/experimentTemplates",
                withToken(
                    template(
                        lambdaTarget("fns"),
                        "{\"delay\": " + delayAction("fns") + ", \"wait\": " + wait("PT1M") + "}"),
                    "u"))
            .json()
            .at("/experimentTemplate/id")
            .asText();

    JsonNode updated =
        fis.patch(
                "/experimentTemplates/" + id,
                "{\"targets\": {}, \"actions\": {\"pause\": " + wait("PT2M") + "}}")
            .json()
            .get("experimentTemplate");

    assertThat(updated.get("targets").size()).isZero();
    assertThat(updated.get("actions").fieldNames()).toIterable().containsExactly("pause");
    assertError(
        fis.patch("/experimentTemplates/" + id, "{\"actions\": {\"w\": " + wait("PT1S") + "}}"),
        400,
        "ValidationException",
        "actions.w.parameters.duration");
    assertError(
        fis.patch(
            "/experimentTemplates/" + id,
            "{\"actions\": {\"a\": "
                + waitAfter("PT1M", "b")
                + ", \"b\": "
                + waitAfter("PT1M", "a")
                + "}}"),
        400,
        "ValidationException",
        "makes a cycle");
    assertThat(
            fis.get("/experimentTemplates/" + id)
                .json()
                .at("/experimentTemplate/actions/pause/parameters/duration")
                .asText())
        .isEqualTo("PT2M");
  }

  @Test
  void optionsOutsideTheModelsEnumsAreRefusedInAwsWording() {
    assertRefused(
        Templates.lambdaByTag("sometimes"),
        "1 validation error detected: Value 'sometimes' at"
            + " 'experimentOptions.emptyTargetResolutionMode' failed to satisfy constraint: Member"
            + " must satisfy enum value set: [fail, skip]");
    assertRefused(
        Templates.lambdaByTag("fail")
            .replace("\"emptyTargetResolutionMode\"", "\"accountTargeting\": \"all\", \"x\""),
        "'experimentOptions.accountTargeting' failed to satisfy constraint");
    String id = emulator.fis().createTemplate(Templates.waitFor("PT1M"));
    assertError(
        fis.patch(
            "/experimentTemplates/" + id,
            "{\"experimentOptions\": {\"accountTargeting\": \"multi-account\"}}"),
        400,
        "ValidationException",
        "experimentOptions.accountTargeting");
  }

  private static void assertRefused(String templateJson, String field) {
    assertError(
        fis.post("/experimentTemplates", withToken(templateJson, "r" + templateJson.hashCode())),
        400,
        "ValidationException",
        field);
  }

  private static String template(String targets, String actions) {
    return templateWith("[{\"source\": \"none\"}]", targets, actions);
  }

  private static String templateWith(String stopConditions, String targets, String actions) {
    return "{\"description\": \"rules\", "
        + ROLE
        + ", \"stopConditions\": "
        + stopConditions
        + ", \"targets\": "
        + targets
        + ", \"actions\": "
        + actions
        + "}";
  }

  private static String lambdaTarget(String name) {
    return "{\""
        + name
        + "\": {\"resourceType\": \"aws:lambda:function\", \"resourceArns\": [\""
        + FUNCTION
        + "\"], \"selectionMode\": \"ALL\"}}";
  }

  private static String delayOn(String target) {
    return "{\"delay\": " + delayAction(target) + "}";
  }

  private static String delayAction(String target) {
    return "{\"actionId\": \"aws:lambda:invocation-add-delay\", \"parameters\":"
        + " {\"duration\": \"PT5M\"}, \"targets\": {\"Functions\": \""
        + target
        + "\"}}";
  }

  private static String wait(String duration) {
    return "{\"actionId\": \"aws:fis:wait\", \"parameters\": {\"duration\": \"" + duration + "\"}}";
  }

  private static String waitAfter(String duration, String before) {
    return "{\"actionId\": \"aws:fis:wait\", \"parameters\": {\"duration\": \""
        + duration
        + "\"}, \"startAfter\": [\""
        + before
        + "\"]}";
  }
}
