package io.github.faultexperiment.emulator.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of an upstream, standing for a cloud resource (a Lambda function,
 * a load balancer's forwarding rule). Point the application at {@link #uri()} instead of the
 * upstream: while an experiment's action targeting {@link #resource()} is injecting, the proxy
 * applies its fault to the stated share of requests; otherwise traffic passes untouched.
 *
 * <p>Created by {@link LocalTargets}; closed with the emulator.
 */
public final class LocalTarget {

  /** The kind of cloud resource a target stands for. */
  public enum Kind {
    /** An AWS Lambda function, addressed by its ARN. */
    LAMBDA_FUNCTION,
    /** A Google Cloud load balancer forwarding rule, addressed by its resource name. */
    FORWARDING_RULE
  }

  private final Kind kind;
  private final String resource;
  private final String backendService;
  private final Upstream upstream;
  private final ActiveFaults faults = new ActiveFaults();
  private final TrafficCounter counter = new TrafficCounter();
  private final ExecutorService executor;
  private final HttpServer server;

  LocalTarget(Kind kind, String resource, String backendService, URI upstream, HttpClient client) {
    this.kind = kind;
    this.resource = resource;
    this.backendService = backendService;
    this.upstream = new Upstream(upstream, client);
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not bind a loopback port for " + resource, e);
    }
    // Delayed requests each hold a thread while they wait, so the pool must grow with them.
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "local-target " + resource);
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", new ProxyHandler(this.upstream, faults, counter));
    server.start();
  }

  /** Forwards from now on to {@code newUpstream}; the proxy's port, faults and counters stay. */
  void repoint(URI newUpstream) {
    upstream.base(newUpstream);
  }

  /** The URL to point the application at, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** What kind of cloud resource this target stands for. */
  public Kind kind() {
    return kind;
  }

  /** The Lambda function ARN or forwarding-rule resource name experiments target. */
  public String resource() {
    return resource;
  }

  /** The backend service behind the forwarding rule this target stands for, if one was named. */
  public Optional<String> backendService() {
    return Optional.ofNullable(backendService);
  }

  /** Where requests are forwarded to. */
  public URI upstream() {
    return upstream.base();
  }

  /** What the target has done with the requests it received since it was created or reset. */
  public LocalTargetCounters counters() {
    return counter.snapshot();
  }

  /** The faults currently switched on by running actions. */
  public List<LocalFault> activeFaults() {
    return faults.faults();
  }

  void switchOn(String action, LocalFault fault) {
    faults.switchOn(action, fault);
  }

  void switchOff(String action) {
    faults.switchOff(action);
  }

  void reset() {
    faults.clear();
    counter.reset();
  }

  void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "LocalTarget[" + resource + " " + uri() + " -> " + upstream() + "]";
  }
}
