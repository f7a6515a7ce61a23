package io.github.faultexperiment.emulator.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed AWS CLI and boto3 drive the standalone emulator through a whole lifecycle. */
class AwsCliCompatibilityTests {
  private static StandaloneEmulator emulator;

  @BeforeAll
  static void startStandalone() {
    emulator = StandaloneEmulator.start("--port", "0");
  }

  @AfterAll
  static void stopStandalone() {
    emulator.close();
  }

  @Test
  void firstStdoutLineNamesTheEndpoint() {
    assertThat(emulator.firstLine())
        .matches("fault-experiment-emulator listening on http://127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void awsCliRunsTheWholeLifecycle(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Tool.installed("aws"), "the AWS CLI (aws) is not installed here");
    Path template = dir.resolve("template.json");
    Files.writeString(
        template,
        """
        {"description": "cli lifecycle", "roleArn": "arn:aws:iam::123456789012:role/fis",
         "stopConditions": [{"source": "none"}],
         "actions": {"wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT10M"}}},
         "tags": {"Name": "cli-lifecycle"}}
        """);

    String templateId =
        aws(
            "create-experiment-template",
            "--cli-input-json",
            "file://" + template,
            "--query",
            "experimentTemplate.id");
    assertThat(templateId).startsWith("EXT");
    String experimentId =
        aws(
            "start-experiment",
            "--experiment-template-id",
            templateId,
            "--tags",
            "faultexperiment:run=cli",
            "--query",
            "experiment.id");
    assertThat(experimentId).startsWith("EXP");

    awaitState(experimentId, "running");
    assertThat(
            aws(
                "get-experiment",
                "--id",
                experimentId,
                "--query",
                "experiment.actions.wait.state.status"))
        .isEqualTo("running");

    assertThat(aws("stop-experiment", "--id", experimentId, "--query", "experiment.state.status"))
        .isEqualTo("stopping");
    awaitState(experimentId, "stopped");

    assertThat(aws("list-experiments", "--query", "experiments[].id")).contains(experimentId);
    String arn = aws("get-experiment", "--id", experimentId, "--query", "experiment.arn");
    aws("tag-resource", "--resource-arn", arn, "--tags", "team=checkout");
    assertThat(aws("list-tags-for-resource", "--resource-arn", arn, "--query", "tags.team"))
        .isEqualTo("checkout");
  }

  @Test
  void awsCliSeesFisErrorCodes() {
    Assumptions.assumeTrue(Tool.installed("aws"), "the AWS CLI (aws) is not installed here");
    Tool.Run run =
        Tool.run(
            List.of(
                "aws",
                "fis",
                "get-experiment",
                "--id",
                "EXPnotthere",
                "--endpoint-url",
                emulator.endpoint()),
            null);
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stderr()).contains("ResourceNotFoundException").contains("EXPnotthere");
  }

