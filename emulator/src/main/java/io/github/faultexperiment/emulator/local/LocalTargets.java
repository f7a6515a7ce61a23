package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.emulator.host.HostEffects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apiguardian.api.API;

/**
 * The local targets of an emulator: loopback proxies that stand for cloud resources, so that an
 * experiment started from a template of the real shape injects its fault into local traffic.
 *
 * <pre>{@code
 * LocalTarget orders = emulator.localTargets().register(LocalTargetSpec.of(
 *     "arn:aws:rds:us-east-1:123456789012:cluster:orders", URI.create("tcp://127.0.0.1:5432")));
 * // point the application at orders.address(); while a FIS aws:rds:failover-db-cluster action
 * // targeting that ARN runs, open and new connections are reset for the failover
 * // window.
 * }</pre>
 *
 * <p>The registry of targets: what tests and the embedded backend call to register and find
 * targets, read their counters and where each experiment's actions reached. It listens to every
 * emulated engine, handing each action event to the package's switchboard, which switches the
 * action's fault on in every target it addresses when it starts injecting (see {@link
 * #reach(String)} for where each action reached) and off when it ends.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LocalTargets implements ActionListener, AutoCloseable {
  // Built with the first HTTP target: building one initialises TLS (the trust store), which no
  // local target needs and which would otherwise cost every emulator start — most of a cold one.
  private CloseableHttpClient client;
  private final List<LocalTarget> targets = new CopyOnWriteArrayList<>();
  private final List<Consumer<LocalTarget>> registrationListeners = new CopyOnWriteArrayList<>();
  private final LocalTargetsResource resource = new LocalTargetsResource(this);
  private final DocumentEffects documents = new DocumentEffects();
  private final DocumentEffectsResource documentsResource = new DocumentEffectsResource(this);
  private final HostEffects hostEffects = new HostEffects(HostEffectSettings.off());
  private volatile LocalTimings timings = LocalTimings.defaults();
  private final FaultSwitchboard switchboard =
      new FaultSwitchboard(targets, documents, hostEffects, this::timings);

  /** Creates an empty registry; {@code FaultEmulator} makes one and listens with it. */
  public LocalTargets() {
    // Every emulator makes its local targets first: SLF4J is settled before their HTTP client or
    // the FIS report's PDFBox first log through commons-logging.
    QuietSlf4j.settle();
  }

  /**
   * Starts a proxy standing for a Lambda function, the target of FIS's {@code aws:lambda:…}
   * invocation actions.
   *
   * @param functionArn the function's unqualified ARN, e.g. {@code
   *     arn:aws:lambda:us-east-1:123456789012:function:pricing}; actions targeting it or one of its
   *     versions or aliases apply
   * @param upstream where requests are forwarded to, e.g. {@code http://127.0.0.1:8081}
   * @return the running target; the same one again for the same ARN, re-pointed at {@code upstream}
   *     when that differs (as when a function is redeployed: its address, faults and counters stay)
   * @throws IllegalArgumentException when the ARN is malformed
   */
  public LocalTarget lambda(String functionArn, URI upstream) {
    ResourceIdentity identity =
        RegistrationChecks.identity(functionArn, "aws:lambda:function", "functionArn");
    return repointOrRegister(
        LocalTarget.Kind.LAMBDA_FUNCTION,
        identity,
        null,
        LocalTargetSpec.of(functionArn, upstream));
  }

  /**
   * Starts a proxy standing for a load balancer's forwarding rule, the target of Fault Testing's
   * {@code l7LbHttpFault}.
   *
   * @param forwardingRule e.g. {@code projects/p/regions/us-central1/forwardingRules/pricing-lb}
   * @param upstream where requests are forwarded to
   * @return the running target; the same one again for the same rule, re-pointed at {@code
   *     upstream} when that differs
   * @throws IllegalArgumentException when the name is malformed
   */
  public LocalTarget forwardingRule(String forwardingRule, URI upstream) {
    return forwardingRule(forwardingRule, null, upstream);
  }

  /**
   * Starts a proxy standing for the traffic a forwarding rule sends to one backend service. An
   * {@code l7LbHttpFault} naming a backend service applies only to targets registered with it; one
   * naming none applies to every target of the forwarding rule.
   *
   * @param forwardingRule e.g. {@code projects/p/regions/us-central1/forwardingRules/pricing-lb}
   * @param backendService e.g. {@code projects/p/regions/us-central1/backendServices/pricing}, or
   *     {@code null}
   * @param upstream where requests are forwarded to
   * @return the running target; the same one again for the same names and upstream
   */
  public LocalTarget forwardingRule(String forwardingRule, String backendService, URI upstream) {
    ResourceIdentity identity =
        RegistrationChecks.identity(
            Objects.requireNonNull(forwardingRule), "compute.forwardingRules", "forwardingRule");
    String service = RegistrationChecks.backendService(backendService);
    return repointOrRegister(
        LocalTarget.Kind.FORWARDING_RULE,
        identity,
        service,
        LocalTargetSpec.of(identity.name(), upstream));
  }

  /**
   * Starts a proxy standing for any resource an experiment can target: TCP for instances, tasks,
   * pods, databases and caches; HTTP for Lambda functions, forwarding rules and IAM roles (whose
   * AWS API calls FIS's {@code aws:fis:inject-api-*} actions fail).
   *
   * @param spec the resource's identity, upstream and placement
   * @return the running target; the same one again when the identity is registered with the same
   *     upstream
   * @throws IllegalArgumentException when the identity is malformed, already registered with
   *     another upstream, or the upstream is not a {@code tcp://} or {@code http://} address that
   *     can be reached now — each naming the input and what would be valid
   */
  public LocalTarget register(LocalTargetSpec spec) {
    ResourceIdentity identity = ResourceIdentity.parse(spec.resource());
    LocalTarget.Kind kind = LocalTarget.Kind.of(identity);
    ResourceIdentity.subnet(spec.subnet());
    RegistrationChecks.upstream(kind, spec.upstream());
    Optional<LocalTarget> existing = sameUpstream(identity, spec);
    if (existing.isPresent()) {
      return existing.get();
    }
    RegistrationChecks.reachable(spec.upstream());
    synchronized (this) {
      // Checked again: another registration of the same resource may have won while we probed.
      return sameUpstream(identity, spec).orElseGet(() -> add(kind, identity, null, spec));
    }
  }

  /** Starts a proxy standing for {@code resource} in front of {@code upstream}. */
  public LocalTarget register(String resource, URI upstream) {
    return register(LocalTargetSpec.of(resource, upstream));
  }

  /**
   * Starts a target described the way the standalone emulator's {@code --local-target} flag takes
   * it: {@code RESOURCE=UPSTREAM} (e.g. {@code
   * arn:aws:rds:us-east-1:123456789012:cluster:orders=tcp://127.0.0.1:5432}), {@code
   * RESOURCE;KEY=VALUE;…=UPSTREAM} with tags (a pod's labels: {@code
   * k8s:pod/default/web-1;app=web=tcp://127.0.0.1:8080}), or the older {@code lambda:<function
   * ARN>=<upstream URL>} and {@code forwarding-rule:<name>=<upstream URL>}.
   *
   * @throws IllegalArgumentException when the description has another shape, saying which
   */
  public LocalTarget register(String description) {
    int equals = upstreamStart(description);
    if (equals < 0) {
      throw new IllegalArgumentException(
          "A local target must look like RESOURCE=tcp://HOST:PORT or RESOURCE=http://HOST:PORT"
              + " (RESOURCE an ARN or Google resource name), was '"
              + description
              + "'");
    }
    String address = description.substring(0, equals);
    URI upstream = URI.create(description.substring(equals + 1));
    if (address.contains(";")) {
      // RESOURCE;KEY=VALUE;…: tags (a pod's labels) after the identity.
      String[] parts = address.split(";");
      Map<String, String> tags = new LinkedHashMap<>();
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "a tag after the resource must be KEY=VALUE, as in"
                  + " k8s:pod/default/web-1;app=web=tcp://127.0.0.1:8080; was '"
                  + parts[i]
                  + "' in '"
                  + description
                  + "'");
        }
        tags.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
      }
      return register(LocalTargetSpec.of(parts[0], upstream).withTags(tags));
    }
    if (address.startsWith("lambda:")) {
      return lambda(address.substring("lambda:".length()), upstream);
    }
    if (address.startsWith("forwarding-rule:")) {
      return forwardingRule(address.substring("forwarding-rule:".length()), upstream);
    }
    return register(LocalTargetSpec.of(address, upstream));
  }

  /**
   * Stops the proxy standing for {@code resource} and forgets it.
   *
   * @return whether one was registered
   */
  public synchronized boolean remove(String resource) {
    Optional<LocalTarget> target = find(ResourceIdentity.normalise(resource.trim()));
    target.ifPresent(
        t -> {
          targets.remove(t);
          t.close();
        });
    return target.isPresent();
  }

  /** The target standing for {@code resource} (an ARN or Google resource name), if any. */
  public Optional<LocalTarget> find(String resource) {
    String name = ResourceIdentity.normalise(resource);
    return targets.stream().filter(t -> t.resource().equals(name)).findFirst();
  }

  /** Every registered target, in the order they were registered. */
  public List<LocalTarget> all() {
    return List.copyOf(targets);
  }

  /** How long resources stay away when the cloud brings them back by itself. */
  public LocalTimings timings() {
    return timings;
  }

  /** Sets the recovery windows for actions that start from now on. */
  public void timings(LocalTimings newTimings) {
    this.timings = Objects.requireNonNull(newTimings, "timings");
  }

  /** Calls {@code listener} with every target registered from now on. */
  public void onRegistered(Consumer<LocalTarget> listener) {
    registrationListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Where each action of an experiment that started injecting reached: the local targets its fault
   * was switched on in, or why none. An action whose status is {@link FaultReach.Status#UNREACHED}
   * ran without touching the application.
   *
   * @param experimentId the FIS or Fault Testing experiment's id
   * @return one entry per started action, in the order they started; empty for an unknown id
   */
  public List<FaultReach> reach(String experimentId) {
    return switchboard.reach(experimentId);
  }

  /** Where the actions of every experiment since the last reset reached. */
  public List<FaultReach> reaches() {
    return switchboard.reaches();
  }

  /**
   * What each target did with the traffic that arrived while {@code experimentId}'s faults were on
   * in it, by resource; targets the experiment never reached are left out.
   */
  public Map<String, LocalTargetCounters> traffic(String experimentId) {
    List<String> reached =
        switchboard.reach(experimentId).stream()
            .flatMap(action -> action.localTargets().stream())
            .toList();
    Map<String, LocalTargetCounters> byResource = new LinkedHashMap<>();
    for (LocalTarget target : targets) {
      if (reached.contains(target.resource())) {
        byResource.put(target.resource(), target.counters(experimentId));
      }
    }
    return byResource;
  }

  /**
   * Where an action would reach if it started injecting now, without switching anything on: lets a
   * caller refuse a chaos test whose fault would touch nothing before it runs.
   *
   * @param event the action as the emulated API would announce it (its targets resolved)
   * @return its reach; {@link FaultReach#localTargets()} names the targets it would reach
   */
  public FaultReach preview(ActionEvent event) {
    return switchboard.preview(event);
  }

  /** Switches the action's fault on in the targets it addresses and records where it reached. */
  @Override
  public void actionStarted(ActionEvent event) {
    switchboard.actionStarted(event);
  }

  /** Switches the action's fault off wherever it is on, and ends its host effect. */
  @Override
  public void actionEnded(ActionEvent event) {
    switchboard.actionEnded(event);
  }

  /**
   * Declares what a team's own SSM document does locally: while an action runs it, each named
   * target applies its fault.
   *
   * @param effect the declaration; every target must be registered already
   * @return the declaration as held
   * @throws IllegalArgumentException when it names a target not registered, a fault its target
   *     cannot apply, or one of AWS's own FIS documents, saying what would be valid
   */
  public synchronized DocumentEffect declare(DocumentEffect effect) {
    documents.declare(effect, targets);
    return effect;
  }

  /**
   * Declares a document's effect from its JSON form, as {@code POST /_emulator/document-effects}
   * and {@code --document-effect} take it: {@code {"document": NAME, "effects": [{"target": ARN,
   * "fault": "outage"}]}}; faults {@code latency}, {@code packet-loss}, {@code outage}, {@code
   * blackhole}, {@code http-delay}, {@code http-abort}, {@code api-error}.
   *
   * @throws IllegalArgumentException when the JSON or a value is malformed, naming it
   */
  public DocumentEffect declare(String json) {
    return declare(DocumentEffectFiles.parse(json, null));
  }

  /**
   * Declares the documents of every {@code fault-experiments/aws/ssm-documents/NAME.json} on the
   * class path, as embedded mode does beside the templates: their targets are checked when an
   * action runs the document, since the tests register them later. A file that cannot be read fails
   * only the experiments that run its document, with the file's error.
   *
   * @return the documents declared
   */
  public synchronized List<String> declareFromClassPath(ClassLoader loader) {
    return DocumentEffectFiles.load(loader, documents);
  }

  /** The declared documents. */
  public List<DocumentEffect> documentEffects() {
    return documents.all();
  }

  /** Forgets a document's declaration; returns whether there was one. */
  public boolean undeclare(String document) {
    return documents.remove(document);
  }

  /**
   * FIS's host-stress actions on this machine; off unless the run opts in with {@link
   * HostEffects#settings(HostEffectSettings)}.
   */
  public HostEffects hostEffects() {
    return hostEffects;
  }

  /** Answers {@code /_emulator/document-effects}. */
  public void handleDocumentEffects(HttpExchange exchange) throws IOException {
    documentsResource.handle(exchange);
  }

  /**
   * Answers {@code /_emulator/local-targets…}: listing, registering ({@code POST}) and removing
   * ({@code DELETE}) targets, and {@code /reach} and {@code /traffic} per experiment.
   *
   * @param exchange the request
   * @throws IOException when the response cannot be written
   */
  public void handle(HttpExchange exchange) throws IOException {
    resource.handle(exchange);
  }

  /**
   * Switches every fault off, sets every counter back to zero and forgets where experiments
   * reached; targets stay registered.
   */
  public synchronized void reset() {
    switchboard.reset();
    targets.forEach(LocalTarget::reset);
    timings = LocalTimings.defaults();
  }

  /** Stops every proxy. */
  @Override
  public synchronized void close() {
    try {
      switchboard.close();
    } finally {
      closeTargets();
    }
  }

  private void closeTargets() {
    targets.forEach(LocalTarget::close);
    targets.clear();
    if (client != null) {
      try {
        client.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not close the local targets' HTTP client", e);
      } finally {
        client = null;
      }
    }
  }

  private synchronized LocalTarget repointOrRegister(
      LocalTarget.Kind kind,
      ResourceIdentity identity,
      String backendService,
      LocalTargetSpec spec) {
    RegistrationChecks.upstream(kind, spec.upstream());
    for (LocalTarget existing : targets) {
      if (existing.resource().equals(identity.name())
          && Objects.equals(existing.backendService().orElse(null), backendService)) {
        // Test classes sharing one emulator each start their own upstream for the same resource.
        existing.repoint(spec.upstream());
        return existing;
      }
    }
    return add(kind, identity, backendService, spec);
  }

  /**
   * The target already registered for the identity with the same upstream, if any.
   *
   * @throws IllegalArgumentException when it is registered with another upstream
   */
  private synchronized Optional<LocalTarget> sameUpstream(
      ResourceIdentity identity, LocalTargetSpec spec) {
    Optional<LocalTarget> existing = find(identity.name());
    if (existing.isPresent() && !existing.get().upstream().equals(spec.upstream())) {
      throw new IllegalArgumentException(
          "resource "
              + identity.name()
              + " is already registered in front of "
              + existing.get().upstream()
              + " (proxy "
              + existing.get().address()
              + "); one resource has one upstream: remove it first, or register "
              + existing.get().upstream()
              + " again");
    }
    return existing;
  }

  private synchronized LocalTarget add(
      LocalTarget.Kind kind,
      ResourceIdentity identity,
      String backendService,
      LocalTargetSpec spec) {
    if (client == null && kind != LocalTarget.Kind.TCP_RESOURCE) {
      client = Upstream.newClient();
    }
    LocalTarget target = new LocalTarget(kind, identity, backendService, spec, client);
    // Under the switchboard's lock: an action ending meanwhile must not have its fault switched on
    // in the new target after it was switched off everywhere.
    synchronized (switchboard) {
      targets.add(target);
      registrationListeners.forEach(listener -> listener.accept(target));
      switchboard.added(target);
    }
    return target;
  }

  private static int upstreamStart(String description) {
    for (String scheme : List.of("=tcp://", "=http://", "=https://")) {
      int at = description.indexOf(scheme);
      if (at > 0) {
        return at;
      }
    }
    return -1;
  }
}
