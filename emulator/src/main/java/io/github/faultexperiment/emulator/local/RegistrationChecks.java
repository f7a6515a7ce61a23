package io.github.faultexperiment.emulator.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a registration must hold before a target is started for it: a well-formed identity of the
 * expected type, an upstream of a scheme the target's kind serves, and something listening there.
 * Every refusal names the input and what would be valid.
 */
final class RegistrationChecks {
  private static final Duration REACHABILITY_TIMEOUT = Duration.ofSeconds(2);

  private RegistrationChecks() {}

  /**
   * The identity of {@code resource}, which must be of {@code type}.
   *
   * @param name the parameter's name in the message
   */
  static ResourceIdentity identity(String resource, String type, String name) {
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

  /** The normalised backend service name, or {@code null} for none. */
  static String backendService(String backendService) {
    String service = backendService == null ? null : ResourceIdentity.normalise(backendService);
    if (service != null
        && !service.matches("projects/[^/]+/(regions/[^/]+|global)/backendServices/[^/]+")) {
      throw new IllegalArgumentException(
          "backendService must look like projects/P/regions/R/backendServices/NAME, was '"
              + backendService
              + "'");
    }
    return service;
  }

  /** Refuses an upstream whose scheme the kind of target cannot serve. */
  static void upstream(LocalTarget.Kind kind, URI upstream) {
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
  static void reachable(URI upstream) {
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
}
