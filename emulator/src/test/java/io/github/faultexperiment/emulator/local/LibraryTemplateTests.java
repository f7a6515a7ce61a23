package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.SignedHttp;
import io.github.faultexperiment.emulator.fis.FisTimings;
import java.io.IOException;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Templates in the shapes of AWS's public FIS template library (tag-selected targets, filters, zone
 * parameters, {@code COUNT(1)} and {@code PERCENT(25)}), created and started on the emulator over
 * its signed API, with local targets standing for each resource type they target: what each action
 * does to the application's traffic, or that it is not felt.
 */
@DisplayName("Templates in the shape of AWS's FIS template library")
class LibraryTemplateTests {
  private static final String ACCOUNT = "arn:aws:%s:us-east-1:123456789012:";
  private static final Map<String, String> READY = Map.of("FIS-Ready", "True");
  private static final Duration SHORT_READ = Duration.ofMillis(700);

  private final EchoUpstream upstream = new EchoUpstream();
  private FaultEmulator emulator;
  private SignedHttp fis;

  @BeforeEach
  void start() {
    emulator = FaultEmulator.builder().start();
    emulator
        .fis()
        .timings(
            FisTimings.defaults()
                .withPendingToInitiating(Duration.ofMillis(20))
                .withInitiatingToRunning(Duration.ofMillis(20))
                .withStoppingToStopped(Duration.ofMillis(20)));
    fis = SignedHttp.fis(emulator.endpoint());
  }

  @AfterEach
  void stop() {
    emulator.close();
    upstream.close();
  }

  @Test
  void dynamoDbTrafficBlackholeCutsTheTableReachedFromTheSubnetAndReplicationIsNotFelt()
      throws Exception {
    LocalTarget table = register(arn("dynamodb", "table/orders"), "subnet-0a1b2c3d", READY);
    LocalTarget database = register(arn("rds", "cluster:orders"), "subnet-0a1b2c3d", READY);
    String experiment =
        run(
            """
            "subnets": {"resourceType": "aws:ec2:subnet", "resourceTags": {"FIS-Ready": "True"},
              "selectionMode": "ALL"},
            "dynamodbTables": {"resourceType": "aws:dynamodb:global-table",
              "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "ALL"}
            """,
            """
            "blockDynamoDBTraffic": {"actionId": "aws:network:disrupt-connectivity",
              "parameters": {"scope": "dynamodb", "duration": "PT10M"},
              "targets": {"Subnets": "subnets"}},
            "pauseReplication": {"actionId": "aws:dynamodb:global-table-pause-replication",
              "parameters": {"duration": "PT10M"}, "targets": {"Tables": "dynamodbTables"}}
            """,
            2);

    assertThat(reach(experiment, "blockDynamoDBTraffic").localTargets())
        .containsExactly(table.resource());
    assertThat(reach(experiment, "pauseReplication").status())
        .isEqualTo(FaultReach.Status.NOT_FELT_LOCALLY);
    assertThatThrownBy(() -> roundTrip(table, SHORT_READ)).isInstanceOf(IOException.class);
    // Only DynamoDB's traffic is denied: the database in the same subnet still answers.
    assertThat(roundTrip(database, SHORT_READ)).isEqualTo("ping");
  }

  @Test
  void directConnectResiliencyBlackholesOneOfTheTaggedVirtualInterfaces() throws Exception {
    LocalTarget first = register(arn("directconnect", "dxvif/dxvif-ffg1a2b3"), null, READY);
    LocalTarget second = register(arn("directconnect", "dxvif/dxvif-ffg4c5d6"), null, READY);
    String experiment =
        run(
            """
            "DirectConnectVirtualInterfaces-Target-1": {
              "resourceType": "aws:directconnect:virtual-interface",
              "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "COUNT(1)"}
            """,
            """
            "direct-connect-virtual-interface-down": {
              "actionId": "aws:directconnect:virtual-interface-disconnect",
              "parameters": {"duration": "PT10M"},
              "targets": {"VirtualInterfaces": "DirectConnectVirtualInterfaces-Target-1"}}
            """,
            1);

    List<String> reached =
        reach(experiment, "direct-connect-virtual-interface-down").localTargets();
    assertThat(reached).hasSize(1);
    LocalTarget down = reached.contains(first.resource()) ? first : second;
    LocalTarget up = down == first ? second : first;
    assertThatThrownBy(() -> roundTrip(down, SHORT_READ)).isInstanceOf(IOException.class);
    assertThat(roundTrip(up, SHORT_READ)).isEqualTo("ping");
  }

