package io.github.faultexperiment.emulator;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.sun.net.httpserver.HttpServer;
import io.github.faultexperiment.emulator.common.EmulatorSettings;
import io.github.faultexperiment.emulator.fis.FisEmulator;
import io.github.faultexperiment.emulator.gcp.FaultTestingEmulator;
import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.emulator.host.HostEffects;
import io.github.faultexperiment.emulator.k8s.ChaosMeshEmulator;
import io.github.faultexperiment.emulator.k8s.Pod;
import io.github.faultexperiment.emulator.local.DocumentEffect;
import io.github.faultexperiment.emulator.local.FaultReach;
import io.github.faultexperiment.emulator.local.LocalTarget;
import io.github.faultexperiment.emulator.local.LocalTargetSpec;
import io.github.faultexperiment.emulator.local.LocalTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apiguardian.api.API;

/**
 * An in-process emulator of the AWS Fault Injection Service and Google Cloud Fault Testing APIs and
 * of a Kubernetes cluster running Chaos Mesh, served over real HTTP on one port.
 *
 * <pre>{@code
 * try (FaultEmulator emulator = FaultEmulator.builder().start()) {
 *   URI endpoint = emulator.endpoint(); // http://127.0.0.1:<free port>
 *   emulator.fis().timings(...);         // test controls
 * }
 * }</pre>
 *
 * <p>Requests are told apart by path: FIS paths ({@code /experiments}, {@code
 * /experimentTemplates}, {@code /tags/…}), S3 path-style report objects (signed for service {@code
 * s3}), Fault Testing {@code /v1alpha/…}, the Kubernetes API ({@code /version}, {@code /api…},
 * {@code /apis…}) and test controls under {@code /_emulator/…}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FaultEmulator implements AutoCloseable {
  static {
    // The JDK's server writes an answer's headers and body separately; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK — 40 ms on every call on Linux. Read once,
    // when the JDK's server is first used; a value set by the user wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final EmulatorSettings settings;
  private final FisEmulator fis;
  private final FaultTestingEmulator faultTesting;
  private final ChaosMeshEmulator chaosMesh;
  private final LocalTargets localTargets = new LocalTargets();

  private FaultEmulator(EmulatorSettings settings, HostEffectSettings hostEffects) {
    this.settings = settings;
    localTargets.hostEffects().settings(hostEffects);
    try {
      this.server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not bind the emulator to " + settings.host() + ":" + settings.port(), e);
    }
    this.fis = new FisEmulator(settings, this::endpoint);
    this.faultTesting = new FaultTestingEmulator(settings);
    this.chaosMesh = new ChaosMeshEmulator(settings, this::targetPods);
    fis.addActionListener(localTargets);
    faultTesting.addActionListener(localTargets);
    chaosMesh.addActionListener(localTargets);
    // A target registered by ARN is also a resource FIS target resolution finds by tags/filters.
    localTargets.onRegistered(this::registerWithFis);
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.createContext(
        "/", new FrontDoor(fis, faultTesting, chaosMesh, localTargets, this::reset));
    server.start();
  }

  /**
   * Returns a builder for an emulator on a free loopback port with credentials {@code test}/{@code
   * test}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts an emulator with the default settings. */
  public static FaultEmulator start() {
    return builder().start();
  }

  /** The base URL of the emulator, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** The port the emulator listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The settings the emulator was started with. */
  public EmulatorSettings settings() {
    return settings;
  }

  /** Test controls and state of the emulated AWS Fault Injection Service. */
  public FisEmulator fis() {
    return fis;
  }

  /** Test controls and state of the emulated Google Cloud Fault Testing API. */
  public FaultTestingEmulator faultTesting() {
    return faultTesting;
  }

  /**
   * Test controls and state of the emulated Kubernetes cluster ({@value Pod#CLUSTER}) with Chaos
   * Mesh: its pods are the local targets registered as {@code k8s:pod/NAMESPACE/NAME} and those
   * added with {@link ChaosMeshEmulator#addPod(Pod)}.
   */
  public ChaosMeshEmulator chaosMesh() {
    return chaosMesh;
  }

  /**
   * Starts a loopback proxy standing for a pod of the emulated cluster, whose labels Chaos Mesh
   * selectors match; a shortcut for registering {@code k8s:pod/NAMESPACE/NAME} with the labels as
   * tags.
   *
   * @param namespace the pod's namespace, e.g. {@code default}
   * @param name the pod's name, e.g. {@code web-1}
   * @param labels its labels, e.g. {@code app=web}
   * @param upstream {@code tcp://HOST:PORT} or {@code http://HOST:PORT}
   * @return the running target: point the application at its {@link LocalTarget#address()}
   */
  public LocalTarget registerPod(
      String namespace, String name, Map<String, String> labels, URI upstream) {
    Pod pod = Pod.of(namespace, name, labels);
    return localTargets.register(LocalTargetSpec.of(pod.identity(), upstream).withTags(labels));
  }

  /**
   * Loopback TCP and HTTP proxies standing for cloud resources (instances, tasks, pods, databases,
   * Lambda functions, forwarding rules, IAM roles' API calls), into whose traffic running
   * experiments inject their faults.
   */
  public LocalTargets localTargets() {
    return localTargets;
  }

  /**
   * Starts a loopback proxy standing for a cloud resource, in front of an upstream the test runs; a
   * shortcut for {@code localTargets().register(LocalTargetSpec.of(resource, upstream))}.
   *
   * @param resource an ARN (e.g. {@code arn:aws:rds:us-east-1:123456789012:cluster:orders}) or a
   *     Google resource name (e.g. {@code projects/p/instances/orders-db})
   * @param upstream {@code tcp://HOST:PORT} or {@code http://HOST:PORT}
   * @return the running target: point the application at its {@link LocalTarget#address()}
   * @throws IllegalArgumentException when the resource is malformed or registered with another
   *     upstream, or the upstream cannot be reached
   */
  public LocalTarget registerLocalTarget(String resource, URI upstream) {
    return localTargets.register(LocalTargetSpec.of(resource, upstream));
  }

  /** Starts a loopback proxy as {@code spec} describes it (subnet, tags, cloud port). */
  public LocalTarget registerLocalTarget(LocalTargetSpec spec) {
    return localTargets.register(spec);
  }

  /**
   * The local target standing for {@code resource}, e.g. to check what an experiment's faults did
   * to the application's traffic: {@code emulator.localTarget(arn).counters(experimentId)}.
   *
   * @param resource the ARN or Google resource name it was registered with (directly or through the
   *     core's {@code Endpoints})
   * @throws IllegalArgumentException when none stands for it, naming those that do
   */
  public LocalTarget localTarget(String resource) {
    return localTargets
        .find(resource)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No local target stands for "
                        + resource
                        + "; registered: "
                        + localTargets.all().stream().map(LocalTarget::resource).toList()
                        + ". Register one with registerLocalTarget(resource, upstream) or the"
                        + " Endpoints parameter."));
  }

  /**
   * Declares what a team's own SSM document does locally: while a FIS {@code aws:ssm:send-command}
   * or {@code aws:ssm:start-automation-execution} action runs it, each named local target applies
   * its fault. A shortcut for {@code localTargets().declare(effect)}.
   *
   * <pre>{@code
   * emulator.declare(DocumentEffect.of("Redis-Failover-Automation")
   *     .on("arn:aws:elasticache:us-east-1:123456789012:replicationgroup:carts",
   *         new LocalFault.Down("failover", null)));
   * }</pre>
   *
   * @throws IllegalArgumentException when it names a target not registered or a fault the target
   *     cannot apply, saying what would be valid
   */
  public DocumentEffect declare(DocumentEffect effect) {
    return localTargets.declare(effect);
  }

  /**
   * FIS's host-stress actions (CPU, memory, I/O, disk fill, process kill) felt on this machine; off
   * unless {@link Builder#hostEffects(HostEffectSettings)} (or a later {@code
   * hostEffects().settings(…)}) turned them on.
   */
  public HostEffects hostEffects() {
    return localTargets.hostEffects();
  }

  /**
   * Where each action of an experiment reached: the local targets its fault was switched on in, or
   * none ({@link FaultReach.Status#UNREACHED}: the test ran without that fault).
   *
   * @param experimentId a FIS or Fault Testing experiment id
   */
  public List<FaultReach> faultReach(String experimentId) {
    return localTargets.reach(experimentId);
  }

  /**
   * Forgets every template, experiment, chaos object, injected API fault and timing change of every
   * engine, and switches every local fault off; local targets stay registered.
   */
  public void reset() {
    fis.reset();
    faultTesting.reset();
    chaosMesh.reset();
    localTargets.reset();
    // Local targets stay registered across a reset, so FIS keeps resolving them by tags.
    localTargets.all().forEach(this::registerWithFis);
  }

  /** Stops serving and ends the emulator's scheduler threads. */
  @Override
  public void close() {
    server.stop(0);
    fis.close();
    faultTesting.close();
    chaosMesh.close();
    localTargets.close();
    executor.shutdownNow();
  }

  /**
   * The pods local targets stand for: {@code k8s:pod/NAMESPACE/NAME}, labels from tags, containers
   * from the attribute {@code containers} (comma-separated; {@code main} when absent).
   */
  private List<Pod> targetPods() {
    List<Pod> pods = new ArrayList<>();
    for (LocalTarget target : localTargets.all()) {
      if (target.resource().startsWith(Pod.IDENTITY_PREFIX)) {
        String[] parts = target.resource().substring(Pod.IDENTITY_PREFIX.length()).split("/");
        String containers = target.attributes().getOrDefault("containers", "");
        pods.add(
            new Pod(
                parts[0],
                parts[1],
                target.tags(),
                Arrays.stream(containers.split(","))
                    .map(String::trim)
                    .filter(c -> !c.isEmpty())
                    .toList()));
      }
    }
    return pods;
  }

  private void registerWithFis(LocalTarget target) {
    if (!target.resource().startsWith("arn:")) {
      return;
    }
    FisResources.own(target).forEach(fis::registerResource);
    FisResources.implied(target).forEach(fis::registerImpliedResource);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "fault-emulator-http");
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Builds and starts a {@link FaultEmulator}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private String accessKeyId = "test";
    private String secretAccessKey = "test";
    private String gcpBearerToken;
    private HostEffectSettings hostEffects = HostEffectSettings.off();

    private Builder() {}

    /**
     * Lets FIS's host-stress actions act on this machine, within {@code settings}' bounds (off by
     * default: they load the developer's machine).
     */
    public Builder hostEffects(HostEffectSettings settings) {
      this.hostEffects = java.util.Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The address to bind; loopback unless set. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port to bind; {@code 0} (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The only AWS credentials the emulator accepts (default {@code test}/{@code test}). */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      return this;
    }

    /**
     * Makes the Fault Testing API demand {@code Authorization: Bearer <token>} (by default it needs
     * no credentials, like Google's emulators).
     */
    public Builder requireGcpBearerToken(String token) {
      this.gcpBearerToken = token;
      return this;
    }

    /** Binds the port and starts serving. */
    public FaultEmulator start() {
      return new FaultEmulator(
          new EmulatorSettings(host, port, accessKeyId, secretAccessKey, gcpBearerToken),
          hostEffects);
    }
  }
}