  @Test
  void boto3RunsStartGetStop() {
    Assumptions.assumeTrue(Tool.installed("python3"), "python3 is not installed here");
    Tool.Run hasBoto3 = Tool.run(List.of("python3", "-c", "import boto3"), null);
    Assumptions.assumeTrue(hasBoto3.exitCode() == 0, "boto3 is not installed for python3");
    String script =
        """
        import sys, time, boto3
        fis = boto3.client("fis", endpoint_url=sys.argv[1])
        t = fis.create_experiment_template(
            clientToken="boto3", description="boto3", roleArn="arn:aws:iam::123456789012:role/fis",
            stopConditions=[{"source": "none"}],
            actions={"wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT10M"}}})
        e = fis.start_experiment(clientToken="boto3-run",
            experimentTemplateId=t["experimentTemplate"]["id"])["experiment"]
        while fis.get_experiment(id=e["id"])["experiment"]["state"]["status"] != "running":
            time.sleep(0.05)
        fis.stop_experiment(id=e["id"])
        while True:
            x = fis.get_experiment(id=e["id"])["experiment"]
            if x["state"]["status"] == "stopped":
                break
            time.sleep(0.05)
        print(x["id"], x["state"]["status"], x["actions"]["wait"]["state"]["status"],
              type(x["startTime"]).__name__)
        print(boto3.client("sts", endpoint_url=sys.argv[1]).get_caller_identity()["Account"])
        """;
    Tool.Run run = Tool.run(List.of("python3", "-", emulator.endpoint()), script);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).matches("(?s)EXP\\w+ stopped stopped datetime\\s+123456789012");
  }

  @Test
  void awsCliAnswersTheCatalogueAndTheSafetyLever() {
    Assumptions.assumeTrue(Tool.installed("aws"), "the AWS CLI (aws) is not installed here");
    assertThat(aws("list-actions", "--query", "actions[?id=='aws:ec2:stop-instances'].id"))
        .isEqualTo("aws:ec2:stop-instances");
    assertThat(
            aws(
                "get-action",
                "--id",
                "aws:lambda:invocation-add-delay",
                "--query",
                "action.targets.Functions.resourceType"))
        .isEqualTo("aws:lambda:function");
    assertThat(
            aws(
                "list-target-resource-types",
                "--query",
                "targetResourceTypes[?resourceType=='aws:eks:pod'].resourceType"))
        .isEqualTo("aws:eks:pod");
    assertThat(
            aws(
                "get-target-resource-type",
                "--resource-type",
                "aws:eks:pod",
                "--query",
                "targetResourceType.parameters.clusterIdentifier.required"))
        .isEqualTo("True");

    assertThat(aws("get-safety-lever", "--id", "default", "--query", "safetyLever.state.status"))
        .isEqualTo("disengaged");
    assertThat(
            aws(
                "update-safety-lever-state",
                "--id",
                "default",
                "--state",
                "status=engaged,reason=cli freeze",
                "--query",
                "safetyLever.state.reason"))
        .isEqualTo("cli freeze");
    assertThat(
            aws(
                "update-safety-lever-state",
                "--id",
                "default",
                "--state",
                "status=disengaged,reason=cli thaw",
                "--query",
                "safetyLever.state.status"))
        .isEqualTo("disengaged");
  }

  @Test
  void awsCliManagesTargetAccountsResolvedTargetsAndTemplateUpdates(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(Tool.installed("aws"), "the AWS CLI (aws) is not installed here");
    Path template = dir.resolve("multi.json");
    Files.writeString(
        template,
        """
        {"description": "cli multi-account", "roleArn": "arn:aws:iam::123456789012:role/fis",
         "stopConditions": [{"source": "none"}],
         "targets": {"fns": {"resourceType": "aws:lambda:function", "selectionMode": "ALL",
           "resourceArns": ["arn:aws:lambda:us-east-1:444455556666:function:pricing"]}},
         "actions": {"delay": {"actionId": "aws:lambda:invocation-add-delay",
           "parameters": {"duration": "PT10M"}, "targets": {"Functions": "fns"}},
           "wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT10M"}}},
         "experimentOptions": {"accountTargeting": "multi-account"}}
        """);
    String templateId =
        aws(
            "create-experiment-template",
            "--cli-input-json",
            "file://" + template,
            "--query",
            "experimentTemplate.id");
    String account = "444455556666";
    String role = "arn:aws:iam::444455556666:role/fis-target";
    List<String> ids = List.of("--experiment-template-id", templateId, "--account-id", account);

    assertThat(
            aws(
                concat(
                    List.of("create-target-account-configuration"),
                    ids,
                    List.of("--role-arn", role, "--query", "targetAccountConfiguration.roleArn"))))
        .isEqualTo(role);
    assertThat(
            aws(
                concat(
                    List.of("update-target-account-configuration"),
                    ids,
                    List.of(
                        "--description",
                        "pricing account",
                        "--query",
                        "targetAccountConfiguration.description"))))
        .isEqualTo("pricing account");
    assertThat(
            aws(
                concat(
                    List.of("get-target-account-configuration"),
                    ids,
                    List.of("--query", "targetAccountConfiguration.accountId"))))
        .isEqualTo(account);
    assertThat(
            aws(
                "list-target-account-configurations",
                "--experiment-template-id",
                templateId,
                "--query",
                "targetAccountConfigurations[].accountId"))
        .isEqualTo(account);

    String experimentId =
        aws("start-experiment", "--experiment-template-id", templateId, "--query", "experiment.id");
    awaitState(experimentId, "running");
    assertThat(
            aws(
                "get-experiment-target-account-configuration",
                "--experiment-id",
                experimentId,
                "--account-id",
                account,
                "--query",
                "targetAccountConfiguration.roleArn"))
        .isEqualTo(role);
    assertThat(
            aws(
                "list-experiment-target-account-configurations",
                "--experiment-id",
                experimentId,
                "--query",
                "targetAccountConfigurations[].description"))
        .isEqualTo("pricing account");
    assertThat(
            aws(
                "list-experiment-resolved-targets",
                "--experiment-id",
                experimentId,
                "--target-name",
                "fns",
                "--query",
                "resolvedTargets[].targetInformation.arn"))
        .isEqualTo("arn:aws:lambda:us-east-1:444455556666:function:pricing");
    aws("stop-experiment", "--id", experimentId);
    awaitState(experimentId, "stopped");

    assertThat(
            aws(
                concat(
                    List.of("delete-target-account-configuration"),
                    ids,
                    List.of("--query", "targetAccountConfiguration.accountId"))))
        .isEqualTo(account);
    assertThat(
            aws(
                "update-experiment-template",
                "--id",
                templateId,
                "--targets",
                "{}",
                "--actions",
                "{\"pause\": {\"actionId\": \"aws:fis:wait\","
                    + " \"parameters\": {\"duration\": \"PT1M\"}}}",
                "--query",
                "keys(experimentTemplate.actions)"))
        .isEqualTo("pause");
  }

  @Test
  void boto3CallsEveryNewOperationInARegionOfItsOwn() {
    Assumptions.assumeTrue(Tool.installed("python3"), "python3 is not installed here");
    Tool.Run hasBoto3 = Tool.run(List.of("python3", "-c", "import boto3"), null);
    Assumptions.assumeTrue(hasBoto3.exitCode() == 0, "boto3 is not installed for python3");
    String script =
        """
        import sys, time, boto3
        fis = boto3.client("fis", endpoint_url=sys.argv[1], region_name="eu-central-1")
        east = boto3.client("fis", endpoint_url=sys.argv[1], region_name="us-east-1")
        out = []
        actions = [a["id"] for p in fis.get_paginator("list_actions").paginate(maxResults=5)
                   for a in p["actions"]]
        out.append("aws:fis:wait" in actions)
        out.append(fis.get_action(id="aws:ec2:stop-instances")["action"]["targets"]["Instances"]
                   ["resourceType"])
        types = [t["resourceType"] for p in fis.get_paginator("list_target_resource_types")
                 .paginate() for t in p["targetResourceTypes"]]
        out.append("aws:lambda:function" in types)
        out.append(sorted(fis.get_target_resource_type(resourceType="aws:ecs:task")
                   ["targetResourceType"]["parameters"]))
        out.append(fis.get_safety_lever(id="default")["safetyLever"]["arn"])
        out.append(fis.update_safety_lever_state(id="default",
                   state={"status": "engaged", "reason": "boto3"})["safetyLever"]["state"]["reason"])
        out.append(east.get_safety_lever(id="default")["safetyLever"]["state"]["status"])
        fis.update_safety_lever_state(id="default", state={"status": "disengaged", "reason": "ok"})
        t = fis.create_experiment_template(
            clientToken="boto3-multi", description="boto3 multi",
            roleArn="arn:aws:iam::123456789012:role/fis", stopConditions=[{"source": "none"}],
            targets={"fns": {"resourceType": "aws:lambda:function", "selectionMode": "ALL",
                     "resourceArns": ["arn:aws:lambda:eu-central-1:444455556666:function:f"]}},
            actions={"delay": {"actionId": "aws:lambda:invocation-add-delay",
                               "parameters": {"duration": "PT10M"},
                               "targets": {"Functions": "fns"}}},
            experimentOptions={"accountTargeting": "multi-account"})["experimentTemplate"]
        try:
            east.get_experiment_template(id=t["id"])
            out.append("visible in us-east-1")
        except east.exceptions.ResourceNotFoundException:
            out.append("not in us-east-1")
        tid, acct = t["id"], "444455556666"
        fis.create_target_account_configuration(experimentTemplateId=tid, accountId=acct,
            roleArn="arn:aws:iam::444455556666:role/fis")
        fis.update_target_account_configuration(experimentTemplateId=tid, accountId=acct,
            description="boto3 account")
        out.append(fis.get_target_account_configuration(experimentTemplateId=tid, accountId=acct)
                   ["targetAccountConfiguration"]["description"])
        out.append(len(fis.list_target_account_configurations(experimentTemplateId=tid)
                   ["targetAccountConfigurations"]))
        e = fis.start_experiment(clientToken="boto3-multi-run", experimentTemplateId=tid)
        eid = e["experiment"]["id"]
        while fis.get_experiment(id=eid)["experiment"]["state"]["status"] != "running":
            time.sleep(0.05)
        out.append(fis.get_experiment_target_account_configuration(experimentId=eid,
                   accountId=acct)["targetAccountConfiguration"]["accountId"])
        out.append(len(fis.list_experiment_target_account_configurations(experimentId=eid)
                   ["targetAccountConfigurations"]))
        out.append(fis.list_experiment_resolved_targets(experimentId=eid)["resolvedTargets"][0]
                   ["targetInformation"]["arn"])
        fis.stop_experiment(id=eid)
        fis.delete_target_account_configuration(experimentTemplateId=tid, accountId=acct)
        u = fis.update_experiment_template(id=tid, targets={},
            actions={"pause": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}}})
        out.append(sorted(u["experimentTemplate"]["actions"]))
        print(out)
        """;
    Tool.Run run = Tool.run(List.of("python3", "-", emulator.endpoint()), script);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            "[True, 'aws:ec2:instance', True, ['cluster', 'service'],"
                + " 'arn:aws:fis:eu-central-1:123456789012:safety-lever/default', 'boto3',"
                + " 'disengaged', 'not in us-east-1', 'boto3 account', 1, '444455556666', 1,"
                + " 'arn:aws:lambda:eu-central-1:444455556666:function:f', ['pause']]");
  }

  @Test
  void everyOperationsAnswerFitsTheBotocoreModel() {
    Assumptions.assumeTrue(Tool.installed("python3"), "python3 is not installed here");
    Tool.Run hasBoto3 = Tool.run(List.of("python3", "-c", "import boto3"), null);
    Assumptions.assumeTrue(hasBoto3.exitCode() == 0, "boto3 is not installed for python3");
    // Each answer's JSON is checked against the operation's output shape with botocore's own
    // validator (types, required members, lengths); timestamps are JSON numbers on the wire, so
    // the validator's wish for datetime objects is left out. A region of its own keeps the
    // safety lever away from the other tests.
    String script =
        """
        import sys, json, time, boto3, botocore
        from botocore.validate import ParamValidator
        fis = boto3.client("fis", endpoint_url=sys.argv[1], region_name="ap-south-1")
        model, answers, problems, called = fis.meta.service_model, {}, [], set()
        def keep(http_response, model, **kw):
            if http_response.status_code == 200:
                answers[model.name] = json.loads(http_response.content or b"{}")
        fis.meta.events.register("after-call.fis", keep)
        def call(op, **kw):
            result = getattr(fis, botocore.xform_name(op))(**kw)
            report = ParamValidator().validate(answers[op], model.operation_model(op).output_shape)
            lines = [l for l in report.generate_report().splitlines()[1:] if "datetime" not in l]
            if lines:
                problems.append(op + ": " + "; ".join(lines))
            called.add(op)
            return result
        def until(eid, status):
            while fis.get_experiment(id=eid)["experiment"]["state"]["status"] != status:
                time.sleep(0.05)
        acct = "444455556666"
        call("ListActions"); call("GetAction", id="aws:ec2:stop-instances")
        call("ListTargetResourceTypes"); call("GetTargetResourceType", resourceType="aws:eks:pod")
        call("GetSafetyLever", id="default")
        t = call("CreateExperimentTemplate", clientToken="shapes", description="shapes",
            roleArn="arn:aws:iam::123456789012:role/fis", stopConditions=[{"source": "none"}],
            targets={"fns": {"resourceType": "aws:lambda:function", "selectionMode": "ALL",
                     "resourceArns": ["arn:aws:lambda:ap-south-1:444455556666:function:f"]}},
            actions={"d": {"actionId": "aws:lambda:invocation-add-delay",
                           "parameters": {"duration": "PT10M"}, "targets": {"Functions": "fns"}}},
            experimentOptions={"accountTargeting": "multi-account"},
            experimentReportConfiguration={"outputs": {"s3Configuration": {"bucketName": "bkt"}},
                                           "postExperimentDuration": "PT1M"})["experimentTemplate"]
        tid = t["id"]
        call("CreateTargetAccountConfiguration", experimentTemplateId=tid, accountId=acct,
             roleArn="arn:aws:iam::444455556666:role/r", description="d")
        call("GetTargetAccountConfiguration", experimentTemplateId=tid, accountId=acct)
        call("ListTargetAccountConfigurations", experimentTemplateId=tid)
        call("UpdateTargetAccountConfiguration", experimentTemplateId=tid, accountId=acct,
             description="e")
        call("GetExperimentTemplate", id=tid); call("ListExperimentTemplates")
        e = call("StartExperiment", clientToken="shapes-1", experimentTemplateId=tid)["experiment"]
        until(e["id"], "running")
        call("GetExperiment", id=e["id"]); call("ListExperiments")
        call("ListExperimentResolvedTargets", experimentId=e["id"])
        call("GetExperimentTargetAccountConfiguration", experimentId=e["id"], accountId=acct)
        call("ListExperimentTargetAccountConfigurations", experimentId=e["id"])
        call("UpdateSafetyLeverState", id="default", state={"status": "engaged", "reason": "x"})
        until(e["id"], "stopped")
        while fis.get_safety_lever(id="default")["safetyLever"]["state"]["status"] != "engaged":
            time.sleep(0.05)
        call("UpdateSafetyLeverState", id="default", state={"status": "disengaged", "reason": "y"})
        e2 = call("StartExperiment", clientToken="shapes-2", experimentTemplateId=tid,
                  experimentOptions={"actionsMode": "skip-all"})["experiment"]
        call("StopExperiment", id=e2["id"])
        call("TagResource", resourceArn=t["arn"], tags={"a": "b"})
        call("ListTagsForResource", resourceArn=t["arn"])
        call("UntagResource", resourceArn=t["arn"], tagKeys=["a"])
        call("DeleteTargetAccountConfiguration", experimentTemplateId=tid, accountId=acct)
        call("UpdateExperimentTemplate", id=tid, targets={},
             actions={"w": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}}})
        call("DeleteExperimentTemplate", id=tid)
        print(len(called), "operations", problems)
        """;
    Tool.Run run = Tool.run(List.of("python3", "-", emulator.endpoint()), script);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo("26 operations []");
  }

  private static void awaitState(String experimentId, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                aws("get-experiment", "--id", experimentId, "--query", "experiment.state.status")
                    .equals(state));
  }

  private static String aws(List<String> args) {
    return aws(args.toArray(String[]::new));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  private static String aws(String... args) {
    List<String> command = new ArrayList<>(List.of("aws", "fis"));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", emulator.endpoint(), "--output", "text"));
    Tool.Run run = Tool.run(command, null);
    assertThat(run.exitCode()).as("%s: %s", command, run.stderr()).isZero();
    return run.stdout();
  }
}
