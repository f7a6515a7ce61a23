package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link Endpoints} of one run: the embedded backend's local targets in embedded mode, the
 * configured endpoints otherwise. Not public API.
 */
final class RunEndpoints implements Endpoints {
  private static final String VALID_NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

  private final Configuration configuration;
  private final Optional<EmbeddedBackends> embedded;

  RunEndpoints(Configuration configuration, Optional<EmbeddedBackends> embedded) {
    this.configuration = configuration;
    this.embedded = embedded;
  }

  @Override
  public URI of(String name, String resource, Supplier<URI> localUpstream) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(localUpstream, "localUpstream");
    if (name == null || !name.matches(VALID_NAME)) {
      throw new IllegalArgumentException(
          "Endpoint name '"
              + name
              + "' is not valid: use letters, digits, '.', '_' and '-' (it completes the"
              + " configuration parameter "
              + FaultExperimentProperties.ENDPOINT_PREFIX
              + "<name>), e.g. 'pricing'");
    }
    if (embedded.isPresent()) {
      return embedded.get().localTarget(name, resource, localUpstream.get());
    }
    String key = FaultExperimentProperties.ENDPOINT_PREFIX + name;
    String value =
        configuration
            .parameter(key)
            .orElseThrow(
                () ->
                    Configuration.missing(
                        "The endpoint of '" + name + "' (standing for " + resource + ")",
                        "set the configuration parameter "
                            + key
                            + " to its address (e.g. -D"
                            + key
                            + "=https://"
                            + name
                            + ".example.com or tcp://HOST:PORT), or "
                            + FaultExperimentProperties.EMULATOR
                            + "=embedded to run offline against a local target"));
    return parse(key, value);
  }

  private static URI parse(String key, String value) {
    try {
      URI uri = new URI(value);
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      // Drivers take host:port from the authority: a non-HTTP endpoint needs its port.
      if (uri.isAbsolute() && uri.getHost() != null && (web || uri.getPort() > 0)) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below, with what would be valid
    }
    throw Configuration.invalid(
        Configuration.parameterSource(key),
        value,
        "an absolute URI with a host, such as https://pricing.example.com or"
            + " tcp://orders.cluster-abc.eu-west-1.rds.amazonaws.com:5432 (a port is needed"
            + " unless the scheme is http or https)");
  }
}
