package io.github.faultexperiment.emulator.local;

import com.sun.net.httpserver.HttpExchange;
import io.github.faultexperiment.emulator.ActionEvent;
import io.github.faultexperiment.emulator.ActionListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The local targets of an emulator: loopback HTTP proxies that stand for cloud resources, so that
 * an experiment started from a template of the real shape injects its fault into local traffic.
 *
 * <pre>{@code
 * LocalTarget pricing = emulator.localTargets()
 *     .lambda("arn:aws:lambda:us-east-1:123456789012:function:pricing", pricingUri);
 * // point the application at pricing.uri(); while a FIS aws:lambda:invocation-add-delay action
 * // targeting that ARN runs, the proxy delays the stated share of requests.
 * }</pre>
 *
 * <p>Listens to both emulated APIs: an action starting to inject switches its fault on in every
 * target it addresses; the action ending switches it off.
 */
public final class LocalTargets implements ActionListener, AutoCloseable {
  private static final Pattern LAMBDA_ARN =
      Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+");
  private static final Pattern FORWARDING_RULE =
      Pattern.compile("projects/[^/]+/(regions/[^/]+|global)/forwardingRules/[^/]+");
  private static final Pattern BACKEND_SERVICE =
      Pattern.compile("projects/[^/]+/(regions/[^/]+|global)/backendServices/[^/]+");

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<LocalTarget> targets = new CopyOnWriteArrayList<>();
  private final Map<String, ActionEvent> runningActions = new ConcurrentHashMap<>();
  private final LocalTargetsResource resource = new LocalTargetsResource(this);

  /** Creates an empty registry; {@code FaultEmulator} makes one and listens with it. */
  public LocalTargets() {}

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
    require(functionArn, LAMBDA_ARN, "functionArn", "arn:aws:lambda:REGION:ACCOUNT:function:NAME");
    return register(LocalTarget.Kind.LAMBDA_FUNCTION, functionArn, null, upstream);
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
    String rule = ActionFaults.resourceName(Objects.requireNonNull(forwardingRule));
    require(rule, FORWARDING_RULE, "forwardingRule", "projects/P/regions/R/forwardingRules/NAME");
    String service = backendService == null ? null : ActionFaults.resourceName(backendService);
    if (service != null) {
      require(
          service, BACKEND_SERVICE, "backendService", "projects/P/regions/R/backendServices/NAME");
    }
    return register(LocalTarget.Kind.FORWARDING_RULE, rule, service, upstream);
  }

  /**
   * Starts a target described the way the standalone emulator's {@code --local-target} flag takes
   * it: {@code lambda:<function ARN>=<upstream URL>} or {@code forwarding-rule:<name>=<upstream
   * URL>}.
   *
   * @throws IllegalArgumentException when the description has another shape, saying which
   */
  public LocalTarget register(String description) {
    int kindEnd = description.indexOf(':');
    int equals = description.indexOf('=');
    if (kindEnd < 0 || equals < kindEnd) {
      throw new IllegalArgumentException(
          "A local target must look like lambda:<function ARN>=<upstream URL> or"
              + " forwarding-rule:<name>=<upstream URL>, was '"
              + description
              + "'");
    }
    String kind = description.substring(0, kindEnd);
    String address = description.substring(kindEnd + 1, equals);
    URI upstream = URI.create(description.substring(equals + 1));
    switch (kind) {
      case "lambda":
        return lambda(address, upstream);
      case "forwarding-rule":
        return forwardingRule(address, upstream);
      default:
        throw new IllegalArgumentException(
            "A local target's kind must be lambda or forwarding-rule, was '" + kind + "'");
    }
  }

  /** Every registered target, in the order they were registered. */
  public List<LocalTarget> all() {
    return List.copyOf(targets);
  }

  /** Switches the action's fault on in the targets it addresses. */
  @Override
  public synchronized void actionStarted(ActionEvent event) {
    if (ActionFaults.of(event).isPresent()) {
      runningActions.put(key(event), event);
      switchOn(event, targets);
    }
  }

  /** Switches the action's fault off wherever it is on. */
  @Override
  public synchronized void actionEnded(ActionEvent event) {
    runningActions.remove(key(event));
    for (LocalTarget target : targets) {
      target.switchOff(key(event));
    }
  }

  /**
   * Answers {@code GET /_emulator/local-targets} with every target, its counters and active faults
   * as JSON.
   *
   * @param exchange the request
   * @throws IOException when the response cannot be written
   */
  public void handle(HttpExchange exchange) throws IOException {
    resource.handle(exchange);
  }

  /** Switches every fault off and sets every counter back to zero; targets stay registered. */
  public synchronized void reset() {
    runningActions.clear();
    targets.forEach(LocalTarget::reset);
  }

  /** Stops every proxy. */
  @Override
  public synchronized void close() {
    runningActions.clear();
    targets.forEach(LocalTarget::close);
    targets.clear();
  }

  // Synchronized with actionStarted/actionEnded: a target registered while an action ends must not
  // switch that action's fault on after it was switched off everywhere.
  private synchronized LocalTarget register(
      LocalTarget.Kind kind, String name, String backendService, URI upstream) {
    Objects.requireNonNull(upstream, "upstream");
    if (!"http".equals(upstream.getScheme()) || upstream.getHost() == null) {
      throw new IllegalArgumentException(
          "upstream must be an http:// URL such as http://127.0.0.1:8081, was " + upstream);
    }
    for (LocalTarget existing : targets) {
      if (existing.resource().equals(name)
          && Objects.equals(existing.backendService().orElse(null), backendService)) {
        // Test classes sharing one emulator each start their own upstream for the same resource.
        existing.repoint(upstream);
        return existing;
      }
    }
    LocalTarget target = new LocalTarget(kind, name, backendService, upstream, client);
    targets.add(target);
    // An action already injecting when its target appears applies to it too.
    runningActions.values().forEach(event -> switchOn(event, List.of(target)));
    return target;
  }

  private static void switchOn(ActionEvent event, List<LocalTarget> candidates) {
    ActionFaults.of(event)
        .ifPresent(
            injection -> {
              for (LocalTarget target : candidates) {
                if (injection.appliesTo().test(target)) {
                  target.switchOn(key(event), injection.fault());
                }
              }
            });
  }

  private static String key(ActionEvent event) {
    return event.api() + "/" + event.experimentId() + "/" + event.actionName();
  }

  private static void require(String value, Pattern shape, String name, String example) {
    if (value == null || !shape.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " must look like " + example + ", was '" + value + "'");
    }
  }
}
