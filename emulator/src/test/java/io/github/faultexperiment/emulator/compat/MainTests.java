package io.github.faultexperiment.emulator.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MainTests {
  @Test
  void badArgumentsPrintUsageAndExitWithTwo() throws Exception {
    try (StandaloneEmulator emulator = StandaloneEmulator.start("--port", "many")) {
      assertThat(emulator.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(emulator.process().exitValue()).isEqualTo(2);
      assertThat(emulator.firstLine()).isNull();
    }
  }

  @Test
  void credentialsOptionSetsTheAcceptedKey() {
    try (StandaloneEmulator emulator =
        StandaloneEmulator.start("--port", "0", "--credentials", "AKIAEXAMPLE:s3cret")) {
      assertThat(emulator.firstLine())
          .startsWith("fault-experiment-emulator listening on http://127.0.0.1:");
      Tool.Run run =
          Tool.run(
              java.util.List.of(
                  "python3",
                  "-c",
                  "import sys,boto3;print(boto3.client('sts',endpoint_url=sys.argv[1],"
                      + "aws_access_key_id='AKIAEXAMPLE',aws_secret_access_key='s3cret')"
                      + ".get_caller_identity()['Arn'])",
                  emulator.endpoint()),
              null);
      org.junit.jupiter.api.Assumptions.assumeTrue(
          run.exitCode() == 0 || !run.stderr().contains("No module named"),
          "boto3 is not installed for python3");
      assertThat(run.stdout())
          .as(run.stderr())
          .isEqualTo("arn:aws:iam::123456789012:user/AKIAEXAMPLE");
    }
  }

  @Test
  void localTargetOptionStartsATcpProxyForTheResourceAndPrintsItsAddress() throws Exception {
    try (java.net.ServerSocket upstream = new java.net.ServerSocket(0);
        StandaloneEmulator emulator =
            StandaloneEmulator.start(
                "--port",
                "0",
                "--local-target",
                "arn:aws:rds:us-east-1:123456789012:cluster:orders=tcp://127.0.0.1:"
                    + upstream.getLocalPort())) {
      String line = emulator.nextLine();

      assertThat(line)
          .matches(
              "local target arn:aws:rds:us-east-1:123456789012:cluster:orders on"
                  + " tcp://127\\.0\\.0\\.1:\\d+");
      int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
      try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
        upstream.setSoTimeout(10_000);
        // The registration probed the upstream once; the client's connection comes next.
        upstream.accept().close();
        upstream.accept().close();
      }
    }
  }

  @Test
  void aMalformedLocalTargetPrintsTheReasonAndExitsWithTwo() throws Exception {
    try (StandaloneEmulator emulator =
        StandaloneEmulator.start(
            "--port", "0", "--local-target", "arn:aws:rds:orders=tcp://127.0.0.1:5432")) {
      assertThat(emulator.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(emulator.process().exitValue()).isEqualTo(2);
    }
  }

  @Test
  void badLocalTargetsAndPortsAreRefusedNamingTheInputAndWhatWouldBeValid() throws Exception {
    String orders = "arn:aws:rds:us-east-1:123456789012:cluster:orders";
    try (java.net.ServerSocket upstream = new java.net.ServerSocket(0)) {
      int closed;
      try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
        closed = free.getLocalPort();
      }
      String reachable = "tcp://127.0.0.1:" + upstream.getLocalPort();

      assertThat(
              refusal(
                  "--local-target",
                  orders + "=" + reachable,
                  "--local-target",
                  orders + "=tcp://127.0.0.1:" + closed))
          .contains("resource " + orders + " is already registered in front of " + reachable);
      assertThat(refusal("--local-target", orders + "=tcp://127.0.0.1:" + closed))
          .contains("upstream tcp://127.0.0.1:" + closed + " cannot be reached");
      assertThat(refusal("--local-target", "arn:aws:rds:orders=" + reachable))
          .contains("resource 'arn:aws:rds:orders' is not an ARN or Google resource name")
          .contains("arn:aws:rds:us-east-1:123456789012:cluster:NAME");
      assertThat(refusal("--local-target", orders))
          .contains("must look like RESOURCE=tcp://HOST:PORT or RESOURCE=http://");
      assertThat(refusal("--port", "70000"))
          .contains("--port must be a number from 0 to 65535, was 70000");
    }
  }

  @Test
  void documentEffectOptionDeclaresWhatATeamsOwnDocumentDoes() throws Exception {
    String orders = "arn:aws:rds:us-east-1:123456789012:cluster:orders";
    try (java.net.ServerSocket upstream = new java.net.ServerSocket(0);
        StandaloneEmulator emulator =
            StandaloneEmulator.start(
                "--port",
                "0",
                "--local-target",
                orders + "=tcp://127.0.0.1:" + upstream.getLocalPort(),
                "--document-effect",
                "{\"document\": \"Orders-Failover\", \"effects\": [{\"target\": \""
                    + orders
                    + "\", \"fault\": \"outage\"}]}")) {
      java.net.http.HttpResponse<String> declared =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(emulator.endpoint() + "/_emulator/document-effects"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(declared.body())
          .contains("\"document\":\"Orders-Failover\"", "\"fault\":\"outage\"", orders);
    }
  }

  @Test
  void badDocumentEffectsAndHostEffectDirectoriesAreRefusedSayingWhatWouldBeValid()
      throws Exception {
    assertThat(
            refusal(
                "--document-effect",
                "{\"document\": \"Orders-Failover\", \"effects\": [{\"target\":"
                    + " \"arn:aws:rds:us-east-1:123456789012:cluster:orders\", \"fault\":"
                    + " \"outage\"}]}"))
        .contains("no local target is registered; registered: []");
    assertThat(refusal("--document-effect", "no-such-file.json"))
        .contains("--document-effect must be a JSON file or the JSON itself");
    assertThat(refusal("--host-effects", "/no/such/directory"))
        .contains("--host-effects must name an existing directory");
    assertThat(refusal("--local-process", "redis"))
        .contains("--local-process must be NAME=COMMAND");
  }

  /** Runs the standalone emulator with bad arguments: it must exit 2; answers its stderr. */
  private static String refusal(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.github.faultexperiment.emulator.Main");
    command.addAll(java.util.List.of(args));
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr =
        new String(
            process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(stderr).isEqualTo(2);
    assertThat(stderr).contains("usage: java -jar fault-experiment-emulator.jar");
    return stderr;
  }
}