  @Test
  void aDirectConnectDisconnectShorterThanTenMinutesIsRefused() {
    assertThatThrownBy(
            () ->
                template(
                    """
                    "vifs": {"resourceType": "aws:directconnect:virtual-interface",
                      "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "ALL"}
                    """,
                    """
                    "down": {"actionId": "aws:directconnect:virtual-interface-disconnect",
                      "parameters": {"duration": "PT5M"}, "targets": {"VirtualInterfaces": "vifs"}}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration")
        .hasMessageContaining("PT10M");
  }

  @Test
  void parametersOfTheNewActionsOutsideTheirRangeAreRefusedNamingThem() {
    assertThatThrownBy(
            () ->
                template(
                    """
                    "clusters": {"resourceType": "aws:dsql:cluster",
                      "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "ALL"}
                    """,
                    """
                    "fail": {"actionId": "aws:dsql:cluster-connection-failure",
                      "parameters": {"duration": "PT5M", "percentage": "0"},
                      "targets": {"Clusters": "clusters"}}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("percentage")
        .hasMessageContaining("'0'");
    assertThatThrownBy(
            () ->
                template(
                    """
                    "managed": {"resourceType": "aws:arc:zonal-shift-managed-resource",
                      "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "ALL"}
                    """,
                    """
                    "shift": {"actionId": "aws:arc:start-zonal-autoshift",
                      "parameters": {"duration": "PT5M", "availabilityZoneIdentifier": "use1-az1",
                        "managedResourceTypes": "ALB,GLB"},
                      "targets": {"ManagedResources": "managed"}}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("managedResourceTypes")
        .hasMessageContaining("'GLB'");
  }

  @Test
  void sapEbsPauseStallsTheDatabaseTheVolumeIsAttachedToInItsZone() throws Exception {
    Map<String, String> sap = Map.of("FIS-Application", "SAP", "FIS-SAP-Database-Type", "Data");
    LocalTarget database =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(arn("ec2", "instance/i-0aa11bb22cc33dd44"), upstream.uri())
                .withTags(sap)
                .withAttributes(
                    Map.of(
                        ActionFaults.VOLUMES_ATTRIBUTE,
                        "vol-0a1b2c3d4e5f60718",
                        "Placement.AvailabilityZone",
                        "us-east-1a")));
    LocalTarget standby =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(arn("ec2", "instance/i-0ee55ff66aa77bb88"), upstream.uri())
                .withTags(sap)
                .withAttributes(
                    Map.of(
                        ActionFaults.VOLUMES_ATTRIBUTE,
                        "vol-0b1c2d3e4f5a60718",
                        "Placement.AvailabilityZone",
                        "us-east-1b")));
    String experiment =
        run(
            """
            "EBSPAUSEDB": {"resourceType": "aws:ec2:ebs-volume",
              "resourceTags": {"FIS-Application": "SAP", "FIS-SAP-Database-Type": "Data"},
              "selectionMode": "ALL", "parameters": {"availabilityZoneIdentifier": "us-east-1a"}}
            """,
            """
            "EBSPAUSEDB": {"actionId": "aws:ebs:pause-volume-io",
              "parameters": {"duration": "PT5M"}, "targets": {"Volumes": "EBSPAUSEDB"}}
            """,
            1);

    FaultReach pause = reach(experiment, "EBSPAUSEDB");
    assertThat(pause.targets()).containsExactly(arn("ec2", "volume/vol-0a1b2c3d4e5f60718"));
    assertThat(pause.localTargets()).containsExactly(database.resource());
    assertThatThrownBy(() -> roundTrip(database, SHORT_READ)).isInstanceOf(IOException.class);
    assertThat(roundTrip(standby, SHORT_READ)).isEqualTo("ping");

    stopExperiment(experiment);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> roundTrip(database, SHORT_READ).equals("ping"));
  }

  @Test
  void volumeIoLatencySlowsEveryAnswerOfTheInstanceByTheLargerLatency() throws Exception {
    LocalTarget database =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(arn("ec2", "instance/i-0aa11bb22cc33dd44"), upstream.uri())
                .withTags(READY)
                .withAttributes(Map.of(ActionFaults.VOLUMES_ATTRIBUTE, "vol-01,vol-02")));
    try (TcpClient client = new TcpClient(database, Duration.ofSeconds(5))) {
      client.roundTrip("warm");
      String experiment =
          run(
              """
              "volumes": {"resourceType": "aws:ec2:ebs-volume",
                "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "COUNT(1)"}
              """,
              """
              "slow": {"actionId": "aws:ebs:volume-io-latency",
                "parameters": {"duration": "PT5M", "readIOLatencyMilliseconds": "100",
                  "writeIOLatencyMilliseconds": "400"},
                "targets": {"Volumes": "volumes"}}
              """,
              1);

      assertThat(reach(experiment, "slow").localTargets()).containsExactly(database.resource());
      long start = System.nanoTime();
      assertThat(client.roundTrip("slow")).isEqualTo("slow");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(380));
    }
  }

  @Test
  void ec2SpotInterruptionTakesDownTheSpotInstancesOnly() throws Exception {
    LocalTarget spot =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(arn("ec2", "instance/i-0123456789abcdef0"), upstream.uri())
                .withTags(READY)
                .withAttributes(Map.of("InstanceLifecycle", "spot")));
    LocalTarget onDemand = register(arn("ec2", "instance/i-0fedcba9876543210"), null, READY);
    String experiment =
        run(
            """
            "spot-instances": {"resourceType": "aws:ec2:spot-instance",
              "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "ALL"}
            """,
            """
            "interrupt-ec2-spot": {"actionId": "aws:ec2:send-spot-instance-interruptions",
              "parameters": {"durationBeforeInterruption": "PT2M"},
              "targets": {"SpotInstances": "spot-instances"}}
            """,
            1);

    assertThat(reach(experiment, "interrupt-ec2-spot").localTargets())
        .containsExactly(spot.resource());
    assertThatThrownBy(() -> roundTrip(spot, SHORT_READ)).isInstanceOf(SocketException.class);
    assertThat(roundTrip(onDemand, SHORT_READ)).isEqualTo("ping");
  }

  @Test
  void ec2InstancesTerminateByPercentTakesAQuarterRoundedDown() throws Exception {
    List<LocalTarget> fleet = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      fleet.add(register(arn("ec2", "instance/i-0000000000000000" + i), null, READY));
    }
    String experiment =
        run(
            """
            "Instances-Target-1": {"resourceType": "aws:ec2:instance",
              "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "PERCENT(25)"}
            """,
            """
            "terminate": {"actionId": "aws:ec2:terminate-instances",
              "targets": {"Instances": "Instances-Target-1"}}
            """,
            1);

    List<String> terminated = reach(experiment, "terminate").localTargets();
    assertThat(terminated).hasSize(2);
    for (LocalTarget instance : fleet) {
      if (terminated.contains(instance.resource())) {
        assertThatThrownBy(() -> roundTrip(instance, SHORT_READ))
            .isInstanceOf(SocketException.class);
      } else {
        assertThat(roundTrip(instance, SHORT_READ)).isEqualTo("ping");
      }
    }
  }

  @Test
  void ecsFargateAzImpairmentReachesTheTasksOfTheZoneAndTheAutomationReachesNothing()
      throws Exception {
    LocalTarget inZone =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(arn("ecs", "task/shop/0a1b2c3d4e5f"), upstream.uri())
                .withTags(READY)
                .withAttributes(Map.of("AvailabilityZone", "us-east-1a")));
    LocalTarget elsewhere =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(arn("ecs", "task/shop/6a7b8c9d0e1f"), upstream.uri())
                .withTags(READY)
                .withAttributes(Map.of("AvailabilityZone", "us-east-1b")));
    String tasks =
        """
        {"resourceType": "aws:ecs:task", "resourceTags": {"FIS-Ready": "True"},
          "filters": [{"path": "AvailabilityZone", "values": ["us-east-1a"]}],
          "selectionMode": "ALL"}
        """;
    String experiment =
        run(
            "\"ecs-tasks-for-stop\": " + tasks + ", \"ecs-tasks-for-packet-loss\": " + tasks,
            """
            "wait-before-stop": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}},
            "stop-tasks-in-az": {"actionId": "aws:ecs:stop-task",
              "targets": {"Tasks": "ecs-tasks-for-stop"}, "startAfter": ["wait-before-stop"]},
            "impair-subnet-in-az": {"actionId": "aws:ssm:start-automation-execution",
              "parameters": {"documentArn":
                "arn:aws:ssm:us-east-1:123456789012:document/ecs-fargate-az-impairment-subnet-automation",
                "documentParameters": "{\\"Duration\\":\\"PT15M\\"}", "maxDuration": "PT40M"}},
            "inject-network-packet-loss": {"actionId": "aws:ecs:task-network-packet-loss",
              "parameters": {"duration": "PT15M", "lossPercent": "100", "sources": "0.0.0.0/0",
                "useEcsFaultInjectionEndpoints": "true"},
              "targets": {"Tasks": "ecs-tasks-for-packet-loss"}}
            """,
            3);

    assertThat(reach(experiment, "inject-network-packet-loss").localTargets())
        .containsExactly(inZone.resource());
    // The team's own automation document: its effect is not the emulator's to know.
    assertThat(reach(experiment, "impair-subnet-in-az").localTargets()).isEmpty();
    assertThat(reach(experiment, "impair-subnet-in-az").status())
        .isNotEqualTo(FaultReach.Status.REACHED);
    assertThatThrownBy(() -> roundTrip(inZone, SHORT_READ)).isInstanceOf(IOException.class);
    assertThat(roundTrip(elsewhere, SHORT_READ)).isEqualTo("ping");
  }

  @Test
  void elastiCacheAzPowerInterruptionAndAuroraFailoverReachTheTaggedCachesAndClusters()
      throws Exception {
    LocalTarget cache =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(arn("elasticache", "replicationgroup:sessions"), upstream.uri())
                .withTags(READY)
                .withAttributes(Map.of("AvailabilityZone", "us-east-1a,us-east-1b")));
    LocalTarget aurora = register(arn("rds", "cluster:orders"), null, READY);
    LocalTarget mysql = register(arn("rds", "db:inventory"), null, READY);
    String experiment =
        run(
            """
            "elasticache-replication-groups": {"resourceType": "aws:elasticache:replicationgroup",
              "resourceTags": {"FIS-Ready": "True"},
              "parameters": {"availabilityZoneIdentifier": "us-east-1a"}, "selectionMode": "ALL"},
            "Clusters-Target-1": {"resourceType": "aws:rds:cluster",
              "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "ALL", "parameters": {}},
            "MySQLInstances": {"resourceType": "aws:rds:db", "resourceTags": {"FIS-Ready": "True"},
              "selectionMode": "ALL"}
            """,
            """
            "interrupt-az-power": {"actionId": "aws:elasticache:replicationgroup-interrupt-az-power",
              "parameters": {"duration": "PT10M"},
              "targets": {"ReplicationGroups": "elasticache-replication-groups"}},
            "failover-aurora-cluster": {"actionId": "aws:rds:failover-db-cluster",
              "parameters": {}, "targets": {"Clusters": "Clusters-Target-1"}},
            "reboot": {"actionId": "aws:rds:reboot-db-instances",
              "parameters": {"forceFailover": "true"}, "targets": {"DBInstances": "MySQLInstances"}}
            """,
            3);

    assertThat(reach(experiment, "interrupt-az-power").localTargets())
        .containsExactly(cache.resource());
    assertThat(reach(experiment, "failover-aurora-cluster").localTargets())
        .containsExactly(aurora.resource());
    assertThat(reach(experiment, "reboot").localTargets()).containsExactly(mysql.resource());
  }

  @Test
  void zonalAutoshiftTakesDownTheLoadBalancerServingInTheShiftedZone() throws Exception {
    LocalTarget zoneA =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(
                    arn("elasticloadbalancing", "loadbalancer/app/shop-a/50dc6c495c0c9188"),
                    upstream.uri())
                .withTags(READY)
                .withAttributes(Map.of("AvailabilityZone", "us-east-1a")));
    LocalTarget zoneB =
        emulator.registerLocalTarget(
            LocalTargetSpec.of(
                    arn("elasticloadbalancing", "loadbalancer/app/shop-b/60dc6c495c0c9188"),
                    upstream.uri())
                .withTags(READY)
                .withAttributes(Map.of("AvailabilityZone", "us-east-1b")));
    String experiment =
        run(
            """
            "ManagedResources": {"resourceType": "aws:arc:zonal-shift-managed-resource",
              "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "ALL"}
            """,
            """
            "shift": {"actionId": "aws:arc:start-zonal-autoshift",
              "parameters": {"duration": "PT10M", "availabilityZoneIdentifier": "us-east-1a",
                "managedResourceTypes": "ALB", "zonalAutoshiftStatus": "ANY"},
              "targets": {"ManagedResources": "ManagedResources"}}
            """,
            1);

    assertThat(reach(experiment, "shift").targets()).hasSize(2);
    assertThat(reach(experiment, "shift").localTargets()).containsExactly(zoneA.resource());
    assertThatThrownBy(() -> roundTrip(zoneA, SHORT_READ)).isInstanceOf(SocketException.class);
    assertThat(roundTrip(zoneB, SHORT_READ)).isEqualTo("ping");
  }

  @Test
  void dsqlConnectionFailureTurnsAwayTheStatedShareOfNewConnections() throws Exception {
    LocalTarget cluster = register(arn("dsql", "cluster/abcdefghijklmnopqrstuvwxyz"), null, READY);
    String experiment =
        run(
            """
            "clusters": {"resourceType": "aws:dsql:cluster", "resourceTags": {"FIS-Ready": "True"},
              "selectionMode": "ALL"}
            """,
            """
            "connections": {"actionId": "aws:dsql:cluster-connection-failure",
              "parameters": {"duration": "PT5M", "percentage": "50"},
              "targets": {"Clusters": "clusters"}}
            """,
            1);

    assertThat(reach(experiment, "connections").localTargets()).containsExactly(cluster.resource());
    int failed = 0;
    for (int i = 0; i < 4; i++) {
      try {
        roundTrip(cluster, Duration.ofSeconds(3));
      } catch (IOException e) {
        failed++;
      }
    }
    assertThat(failed).isEqualTo(2);
    assertThat(cluster.counters(experiment).aborted()).isEqualTo(2);
  }

  @Test
  void kinesisThroughputExceptionsAnswerTheStreamsCallsInKinesissOwnShape() throws Exception {
    try (RecordingUpstream kinesis = new RecordingUpstream()) {
      LocalTarget stream =
          emulator.registerLocalTarget(
              LocalTargetSpec.of(arn("kinesis", "stream/clicks"), kinesis.uri()).withTags(READY));
      run(
          """
          "streams": {"resourceType": "aws:kinesis:stream", "resourceTags": {"FIS-Ready": "True"},
            "selectionMode": "ALL"}
          """,
          """
          "throttle": {"actionId": "aws:kinesis:stream-provisioned-throughput-exception",
            "parameters": {"duration": "PT5M", "percentage": "100"},
            "targets": {"KinesisStreams": "streams"}}
          """,
          1);

      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(stream.uri())
                      .header(
                          "Authorization",
                          "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/kinesis/aws4_request,"
                              + " SignedHeaders=host, Signature=0")
                      .header("X-Amz-Target", "Kinesis_20131202.PutRecord")
                      .header("Content-Type", "application/x-amz-json-1.1")
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.headers().firstValue("x-amzn-ErrorType"))
          .contains("ProvisionedThroughputExceededException");
      assertThat(stream.kind()).isEqualTo(LocalTarget.Kind.AWS_API);
    }
  }

  @Test
  void aVpcEndpointCutAndAnS3ScopedSubnetCutBlackholeWhatTheyNameWhileBucketReplicationIsNotFelt()
      throws Exception {
    LocalTarget endpoint = register(arn("ec2", "vpc-endpoint/vpce-0a1b2c3d4e5f60718"), null, READY);
    LocalTarget bucket =
        emulator.registerLocalTarget(
            LocalTargetSpec.of("arn:aws:s3:::orders-archive", upstream.uri())
                .withSubnet("subnet-0f0e0d0c")
                .withTags(READY));
    String experiment =
        run(
            """
            "endpoints": {"resourceType": "aws:ec2:vpc-endpoint",
              "resourceTags": {"FIS-Ready": "True"}, "selectionMode": "ALL"},
            "subnets": {"resourceType": "aws:ec2:subnet", "resourceTags": {"FIS-Ready": "True"},
              "selectionMode": "ALL"},
            "buckets": {"resourceType": "aws:s3:bucket", "resourceTags": {"FIS-Ready": "True"},
              "selectionMode": "ALL"}
            """,
            """
            "endpoint": {"actionId": "aws:network:disrupt-vpc-endpoint",
              "parameters": {"duration": "PT5M"}, "targets": {"VPCEndpoints": "endpoints"}},
            "s3": {"actionId": "aws:network:disrupt-connectivity",
              "parameters": {"duration": "PT5M", "scope": "s3"}, "targets": {"Subnets": "subnets"}},
            "replication": {"actionId": "aws:s3:bucket-pause-replication",
              "parameters": {"duration": "PT5M", "region": "us-west-2"},
              "targets": {"Buckets": "buckets"}}
            """,
            3);

    assertThat(reach(experiment, "endpoint").localTargets()).containsExactly(endpoint.resource());
    assertThat(reach(experiment, "s3").localTargets()).containsExactly(bucket.resource());
    assertThat(reach(experiment, "replication").status())
        .isEqualTo(FaultReach.Status.NOT_FELT_LOCALLY);
    assertThatThrownBy(() -> roundTrip(endpoint, SHORT_READ)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> roundTrip(bucket, SHORT_READ)).isInstanceOf(IOException.class);
  }

  private LocalTarget register(String resource, String subnet, Map<String, String> tags) {
    return emulator.registerLocalTarget(
        LocalTargetSpec.of(resource, upstream.uri()).withSubnet(subnet).withTags(tags));
  }

  private static String arn(String service, String resource) {
    return ACCOUNT.formatted(service) + resource;
  }

  /** Creates and starts the template; returns once {@code started} actions have started. */
  private String run(String targets, String actions, int started) {
    String id =
        fis.post(
                "/experiments",
                "{\"experimentTemplateId\": \"%s\", \"clientToken\": \"%s\"}"
                    .formatted(template(targets, actions), UUID.randomUUID()))
            .json()
            .path("experiment")
            .path("id")
            .asText();
    await().atMost(Duration.ofSeconds(10)).until(() -> emulator.faultReach(id).size() >= started);
    return id;
  }

  private String template(String targets, String actions) {
    return emulator
        .fis()
        .createTemplate(
            "{\"description\": \"library shape\", \"roleArn\":"
                + " \"arn:aws:iam::123456789012:role/fis\", \"stopConditions\": [{\"source\":"
                + " \"none\"}], \"targets\": {"
                + targets
                + "}, \"actions\": {"
                + actions
                + "}}");
  }

  private FaultReach reach(String experiment, String action) {
    return emulator.faultReach(experiment).stream()
        .filter(reach -> reach.actionName().equals(action))
        .findFirst()
        .orElseThrow(() -> new AssertionError(action + " did not start"));
  }

  private void stopExperiment(String experiment) {
    assertThat(fis.delete("/experiments/" + experiment).status()).isEqualTo(200);
  }

  private static String roundTrip(LocalTarget target, Duration read) throws IOException {
    try (TcpClient client = new TcpClient(target, read)) {
      return client.roundTrip("ping");
    }
  }
}
