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

  private static void awaitState(String experimentId, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                aws("get-experiment", "--id", experimentId, "--query", "experiment.state.status")
                    .equals(state));
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
