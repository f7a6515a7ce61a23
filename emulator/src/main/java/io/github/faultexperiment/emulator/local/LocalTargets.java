package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.common.ActionEvent;
import io.github.faultexperiment.emulator.common.ActionListener;
import io.github.faultexperiment.emulator.host.HostEffectSettings;
import io.github.faultexperiment.emulator.host.HostEffects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * <p>Listens to both emulated APIs: an action starting to inject switches its fault on in every
 * target it addresses (see {@link #reach(String)} for where each action reached); the action ending
 * switches it off.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LocalTargets implements ActionListener, AutoCloseable {
  private static final Duration REACHABILITY_TIMEOUT = Duration.ofSeconds(2);

  // Built with the first HTTP target: building one initialises TLS (the trust store), which no
  // local target needs and which would otherwise cost every emulator start — most of a cold one.
  private CloseableHttpClient client;
  private ScheduledExecutorService recoveries;
  private final List<LocalTarget> targets = new CopyOnWriteArrayList<>();
  private final Map<String, ActionEvent> runningActions = new ConcurrentHashMap<>();
  private final Map<String, Map<String, FaultReach>> reaches = new LinkedHashMap<>();
  private final List<Consumer<LocalTarget>> registrationListeners = new CopyOnWriteArrayList<>();
  private final LocalTargetsResource resource = new LocalTargetsResource(this);
  private final DocumentEffects documents = new DocumentEffects();
  private final DocumentEffectsResource documentsResource = new DocumentEffectsResource(this);
  private final HostEffects hostEffects = new HostEffects(HostEffectSettings.off());
  private volatile LocalTimings timings = LocalTimings.defaults();

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
    ResourceIdentity identity = identity(functionArn, "aws:lambda:function", "functionArn");
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
        identity(
            Objects.requireNonNull(forwardingRule), "compute.forwardingRules", "forwardingRule");
    String service = backendService == null ? null : ResourceIdentity.normalise(backendService);
    if (service != null
        && !service.matches("projects/[^/]+/(regions/[^/]+|global)/backendServices/[^/]+")) {
      throw new IllegalArgumentException(
          "backendService must look like projects/P/regions/R/backendServices/NAME, was '"
              + backendService
              + "'");
    }
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
    LocalTarget.Kind kind = kind(identity);
    ResourceIdentity.subnet(spec.subnet());
    checkUpstream(kind, spec.upstream());
    Optional<LocalTarget> existing = sameUpstream(identity, spec);
    if (existing.isPresent()) {
      return existing.get();
    }
    checkReachable(spec.upstream());
    synchronized (this) {
      // Checked again: another registration of the same resource may have won while we probed.
      return sameUpstream(identity, spec).orElseGet(() -> add(kind, identity, null, spec));
    }
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
  public synchronized List<FaultReach> reach(String experimentId) {
    Map<String, FaultReach> actions = reaches.get(experimentId);
    return actions == null ? List.of() : List.copyOf(actions.values());
  }

  /** Where the actions of every experiment since the last reset reached. */
  public synchronized List<FaultReach> reaches() {
    List<FaultReach> all = new ArrayList<>();
    reaches.values().forEach(actions -> all.addAll(actions.values()));
    return all;
  }

  /**
   * What each target did with the traffic that arrived while {@code experimentId}'s faults were on
   * in it, by resource; targets the experiment never reached are left out.
   */
  public Map<String, LocalTargetCounters> traffic(String experimentId) {
    Map<String, LocalTargetCounters> byResource = new LinkedHashMap<>();
    Map<String, FaultReach> actions;
    synchronized (this) {
      actions = reaches.getOrDefault(experimentId, Map.of());
      actions = Map.copyOf(actions);
    }
    for (LocalTarget target : targets) {
      boolean reached =
          actions.values().stream().anyMatch(r -> r.localTargets().contains(target.resource()));
      if (reached) {
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
  public synchronized FaultReach preview(ActionEvent event) {
    return classify(event, false);
  }

  /** Switches the action's fault on in the targets it addresses and records where it reached. */
  @Override
  public synchronized void actionStarted(ActionEvent event) {
    FaultReach reach = classify(event, true);
    reaches
        .computeIfAbsent(event.experimentId(), id -> new LinkedHashMap<>())
        .put(event.actionName(), reach);
  }

  /**
   * The reach of an action whose parameters the emulator cannot apply, with the template to fix.
   */
  private FaultReach invalid(ActionEvent event, IllegalArgumentException e) {
    return reach(
        event,
        FaultReach.Status.INVALID,
        List.of(),
        "",
        e.getMessage(),
        "correct the parameter in the template");
  }

  /** Reads the action's effect and its reach; switches the fault on when {@code inject}. */
  private FaultReach classify(ActionEvent event, boolean inject) {
    String actionKey;
    try {
      actionKey = ActionFaults.key(event);
    } catch (IllegalArgumentException e) {
      return invalid(event, e);
    }
    if (HostEffects.actions().contains(actionKey)) {
      return host(event, actionKey, inject);
    }
    Optional<String> document = ActionFaults.ownDocument(event);
    if (document.isPresent()) {
      return declared(event, document.get(), inject);
    }
    Optional<ActionFaults.Injection> injection;
    try {
      injection = ActionFaults.of(event, timings);
    } catch (IllegalArgumentException e) {
      return invalid(event, e);
    }
    if (injection.isEmpty()) {
      UnfeltReasons.Unfelt unfelt =
          UnfeltReasons.withoutEffect(event, actionKey, ActionFaults.TABLE.containsKey(actionKey));
      return reach(event, unfelt.status(), List.of(), "", unfelt.reason(), unfelt.remedy());
    }
    List<String> reached;
    if (inject) {
      runningActions.put(key(event), event);
      reached = switchOn(event, injection.get(), targets);
    } else {
      reached =
          targets.stream().filter(injection.get().appliesTo()).map(LocalTarget::resource).toList();
    }
    if (reached.isEmpty()) {
      UnfeltReasons.Unfelt unfelt = UnfeltReasons.unreached(event, targetKind(event));
      return reach(
          event,
          unfelt.status(),
          reached,
          injection.get().fault().toString(),
          unfelt.reason(),
          unfelt.remedy());
    }
    return reach(
        event, FaultReach.Status.REACHED, reached, injection.get().fault().toString(), "", "");
  }

  /** Switches the action's fault off wherever it is on, and ends its host effect. */
  @Override
  public synchronized void actionEnded(ActionEvent event) {
    runningActions.remove(key(event));
    for (LocalTarget target : targets) {
      target.switchOff(key(event));
    }
    hostEffects.stop(key(event));
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

  private FaultReach host(ActionEvent event, String actionKey, boolean inject) {
    HostEffects.Start start;
    try {
      start =
          hostEffects.start(
              key(event), actionKey, event.parameters(), timings.replacement(), inject);
    } catch (IllegalArgumentException e) {
      return invalid(event, e);
    } catch (IllegalStateException e) {
      return reach(
          event,
          FaultReach.Status.UNREACHED,
          List.of(),
          "",
          e.getMessage(),
          "see the emulator's output for why the host effect's process did not start");
    }
    if (start.felt()) {
      return reach(
          event, FaultReach.Status.REACHED, List.of(start.reached()), start.effect(), "", "");
    }
    return reach(
        event,
        start.optedIn() ? FaultReach.Status.UNREACHED : FaultReach.Status.NOT_FELT_LOCALLY,
        List.of(),
        start.effect(),
        start.reason(),
        start.remedy());
  }

  /** An action running a team's own document: its declared effects, or how to declare them. */
  private FaultReach declared(ActionEvent event, String document, boolean inject) {
    Optional<String> broken = documents.brokenDeclaration(document);
    if (broken.isPresent()) {
      return reach(
          event,
          FaultReach.Status.INVALID,
          List.of(),
          "",
          broken.get(),
          "correct the declaration file");
    }
    Optional<DocumentEffect> declaration = documents.find(document);
    if (declaration.isEmpty()) {
      UnfeltReasons.Unfelt unfelt = UnfeltReasons.undeclared(ActionFaults.key(event), document);
      return reach(event, unfelt.status(), List.of(), "", unfelt.reason(), unfelt.remedy());
    }
    List<String> problems = new ArrayList<>();
    List<ActionFaults.Injection> injections = new ArrayList<>();
    for (DocumentEffect.TargetEffect one : declaration.get().effects()) {
      String problem = DocumentEffects.problem(declaration.get(), one, targets);
      if (problem != null) {
        problems.add(problem);
      }
      injections.add(injection(one));
    }
    List<String> reached = new ArrayList<>();
    if (inject) {
      runningActions.put(key(event), event);
    }
    for (ActionFaults.Injection injection : injections) {
      reached.addAll(
          inject
              ? switchOn(event, injection, targets)
              : targets.stream().filter(injection.appliesTo()).map(LocalTarget::resource).toList());
    }
    String effect =
        "declared for "
            + document
            + ": "
            + declaration.get().effects().stream()
                .map(one -> one.fault() + " on " + one.target())
                .toList();
    if (!problems.isEmpty()) {
      UnfeltReasons.Unfelt unfelt = UnfeltReasons.declaredUnreached(problems);
      return reach(event, unfelt.status(), reached, effect, unfelt.reason(), unfelt.remedy());
    }
    return reach(event, FaultReach.Status.REACHED, reached, effect, "", "");
  }

  /** The injection of one declared effect: its fault, on its target only. */
  private static ActionFaults.Injection injection(DocumentEffect.TargetEffect one) {
    return new ActionFaults.Injection(
        ActionFaults.family(one.fault()),
        one.fault(),
        target ->
            target.resource().equals(one.target())
                && (target.kind() != LocalTarget.Kind.TCP_RESOURCE)
                    == (ActionFaults.family(one.fault()) == ActionFaults.Family.HTTP
                        || ActionFaults.family(one.fault()) == ActionFaults.Family.API_ERROR));
  }

  /** The injections of a running action, for a target registered while it runs. */
  private List<ActionFaults.Injection> injections(ActionEvent event) {
    Optional<String> document = ActionFaults.ownDocument(event);
    if (document.isPresent()) {
      return documents.find(document.get()).stream()
          .flatMap(declaration -> declaration.effects().stream())
          .map(LocalTargets::injection)
          .toList();
    }
    return ActionFaults.of(event, timings).stream().toList();
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
    hostEffects.stopAll();
    runningActions.clear();
    reaches.clear();
    targets.forEach(LocalTarget::reset);
    timings = LocalTimings.defaults();
  }

  /** Stops every proxy. */
  @Override
  public synchronized void close() {
    runningActions.clear();
    try {
      hostEffects.close();
    } finally {
      closeTargets();
    }
  }

  private void closeTargets() {
    targets.forEach(LocalTarget::close);
    targets.clear();
    if (recoveries != null) {
      recoveries.shutdownNow();
    }
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
    checkUpstream(kind, spec.upstream());
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

  // Synchronized with actionStarted/actionEnded: a target registered while an action ends must not
  // switch that action's fault on after it was switched off everywhere.
  private synchronized LocalTarget add(
      LocalTarget.Kind kind,
      ResourceIdentity identity,
      String backendService,
      LocalTargetSpec spec) {
    if (client == null && kind != LocalTarget.Kind.TCP_RESOURCE) {
      client = Upstream.newClient();
    }
    LocalTarget target = new LocalTarget(kind, identity, backendService, spec, client);
    targets.add(target);
    registrationListeners.forEach(listener -> listener.accept(target));
    // An action already injecting when its target appears applies to it too.
    for (ActionEvent event : runningActions.values()) {
      for (ActionFaults.Injection injection : injections(event)) {
        List<String> reached = switchOn(event, injection, List.of(target));
        if (!reached.isEmpty()) {
          addReached(event, reached);
        }
      }
    }
    return target;
  }

  private List<String> switchOn(
      ActionEvent event, ActionFaults.Injection injection, List<LocalTarget> candidates) {
    List<String> reached = new ArrayList<>();
    for (LocalTarget target : candidates) {
      if (injection.appliesTo().test(target)) {
        target.switchOn(key(event), event.experimentId(), injection.fault());
        reached.add(target.resource());
        if (injection.fault() instanceof LocalFault.Down down && down.recovery() != null) {
          // The outage ends by itself: listen again once the recovery window has passed.
          recoveries()
              .schedule(
                  target::reconcile, down.recovery().toNanos() + 1_000_000, TimeUnit.NANOSECONDS);
        }
      }
    }
    return reached;
  }

  private static FaultReach reach(
      ActionEvent event,
      FaultReach.Status status,
      List<String> reached,
      String effect,
      String detail,
      String remedy) {
    return new FaultReach(
        event.api(),
        event.experimentId(),
        event.actionName(),
        event.actionType(),
        event.targets(),
        status,
        reached,
        effect,
        detail,
        remedy);
  }

  private void addReached(ActionEvent event, List<String> reached) {
    Map<String, FaultReach> actions = reaches.get(event.experimentId());
    FaultReach before = actions == null ? null : actions.get(event.actionName());
    if (before == null) {
      return;
    }
    List<String> all = new ArrayList<>(before.localTargets());
    all.addAll(reached);
    actions.put(
        event.actionName(), reach(event, FaultReach.Status.REACHED, all, before.effect(), "", ""));
  }

  private ScheduledExecutorService recoveries() {
    if (recoveries == null) {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "local-target-recoveries");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      recoveries = executor;
    }
    return recoveries;
  }

  /** The kind of target that would stand for the action's first target: it picks the scheme. */
  private static LocalTarget.Kind targetKind(ActionEvent event) {
    if (event.targets().isEmpty()) {
      return LocalTarget.Kind.TCP_RESOURCE;
    }
    try {
      return kind(ResourceIdentity.parse(event.targets().get(0)));
    } catch (IllegalArgumentException e) {
      // A subnet or a zone: what stands for it serves TCP.
      return LocalTarget.Kind.TCP_RESOURCE;
    }
  }

  private static LocalTarget.Kind kind(ResourceIdentity identity) {
    return switch (identity.type()) {
      case "aws:lambda:function" -> LocalTarget.Kind.LAMBDA_FUNCTION;
      case "compute.forwardingRules" -> LocalTarget.Kind.FORWARDING_RULE;
      case "aws:iam:role", "aws:kinesis:stream" -> LocalTarget.Kind.AWS_API;
      default -> LocalTarget.Kind.TCP_RESOURCE;
    };
  }

  private static ResourceIdentity identity(String resource, String type, String name) {
    ResourceIdentity identity;
    try {
      identity = ResourceIdentity.parse(resource);
    } catch (IllegalArgumentException e) {
      identity = null;
    }
    if (identity == null || !identity.type().equals(type)) {
      String example =
          type.equals("aws:lambda:function")
              ? "arn:aws:lambda:REGION:ACCOUNT:function:NAME"
              : "projects/P/regions/R/forwardingRules/NAME";
      throw new IllegalArgumentException(
          name + " must look like " + example + ", was '" + resource + "'");
    }
    return identity;
  }

  private static void checkUpstream(LocalTarget.Kind kind, URI upstream) {
    Objects.requireNonNull(upstream, "upstream");
    String scheme = upstream.getScheme();
    boolean tcpAllowed = kind == LocalTarget.Kind.TCP_RESOURCE;
    boolean valid =
        upstream.getHost() != null
            && ("http".equals(scheme) || (tcpAllowed && "tcp".equals(scheme)))
            && (!"tcp".equals(scheme) || upstream.getPort() > 0);
    if (!valid) {
      throw new IllegalArgumentException(
          "upstream must be "
              + (tcpAllowed
                  ? "tcp://HOST:PORT or http://HOST:PORT such as tcp://127.0.0.1:5432"
                  : "an http:// URL such as http://127.0.0.1:8081")
              + ", was "
              + upstream);
    }
  }

  /** Refuses an upstream nothing listens on: its faults would be indistinguishable from its own. */
  private static void checkReachable(URI upstream) {
    int port = upstream.getPort() > 0 ? upstream.getPort() : 80;
    try (Socket probe = new Socket()) {
      probe.connect(
          new InetSocketAddress(upstream.getHost(), port), (int) REACHABILITY_TIMEOUT.toMillis());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "upstream "
              + upstream
              + " cannot be reached ("
              + e.getMessage()
              + "); start it before registering its local target",
          e);
    }
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

  private static String key(ActionEvent event) {
    return event.api() + "/" + event.experimentId() + "/" + event.actionName();
  }
}
