package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apiguardian.api.API;

/**
 * A loopback proxy in front of an upstream, standing for a cloud resource: a Lambda function, a
 * load balancer's forwarding rule or an IAM role's AWS API calls (HTTP), or any resource that
 * serves TCP — an EC2 or GCE instance, an ECS task, an EKS pod, an RDS cluster, a Cloud SQL
 * instance. Point the application at {@link #uri()} (or {@link #address()}) instead of the
 * upstream: while an experiment's action targeting {@link #resource()} is injecting, the proxy
 * applies its fault; otherwise traffic passes untouched.
 *
 * <p>Created by {@link LocalTargets}; closed with the emulator.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LocalTarget {

  /** The kind of cloud resource a target stands for. */
  public enum Kind {
    /** An AWS Lambda function, addressed by its ARN. */
    LAMBDA_FUNCTION,
    /** A Google Cloud load balancer forwarding rule, addressed by its resource name. */
    FORWARDING_RULE,
    /**
     * The AWS API calls made under an IAM role or to a Kinesis stream, addressed by the role's or
     * the stream's ARN.
     */
    AWS_API,
    /** Any other resource, reached over TCP; {@link #type()} says which. */
    TCP_RESOURCE;

    /** The kind of target that stands for a resource of this identity. */
    static Kind of(ResourceIdentity identity) {
      return switch (identity.type()) {
        case "aws:lambda:function" -> LAMBDA_FUNCTION;
        case "compute.forwardingRules" -> FORWARDING_RULE;
        case "aws:iam:role", "aws:kinesis:stream" -> AWS_API;
        default -> TCP_RESOURCE;
      };
    }
  }

  private final Kind kind;
  private final ResourceIdentity identity;
  private final String backendService;
  private final LocalTargetSpec spec;
  private final Upstream upstream;
  private final ActiveFaults faults = new ActiveFaults();
  private final Traffic traffic = new Traffic();
  private final HttpProxy http;
  private final TcpProxy tcp;

  LocalTarget(
      Kind kind,
      ResourceIdentity identity,
      String backendService,
      LocalTargetSpec spec,
      CloseableHttpClient client) {
    this.kind = kind;
    this.identity = identity;
    this.backendService = backendService;
    this.spec = spec;
    this.upstream = new Upstream(spec.upstream(), client);
    if (kind == Kind.TCP_RESOURCE) {
      this.http = null;
      this.tcp = new TcpProxy(identity.name(), this::socketAddress, faults, traffic, spec.port());
    } else {
      this.tcp = null;
      this.http = new HttpProxy(identity.name(), new ProxyHandler(upstream, faults, traffic));
    }
  }

  /** Forwards from now on to {@code newUpstream}; the proxy's port, faults and counters stay. */
  void repoint(URI newUpstream) {
    upstream.base(newUpstream);
  }

  /**
   * The URL to point the application at: {@code http://127.0.0.1:PORT} for HTTP targets and TCP
   * targets in front of an {@code http://} upstream, {@code tcp://127.0.0.1:PORT} otherwise.
   */
  public URI uri() {
    String scheme = tcp != null && "tcp".equals(upstream.base().getScheme()) ? "tcp" : "http";
    return URI.create(scheme + "://" + address());
  }

  /** The proxy's {@code host:port}, e.g. {@code 127.0.0.1:41234}, for JDBC URLs and clients. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** The proxy's loopback port. */
  public int port() {
    return tcp != null ? tcp.port() : http.port();
  }

  /** What kind of cloud resource this target stands for. */
  public Kind kind() {
    return kind;
  }

  /**
   * The FIS resource type (e.g. {@code aws:rds:cluster}) or Google resource kind (e.g. {@code
   * compute.instances}) of the resource.
   */
  public String type() {
    return identity.type();
  }

  /**
   * Every FIS resource type a template may target this resource as: its own {@link #type()}, the
   * types it is also known by (a load balancer, Auto Scaling group or EKS cluster is an {@code
   * aws:arc:zonal-shift-managed-resource}), and {@code aws:ec2:spot-instance} for an instance whose
   * {@code InstanceLifecycle} attribute is {@code spot}, as {@code DescribeInstances} reports Spot
   * Instances.
   */
  public List<String> targetedAs() {
    List<String> types = new ArrayList<>();
    types.add(identity.type());
    types.addAll(identity.alsoTargetedAs());
    if (identity.type().equals("aws:ec2:instance")
        && "spot".equals(spec.attributes().get("InstanceLifecycle"))) {
      types.add("aws:ec2:spot-instance");
    }
    return types;
  }

  /** The ARN or Google resource name experiments target. */
  public String resource() {
    return identity.name();
  }

  /** The backend service behind the forwarding rule this target stands for, if one was named. */
  public Optional<String> backendService() {
    return Optional.ofNullable(backendService);
  }

  /** The id ({@code subnet-…}) of the subnet the resource was placed in, if any. */
  public Optional<String> subnet() {
    return ResourceIdentity.subnet(spec.subnet());
  }

  /** The resource's tags. */
  public Map<String, String> tags() {
    return spec.tags();
  }

  /** The resource's attributes by FIS filter path, e.g. {@code State.Name=running}. */
  public Map<String, String> attributes() {
    return spec.attributes();
  }

  /** The port the resource serves on in the cloud, {@code 0} when not stated. */
  public int cloudPort() {
    return spec.port();
  }

  /** Where traffic is forwarded to. */
  public URI upstream() {
    return upstream.base();
  }

  /**
   * What the target has done since it was created or reset. HTTP targets count requests; TCP
   * targets count connections: {@code requests} accepted, {@code delayed} held by latency, loss or
   * a blackhole, {@code aborted} reset by an outage, {@code passed} joined to the upstream, {@code
   * upstreamFailures} whose upstream could not be reached.
   */
  public LocalTargetCounters counters() {
    return traffic.all();
  }

  /**
   * What the target did with the traffic that arrived while {@code experimentId}'s faults were
   * switched on in it; counted when traffic arrives, so a request still in flight when one
   * experiment ends is never counted in the next.
   */
  public LocalTargetCounters counters(String experimentId) {
    return traffic.experiment(experimentId);
  }

  /** The faults currently switched on by running actions. */
  public List<LocalFault> activeFaults() {
    return faults.faults();
  }

  void switchOn(String action, String experimentId, LocalFault fault) {
    faults.switchOn(action, experimentId, fault);
    reconcile();
  }

  void switchOff(String action) {
    faults.switchOff(action);
    reconcile();
  }

  /** Brings a TCP proxy's listening state in line with its faults (an outage may have ended). */
  void reconcile() {
    if (tcp != null) {
      tcp.reconcile();
    }
  }

  void reset() {
    faults.clear();
    traffic.reset();
    reconcile();
  }

  void close() {
    if (tcp != null) {
      tcp.close();
    } else {
      http.close();
    }
  }

  private InetSocketAddress socketAddress() {
    URI base = upstream.base();
    int port = base.getPort() >= 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    return new InetSocketAddress(base.getHost(), port);
  }

  @Override
  public String toString() {
    return "LocalTarget[" + resource() + " " + uri() + " -> " + upstream() + "]";
  }
}
