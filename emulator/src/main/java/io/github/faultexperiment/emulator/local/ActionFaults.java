package io.github.faultexperiment.emulator.local;

import static java.util.Map.entry;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.host.HostEffects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The one table from an experiment's action — FIS {@code actionId} (SSM {@code send-command} by its
 * document) or Fault Testing action kind — to its local effect and the targets it reaches, with the
 * parameters read as the cloud defines them. Actions not in the table have no local effect; those
 * no local process could feel are listed in {@link #NOT_FELT_LOCALLY}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ActionFaults {
  static final String SEND_COMMAND = "aws:ssm:send-command";
  static final String START_AUTOMATION = "aws:ssm:start-automation-execution";
  static final String L7_LB_HTTP_FAULT = "l7LbHttpFault";

  /** The prefix of a Chaos Mesh record's action type: {@code chaos-mesh:KIND/ACTION}. */
  static final String CHAOS_MESH = "chaos-mesh:";

  /**
   * The status a Lambda function URL or API Gateway answers when the function's invocation fails.
   */
  static final int LAMBDA_ERROR_STATUS = 502;

  /** What kind of harm an action does, for reports and docs. */
  enum Family {
    HTTP,
    NETWORK,
    COMPUTE_LOSS,
    FAILOVER,
    API_ERROR
  }

  /** How an action's targets (ARNs, resource names) pick registered local targets. */
  enum Match {
    /** Lambda function ARNs; a qualified ARN (version, alias) reaches the unqualified target. */
    LAMBDA,
    /** Forwarding rules, narrowed to one backend service when the action names one. */
    FORWARDING_RULE,
    /**
     * The target's own identity; a Google name also reaches what it contains (a zone its instances,
     * a cluster its node pools) and a secure tag value the targets tagged with it.
     */
    RESOURCE,
    /**
     * Subnets: every target placed in one of them; a cut scoped to DynamoDB or S3 only the tables
     * or buckets reached from them.
     */
    SUBNET,
    /**
     * EBS volumes: the targets they are attached to ({@link #VOLUMES_ATTRIBUTE}), or a target
     * registered as the volume itself.
     */
    VOLUME,
    /**
     * Resources ARN zonal shift manages: those of the action's targets serving in the Availability
     * Zone traffic is shifted away from, of the managed resource types it names.
     */
    ZONAL_SHIFT
  }

  /**
   * The attribute that lists the EBS volumes attached to a target, comma-separated, as {@code
   * DescribeInstances} reports them: {@code BlockDeviceMappings.Ebs.VolumeId}.
   */
  public static final String VOLUMES_ATTRIBUTE = "BlockDeviceMappings.Ebs.VolumeId";

  /**
   * One row of the table.
   *
   * @param family what kind of harm
   * @param match how the action's targets pick local targets
   * @param fault reads the fault from the parameters; {@code null} when these parameters have no
   *     local effect (a UDP blackhole, a connectivity cut scoped to one AWS service)
   */
  record Row(
      Family family, Match match, BiFunction<ActionParameters, LocalTimings, LocalFault> fault) {}

  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp");
  private static final Set<String> TRAFFIC_TYPES = Set.of("ingress", "egress");
  private static final Set<String> SCOPES =
      Set.of("all", "availability-zone", "dynamodb", "prefix-list", "s3", "s3express", "vpc");

  /** The scopes of {@code aws:network:disrupt-connectivity} that cut one AWS service only. */
  private static final Map<String, Set<String>> SERVICE_SCOPES =
      Map.of(
          "dynamodb", Set.of("aws:dynamodb:global-table"),
          "s3", Set.of("aws:s3:bucket"),
          "s3express", Set.of("aws:s3:bucket"));

  private static final Set<String> MANAGED_RESOURCE_TYPES = Set.of("ASG", "ALB", "NLB", "EKS");
  private static final Set<String> AUTOSHIFT_STATUSES = Set.of("enabled", "disabled", "any");
  private static final Set<String> KINESIS_CALLS =
      Set.of("GetRecords", "GetShardIterator", "PutRecord", "PutRecords");

  static final Map<String, Row> TABLE =
      Map.ofEntries(
          // HTTP invocation faults.
          entry(
              "aws:lambda:invocation-add-delay",
              new Row(
                  Family.HTTP,
                  Match.LAMBDA,
                  (p, t) ->
                      new LocalFault.Delay(
                          p.millis("startupDelayMilliseconds", 1000, 900_000),
                          p.number("invocationPercentage", 100, 0, 100)))),
          entry(
              "aws:lambda:invocation-error",
              new Row(
                  Family.HTTP,
                  Match.LAMBDA,
                  (p, t) ->
                      new LocalFault.Abort(
                          LAMBDA_ERROR_STATUS,
                          p.number("invocationPercentage", 100, 0, 100),
                          !p.bool("preventExecution")))),
          entry(
              "aws:lambda:invocation-http-integration-response",
              new Row(
                  Family.HTTP,
                  Match.LAMBDA,
                  (p, t) ->
                      new LocalFault.Respond(
                          (int) p.requiredNumber("statusCode", 100, 599),
                          p.text("contentTypeHeader"),
                          p.number("invocationPercentage", 100, 0, 100),
                          !p.bool("preventExecution")))),
          entry(L7_LB_HTTP_FAULT, new Row(Family.HTTP, Match.FORWARDING_RULE, ActionFaults::l7)),
          // Network faults on tasks and pods (tc netem / iptables in the cloud).
          entry("aws:ecs:task-network-latency", network(ActionFaults::latency)),
          entry("aws:ecs:task-network-packet-loss", network(ActionFaults::packetLoss)),
          entry("aws:ecs:task-network-blackhole-port", network(ActionFaults::blackhole)),
          entry("aws:eks:pod-network-latency", network(ActionFaults::latency)),
          entry("aws:eks:pod-network-packet-loss", network(ActionFaults::packetLoss)),
          entry("aws:eks:pod-network-blackhole-port", network(ActionFaults::blackhole)),
          // FIS's SSM documents for EC2 instances, keyed by document name.
          entry(SEND_COMMAND + "/AWSFIS-Run-Network-Latency", network(ActionFaults::ssmLatency)),
          entry(
              SEND_COMMAND + "/AWSFIS-Run-Network-Latency-Sources",
              network(ActionFaults::ssmLatency)),
          entry(
              SEND_COMMAND + "/AWSFIS-Run-Network-Packet-Loss",
              network(ActionFaults::ssmPacketLoss)),
          entry(
              SEND_COMMAND + "/AWSFIS-Run-Network-Packet-Loss-Sources",
              network(ActionFaults::ssmPacketLoss)),
          entry(
              SEND_COMMAND + "/AWSFIS-Run-Network-Blackhole-Port",
              network(ActionFaults::ssmBlackhole)),
          entry(
              "aws:network:disrupt-connectivity",
              new Row(
                  Family.NETWORK,
                  Match.SUBNET,
                  (p, t) -> {
                    String scope = p.choice("scope", "all", SCOPES);
                    // Cuts between Availability Zones, to a prefix list or out of the VPC depend on
                    // addresses a local target does not have.
                    return scope.equals("all") || SERVICE_SCOPES.containsKey(scope)
                        ? new LocalFault.Blackhole(0)
                        : null;
                  })),
          entry(
              "aws:directconnect:virtual-interface-disconnect",
              // BGP down: the routes to the other side are withdrawn and packets go nowhere.
              network((p, t) -> new LocalFault.Blackhole(0))),
          entry("aws:network:disrupt-vpc-endpoint", network((p, t) -> new LocalFault.Blackhole(0))),
          entry(
              "aws:dsql:cluster-connection-failure",
              network(
                  (p, t) ->
                      new LocalFault.ConnectionFailure(p.requiredNumber("percentage", 1, 100)))),
          // Storage: the target whose volume stalls or slows stalls or slows in turn.
          entry(
              "aws:ebs:pause-volume-io",
              new Row(Family.NETWORK, Match.VOLUME, (p, t) -> new LocalFault.Blackhole(0))),
          entry(
              "aws:ebs:volume-io-latency",
              new Row(Family.NETWORK, Match.VOLUME, ActionFaults::volumeLatency)),
          // Loss of a compute resource.
          entry(
              "aws:ec2:stop-instances",
              down(
                  Family.COMPUTE_LOSS,
                  (p, t) ->
                      new LocalFault.Down(
                          "stopped", p.isoDuration("startInstancesAfterDuration")))),
          entry(
              "aws:ec2:reboot-instances",
              down(Family.COMPUTE_LOSS, (p, t) -> new LocalFault.Down("rebooting", t.reboot()))),
          entry(
              "aws:ec2:terminate-instances",
              down(Family.COMPUTE_LOSS, (p, t) -> new LocalFault.Down("terminated", null))),
          entry(
              "aws:ec2:send-spot-instance-interruptions",
              down(
                  Family.COMPUTE_LOSS,
                  (p, t) -> {
                    p.isoDuration("durationBeforeInterruption");
                    return new LocalFault.Down("spot-interrupted", null);
                  })),
          entry(
              "aws:ecs:stop-task",
              down(
                  Family.COMPUTE_LOSS,
                  (p, t) -> new LocalFault.Down("task-stopped", t.replacement()))),
          entry(
              "aws:eks:pod-delete",
              down(
                  Family.COMPUTE_LOSS,
                  (p, t) -> {
                    p.number("gracePeriodSeconds", 0, 0, 86_400);
                    return new LocalFault.Down("pod-deleted", t.replacement());
                  })),
          entry(
              "aws:eks:terminate-nodegroup-instances",
              down(
                  Family.COMPUTE_LOSS,
                  (p, t) -> {
                    p.requiredNumber("instanceTerminationPercentage", 1, 100);
                    return new LocalFault.Down("node-terminated", t.replacement());
                  })),
          entry(
              "gceFailCompute",
              down(Family.COMPUTE_LOSS, (p, t) -> new LocalFault.Down("stopped", null))),
          entry(
              "gkeFailCompute",
              down(Family.COMPUTE_LOSS, (p, t) -> new LocalFault.Down("nodes-failed", null))),
          // Failover of a database or cache.
          entry(
              "aws:rds:failover-db-cluster",
              down(Family.FAILOVER, (p, t) -> new LocalFault.Down("failover", t.failover()))),
          entry(
              "aws:rds:reboot-db-instances",
              down(
                  Family.FAILOVER,
                  (p, t) ->
                      p.bool("forceFailover")
                          ? new LocalFault.Down("failover", t.failover())
                          : new LocalFault.Down("rebooting", t.reboot()))),
          entry(
              "aws:elasticache:replicationgroup-interrupt-az-power",
              down(Family.FAILOVER, (p, t) -> new LocalFault.Down("failover", t.failover()))),
          entry(
              "aws:elasticache:interrupt-cluster-az-power",
              down(Family.FAILOVER, (p, t) -> new LocalFault.Down("failover", t.failover()))),
          entry(
              "aws:arc:start-zonal-autoshift",
              new Row(
                  Family.FAILOVER,
                  Match.ZONAL_SHIFT,
                  (p, t) -> {
                    p.text("availabilityZoneIdentifier");
                    managedResourceTypes(p);
                    p.choice("zonalAutoshiftStatus", "enabled", AUTOSHIFT_STATUSES);
                    return new LocalFault.Down("zonal-shift", null);
                  })),
          entry(
              "cloudSqlFailover",
              down(Family.FAILOVER, (p, t) -> new LocalFault.Down("failover", t.failover()))),
          // Chaos Mesh experiments on the emulated cluster's pods (k8s:pod/NAMESPACE/NAME), one
          // event per record.
          entry(
              CHAOS_MESH + "PodChaos/pod-kill",
              down(
                  Family.COMPUTE_LOSS,
                  (p, t) -> new LocalFault.Down("pod-killed", t.replacement()))),
          entry(
              CHAOS_MESH + "PodChaos/pod-failure",
              down(Family.COMPUTE_LOSS, (p, t) -> new LocalFault.Down("pod-failure", null))),
          entry(
              CHAOS_MESH + "PodChaos/container-kill",
              down(
                  Family.COMPUTE_LOSS,
                  (p, t) -> new LocalFault.Down("container-killed", t.reboot()))),
          entry(CHAOS_MESH + "NetworkChaos/delay", network(ActionFaults::chaosMeshDelay)),
          entry(CHAOS_MESH + "NetworkChaos/loss", network(ActionFaults::chaosMeshLoss)),
          entry(
              CHAOS_MESH + "NetworkChaos/partition",
              network((p, t) -> new LocalFault.Blackhole(0))),
          // HTTPChaos on a pod's port, felt as its TCP traffic: a delay as latency, an abort as
          // connections cut. A replaced or patched answer changes bytes no TCP proxy rewrites:
          // those
          // have no local effect.
          entry(
              CHAOS_MESH + "HTTPChaos/delay",
              new Row(
                  Family.HTTP,
                  Match.RESOURCE,
                  (p, t) -> new LocalFault.Latency(p.goDuration("delay", null), Duration.ZERO))),
          entry(
              CHAOS_MESH + "HTTPChaos/abort",
              new Row(
                  Family.HTTP,
                  Match.RESOURCE,
                  (p, t) -> p.bool("abort") ? new LocalFault.Down("http-abort", null) : null)),
          // Errors of the AWS APIs the application calls under the targeted IAM role.
          entry(
              "aws:fis:inject-api-internal-error",
              apiError(LocalFault.ApiErrorKind.INTERNAL_ERROR)),
          entry("aws:fis:inject-api-throttle-error", apiError(LocalFault.ApiErrorKind.THROTTLE)),
          entry(
              "aws:fis:inject-api-unavailable-error",
              apiError(LocalFault.ApiErrorKind.UNAVAILABLE)),
          entry(
              "aws:kinesis:stream-provisioned-throughput-exception",
              kinesisError(LocalFault.ApiErrorKind.PROVISIONED_THROUGHPUT_EXCEEDED, KINESIS_CALLS)),
          entry(
              "aws:kinesis:stream-expired-iterator-exception",
              kinesisError(LocalFault.ApiErrorKind.EXPIRED_ITERATOR, Set.of("GetRecords"))));

  /**
   * Actions whose harm no local process can feel through a proxy: replication between Regions (the
   * application's own calls to the table, bucket or cluster still succeed), draining and capacity
   * errors, Kubernetes resources injected into an EKS cluster. Stress inside the instance or pod
   * (StressChaos too) is felt on this machine when the run allows host effects ({@code
   * HostEffects}); a team's own SSM documents act as declared ({@link DocumentEffect}). Actions
   * that are not faults (waiting, alarm checks) are in {@link UnfeltReasons#NOT_FAULTS}.
   */
  static final Set<String> NOT_FELT_LOCALLY =
      Set.of(
          "aws:dynamodb:global-table-pause-replication",
          "aws:s3:bucket-pause-replication",
          "aws:ecs:drain-container-instances",
          "aws:eks:inject-kubernetes-custom-resource",
          "aws:memorydb:multi-region-cluster-pause-replication",
          "aws:ec2:asg-insufficient-instance-capacity-error",
          "aws:ec2:api-insufficient-instance-capacity-error",
          "aws:lambda:invocation-error-detection",
          "aws:network:route-table-disrupt-cross-region-connectivity",
          "aws:network:transit-gateway-disrupt-cross-region-connectivity",
          CHAOS_MESH + "TimeChaos/time-offset",
          CHAOS_MESH + "IOChaos/latency",
          CHAOS_MESH + "IOChaos/fault",
          CHAOS_MESH + "IOChaos/attrOverride",
          CHAOS_MESH + "IOChaos/mistake",
          CHAOS_MESH + "JVMChaos/latency",
          CHAOS_MESH + "JVMChaos/return",
          CHAOS_MESH + "JVMChaos/exception",
          CHAOS_MESH + "JVMChaos/stress",
          CHAOS_MESH + "JVMChaos/gc",
          CHAOS_MESH + "JVMChaos/ruleData",
          CHAOS_MESH + "JVMChaos/mysql");

  private ActionFaults() {}

  /**
   * The actions (FIS action ids, {@code aws:ssm:send-command/DOCUMENT}, Fault Testing kinds) that
   * act inside the cloud resource or on the control plane, where no local process could feel them.
   */
  public static Set<String> notFeltLocally() {
    return NOT_FELT_LOCALLY;
  }

  /** The actions that are not faults ({@code aws:fis:wait}, alarm checks): nothing to feel. */
  public static Set<String> notFaults() {
    return UnfeltReasons.NOT_FAULTS;
  }

  /**
   * A fault and the targets it applies to.
   *
   * @param family what kind of harm
   * @param fault what the targets do while the action runs
   * @param appliesTo which registered targets the action targets
   */
  record Injection(Family family, LocalFault fault, Predicate<LocalTarget> appliesTo) {}

  /**
   * Checks an action's parameters as its local effect reads them, so a template with an
   * out-of-range value is refused when it is created rather than found out when it runs.
   *
   * @param actionType the FIS {@code actionId} or Fault Testing kind
   * @param parameters the action's parameters
   * @throws IllegalArgumentException naming the parameter, its value and what would be valid
   */
  public static void validate(String actionType, Map<String, ?> parameters) {
    ActionParameters p = new ActionParameters(actionType, parameters);
    String key = key(actionType, p);
    Row row = TABLE.get(key);
    if (row != null) {
      row.fault().apply(p, LocalTimings.defaults());
    } else if (HostEffects.actions().contains(key)) {
      HostEffects.check(key, parameters);
    }
  }

  /**
   * The fault families of issue 13 (network, compute loss, failover, AWS API errors, HTTP), each
   * with the actions of the table that bring it to a local target; a family without such an action
   * is listed with none. Read by the benchmark's {@code offline_fault_families_covered}.
   *
   * @return family name (e.g. {@code "compute loss"}) → sorted action ids (SSM documents as {@code
   *     aws:ssm:send-command/DOCUMENT}), in the families' order
   */
  public static Map<String, List<String>> actionsByFamily() {
    Map<String, List<String>> byFamily = new LinkedHashMap<>();
    for (Family family : Family.values()) {
      byFamily.put(
          family.name().toLowerCase(Locale.ROOT).replace('_', ' '),
          TABLE.entrySet().stream()
              .filter(row -> row.getValue().family() == family)
              .map(Map.Entry::getKey)
              .sorted()
              .toList());
    }
    return Collections.unmodifiableMap(byFamily);
  }

  /** The table key of an action: its id, and for SSM send-command the document's name. */
  static String key(String actionType, ActionParameters p) {
    if (!actionType.equals(SEND_COMMAND) || !p.has("documentArn")) {
      return actionType;
    }
    String document = p.text("documentArn");
    return SEND_COMMAND + "/" + document.substring(document.lastIndexOf('/') + 1);
  }

  /**
   * The name of the team's own SSM document an action runs ({@code aws:ssm:send-command} or {@code
   * aws:ssm:start-automation-execution} by {@code documentArn}), or empty for any other action and
   * for AWS's own FIS documents ({@code AWSFIS-…}), whose effect the emulator defines.
   */
  static Optional<String> ownDocument(ActionEvent event) {
    if (!event.actionType().equals(SEND_COMMAND) && !event.actionType().equals(START_AUTOMATION)) {
      return Optional.empty();
    }
    Object arn = event.parameters().get("documentArn");
    if (arn == null || arn.toString().isBlank()) {
      return Optional.empty();
    }
    String document = arn.toString().trim();
    String name = document.substring(document.lastIndexOf('/') + 1);
    return name.startsWith(DocumentEffects.AWS_FIS_PREFIX) ? Optional.empty() : Optional.of(name);
  }

  /** The family a declared fault belongs to, for reports. */
  static Family family(LocalFault fault) {
    if (fault instanceof LocalFault.ApiError) {
      return Family.API_ERROR;
    }
    if (fault instanceof LocalFault.Down) {
      return Family.FAILOVER;
    }
    return fault instanceof LocalFault.Delay
            || fault instanceof LocalFault.Abort
            || fault instanceof LocalFault.Respond
        ? Family.HTTP
        : Family.NETWORK;
  }

  /** The key of an event's action. */
  static String key(ActionEvent event) {
    return key(event.actionType(), new ActionParameters(event.actionType(), event.parameters()));
  }

  /**
   * The local fault of an action, or empty when the action has none.
   *
   * @throws IllegalArgumentException when a parameter is malformed, naming it
   */
  static Optional<Injection> of(ActionEvent event, LocalTimings timings) {
    ActionParameters p = new ActionParameters(event.actionType(), event.parameters());
    Row row = TABLE.get(key(event.actionType(), p));
    if (row == null) {
      return Optional.empty();
    }
    LocalFault fault = row.fault().apply(p, timings);
    if (fault == null) {
      return Optional.empty();
    }
    Predicate<LocalTarget> appliesTo = appliesTo(row.match(), event, p);
    if (fault instanceof LocalFault.Blackhole hole && hole.port() != 0) {
      // A port names one service of the resource: a target serving another port is not reached.
      appliesTo =
          appliesTo.and(target -> target.cloudPort() == 0 || target.cloudPort() == hole.port());
    }
    return Optional.of(new Injection(row.family(), fault, appliesTo));
  }

  private static Predicate<LocalTarget> appliesTo(
      Match match, ActionEvent event, ActionParameters p) {
    List<String> targets = event.targets().stream().map(ResourceIdentity::normalise).toList();
    return switch (match) {
      case LAMBDA ->
          target ->
              target.kind() == LocalTarget.Kind.LAMBDA_FUNCTION
                  && targets.stream().anyMatch(arn -> sameFunction(target.resource(), arn));
      case FORWARDING_RULE -> forwardingRule(event, p);
      case RESOURCE ->
          target ->
              targets.stream()
                  .anyMatch(
                      t ->
                          t.equals(target.resource())
                              || (!t.startsWith("arn:") && target.resource().startsWith(t + "/"))
                              || target.tags().containsValue(t));
      case SUBNET -> {
        Set<String> only = SERVICE_SCOPES.get(p.has("scope") ? p.text("scope") : "all");
        yield target -> {
          Optional<String> subnet = target.subnet();
          return subnet.isPresent()
              && (only == null || only.contains(target.type()))
              && targets.stream().anyMatch(t -> ResourceIdentity.subnetId(t).equals(subnet.get()));
        };
      }
      case VOLUME ->
          target -> {
            Set<String> volumes = values(target.attributes().get(VOLUMES_ATTRIBUTE));
            return targets.stream()
                .anyMatch(
                    t ->
                        t.equals(target.resource())
                            || volumes.contains(t.substring(t.lastIndexOf('/') + 1)));
          };
      case ZONAL_SHIFT -> zonalShift(targets, p);
    };
  }

  /**
   * A zonal shift reaches the targets it names that serve in the zone it shifts away from, when
   * they are of the managed resource types it names and their autoshift status is the one it asks.
   * A target that states no zone ({@code AvailabilityZone}) or status ({@code
   * ZonalAutoshiftStatus}) is taken to serve in every zone with autoshift enabled.
   */
  private static Predicate<LocalTarget> zonalShift(List<String> targets, ActionParameters p) {
    String zone = p.text("availabilityZoneIdentifier");
    Set<String> types = managedResourceTypes(p);
    String status = p.choice("zonalAutoshiftStatus", "enabled", AUTOSHIFT_STATUSES);
    return target -> {
      Map<String, String> attributes = target.attributes();
      Set<String> zones = values(attributes.get("AvailabilityZone"));
      zones.addAll(values(attributes.get("AvailabilityZoneId")));
      String own = attributes.getOrDefault("ZonalAutoshiftStatus", "ENABLED");
      return targets.contains(target.resource())
          && (zones.isEmpty() || zones.contains(zone))
          && (types.isEmpty() || types.contains(managedResourceType(target.resource())))
          && (status.equals("any") || status.equalsIgnoreCase(own));
    };
  }

  /**
   * The {@code managedResourceTypes} of a zonal shift, upper case.
   *
   * @throws IllegalArgumentException naming a type that is not ASG, ALB, NLB or EKS
   */
  private static Set<String> managedResourceTypes(ActionParameters p) {
    Set<String> types = new HashSet<>();
    for (String type : p.list("managedResourceTypes")) {
      String upper = type.toUpperCase(Locale.ROOT);
      if (!MANAGED_RESOURCE_TYPES.contains(upper)) {
        throw new IllegalArgumentException(
            "parameter managedResourceTypes of aws:arc:start-zonal-autoshift must list ASG, ALB,"
                + " NLB or EKS, comma-separated; was '"
                + type
                + "'");
      }
      types.add(upper);
    }
    return types;
  }

  /** ARN zonal shift's name for the kind of a managed resource: ALB, NLB, ASG or EKS. */
  private static String managedResourceType(String arn) {
    if (arn.contains(":loadbalancer/app/")) {
      return "ALB";
    }
    if (arn.contains(":loadbalancer/net/")) {
      return "NLB";
    }
    return arn.contains(":autoscaling:") ? "ASG" : "EKS";
  }

  /** The values of a multi-valued attribute, which lists them comma-separated. */
  private static Set<String> values(String attribute) {
    Set<String> values = new HashSet<>();
    if (attribute != null) {
      for (String value : attribute.split(",")) {
        if (!value.isBlank()) {
          values.add(value.trim());
        }
      }
    }
    return values;
  }

  /** A qualified ARN (version or alias) targets the function registered without qualifier. */
  private static boolean sameFunction(String registered, String targeted) {
    return targeted.equals(registered) || targeted.startsWith(registered + ":");
  }

  private static Predicate<LocalTarget> forwardingRule(ActionEvent event, ActionParameters p) {
    ActionParameters body = unwrapL7(p);
    List<String> rules = new ArrayList<>(event.targets());
    if (body.has("forwardingRule")) {
      rules.add(body.text("forwardingRule"));
    }
    List<String> forwardingRules = rules.stream().map(ResourceIdentity::normalise).toList();
    String backendService =
        body.has("backendService") ? ResourceIdentity.normalise(body.text("backendService")) : null;
    return target ->
        target.kind() == LocalTarget.Kind.FORWARDING_RULE
            && forwardingRules.contains(target.resource())
            && (backendService == null
                || backendService.equals(target.backendService().orElse(null)));
  }

  private static LocalFault l7(ActionParameters p, LocalTimings timings) {
    ActionParameters body = unwrapL7(p);
    ActionParameters abort = body.object("abort");
    ActionParameters delay = body.object("delay");
    if (abort != null) {
      return new LocalFault.Abort(
          (int) abort.requiredNumber("statusCode", 100, 599),
          abort.number("percentage", 100, 0, 100),
          false);
    }
    if (delay != null) {
      return new LocalFault.Delay(
          delay.protoDuration("delay"), delay.number("percentage", 100, 0, 100));
    }
    throw new IllegalArgumentException(
        "l7LbHttpFault needs either abort {percentage, statusCode} or delay {delay, percentage}");
  }

  /** Listeners may hand the kind's body or the whole action, {@code {l7LbHttpFault: {…}}}. */
  private static ActionParameters unwrapL7(ActionParameters p) {
    ActionParameters wrapped = p.object(L7_LB_HTTP_FAULT);
    return wrapped != null ? wrapped : p;
  }

  private static Row network(BiFunction<ActionParameters, LocalTimings, LocalFault> fault) {
    return new Row(Family.NETWORK, Match.RESOURCE, fault);
  }

  private static Row down(
      Family family, BiFunction<ActionParameters, LocalTimings, LocalFault> fault) {
    return new Row(family, Match.RESOURCE, fault);
  }

  private static Row apiError(LocalFault.ApiErrorKind kind) {
    return new Row(
        Family.API_ERROR,
        Match.RESOURCE,
        (p, t) ->
            new LocalFault.ApiError(
                p.text("service").trim(),
                p.list("operations"),
                kind,
                p.requiredNumber("percentage", 1, 100)));
  }

  private static Row kinesisError(LocalFault.ApiErrorKind kind, Set<String> operations) {
    return new Row(
        Family.API_ERROR,
        Match.RESOURCE,
        (p, t) ->
            new LocalFault.ApiError(
                "kinesis", operations, kind, p.requiredNumber("percentage", 1, 100)));
  }

  /**
   * An EBS volume's I/O latency, as a client of the target it is attached to feels it: each answer
   * waits for at least one read or write, so it is late by the larger of the two latencies.
   */
  private static LocalFault volumeLatency(ActionParameters p, LocalTimings timings) {
    p.number("readIOPercentage", 100, 0.1, 100);
    p.number("writeIOPercentage", 100, 0.1, 100);
    Duration read = p.millis("readIOLatencyMilliseconds", 100, 60_000);
    Duration write = p.millis("writeIOLatencyMilliseconds", 100, 60_000);
    return new LocalFault.Latency(read.compareTo(write) >= 0 ? read : write, Duration.ZERO);
  }

  private static LocalFault latency(ActionParameters p, LocalTimings timings) {
    return new LocalFault.Latency(
        p.millis("delayMilliseconds", 200, 3_600_000),
        p.millis("jitterMilliseconds", 10, 3_600_000));
  }

  private static LocalFault packetLoss(ActionParameters p, LocalTimings timings) {
    return new LocalFault.PacketLoss(p.number("lossPercent", 10, 0, 100));
  }

  private static LocalFault blackhole(ActionParameters p, LocalTimings timings) {
    int port = p.port("port");
    p.choice("trafficType", "ingress", TRAFFIC_TYPES);
    // A UDP blackhole leaves TCP traffic alone: nothing a TCP proxy could show.
    return p.choice("protocol", "tcp", PROTOCOLS).equals("tcp")
        ? new LocalFault.Blackhole(port)
        : null;
  }

  private static LocalFault ssmLatency(ActionParameters p, LocalTimings timings) {
    ActionParameters d = ssm(p);
    return new LocalFault.Latency(
        d.millis("DelayMilliseconds", 200, 3_600_000),
        d.millis("JitterMilliseconds", 0, 3_600_000));
  }

  private static LocalFault ssmPacketLoss(ActionParameters p, LocalTimings timings) {
    return new LocalFault.PacketLoss(ssm(p).number("LossPercent", 7, 0, 100));
  }

  private static LocalFault ssmBlackhole(ActionParameters p, LocalTimings timings) {
    ActionParameters d = ssm(p);
    int port = d.port("Port");
    d.choice("TrafficType", "ingress", TRAFFIC_TYPES);
    return d.choice("Protocol", "tcp", PROTOCOLS).equals("tcp")
        ? new LocalFault.Blackhole(port)
        : null;
  }

  /** NetworkChaos {@code delay: {latency, jitter}} (Go durations), as netem applies it. */
  private static LocalFault chaosMeshDelay(ActionParameters p, LocalTimings timings) {
    ActionParameters delay = p.object("delay");
    if (delay == null || !delay.has("latency")) {
      throw new IllegalArgumentException(
          "NetworkChaos delay needs delay.latency, a Go duration such as 100ms");
    }
    return new LocalFault.Latency(
        delay.goDuration("latency", null), delay.goDuration("jitter", Duration.ZERO));
  }

  /** NetworkChaos {@code loss: {loss}}: the share of packets lost, a percentage as text. */
  private static LocalFault chaosMeshLoss(ActionParameters p, LocalTimings timings) {
    ActionParameters loss = p.object("loss");
    if (loss == null) {
      throw new IllegalArgumentException(
          "NetworkChaos loss needs loss.loss, a percentage such as 25");
    }
    return new LocalFault.PacketLoss(loss.requiredNumber("loss", 0, 100));
  }

  private static ActionParameters ssm(ActionParameters p) {
    String document = key(SEND_COMMAND, p).substring(SEND_COMMAND.length() + 1);
    return p.nested("documentParameters", document);
  }
}
