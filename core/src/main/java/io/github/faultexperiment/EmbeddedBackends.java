package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmbeddedBackend;
import io.github.faultexperiment.spi.EmbeddedBackendFactory;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import io.github.faultexperiment.spi.FaultProviderFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The embedded backends of embedded mode ({@value FaultExperimentProperties#EMULATOR} = {@code
 * embedded}), found with {@link ServiceLoader} and started once per test run, closed with JUnit's
 * root Store. The core names none of them. Not public API.
 */
final class EmbeddedBackends implements AutoCloseable {
  private static final String EMULATOR_ARTIFACT =
      "io.github.faultexperiment:fault-experiment-emulator";

  // One entry per test-run class loader, as for the providers: parameters are resolved often.
  private static final Map<ClassLoader, List<EmbeddedBackendFactory>> BY_LOADER =
      new ConcurrentHashMap<>();

  private final List<Running> running;

  private record Running(EmbeddedBackendFactory factory, EmbeddedBackend backend) {}

  private EmbeddedBackends(List<Running> running) {
    this.running = running;
  }

  /** The backend factories the class loader sees, by name, looked up once per loader. */
  static List<EmbeddedBackendFactory> on(ClassLoader loader) {
    return BY_LOADER.computeIfAbsent(
        loader,
        l ->
            ServiceLoader.load(EmbeddedBackendFactory.class, l).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(EmbeddedBackendFactory::name))
                .toList());
  }

  /**
   * Starts every backend found; none found is not an error until a provider or a local target needs
   * one, so the message can say which.
   */
  static EmbeddedBackends start(ClassLoader loader, Configuration configuration) {
    List<Running> started = new ArrayList<>();
    try {
      for (EmbeddedBackendFactory factory : on(loader)) {
        started.add(new Running(factory, factory.start(configuration)));
      }
    } catch (RuntimeException | Error e) {
      started.forEach(r -> closeInto(r, e));
      throw e;
    }
    return new EmbeddedBackends(List.copyOf(started));
  }

  /**
   * Where the provider finds the backend that serves it.
   *
   * @throws ExtensionConfigurationException naming the provider, the backends found and what to add
   *     when no backend serves it
   */
  EmulatorEndpoint endpoint(FaultProviderFactory provider) {
    String id = provider.id().toLowerCase(Locale.ROOT);
    return running.stream()
        .filter(r -> r.factory().providerIds().contains(id))
        .findFirst()
        .map(r -> r.backend().endpoint(id))
        .orElseThrow(() -> unserved(provider, id));
  }

  private ExtensionConfigurationException unserved(FaultProviderFactory provider, String id) {
    String needed =
        provider
            .embeddedBackend()
            .map(
                artifact ->
                    "add the test dependency "
                        + artifact
                        + " (version from io.github.faultexperiment:fault-experiment-bom), or"
                        + " unset "
                        + FaultExperimentProperties.EMULATOR
                        + " to run against "
                        + provider.serviceName()
                        + ".")
            .orElse(
                "provider '"
                    + id
                    + "' has no embedded backend: unset "
                    + FaultExperimentProperties.EMULATOR
                    + " to run its experiments against "
                    + provider.serviceName()
                    + ".");
    return new ExtensionConfigurationException(
        FaultExperimentProperties.EMULATOR
            + " = embedded, but no embedded backend on the test classpath serves provider '"
            + id
            + "' (backends found: "
            + found()
            + "): "
            + needed);
  }

  private String found() {
    if (running.isEmpty()) {
      return "none";
    }
    return running.stream()
        .map(r -> r.factory().name() + " " + r.factory().providerIds().stream().sorted().toList())
        .collect(Collectors.joining(", "));
  }

  /**
   * The address of the local target standing for {@code resource} in front of {@code upstream}, on
   * the first backend.
   *
   * @param name the dependency's name, for messages
   * @throws ExtensionConfigurationException when no backend runs or it refuses the resource or
   *     upstream
   */
  URI localTarget(String name, String resource, URI upstream) {
    if (running.isEmpty()) {
      throw new ExtensionConfigurationException(
          "No local target for the endpoint of '"
              + name
              + "': "
              + FaultExperimentProperties.EMULATOR
              + " = embedded needs an embedded backend on the test classpath: add the test"
              + " dependency "
              + EMULATOR_ARTIFACT
              + " (same version as fault-experiment-junit), or unset "
              + FaultExperimentProperties.EMULATOR
              + " to use the real clouds.");
    }
    EmbeddedBackend backend = running.get(0).backend();
    try {
      // one registration at a time: a resource asked for twice at once gets one target
      synchronized (backend) {
        return backend.localTarget(resource, upstream);
      }
    } catch (IllegalArgumentException refused) {
      throw new ExtensionConfigurationException(
          "No local target for the endpoint of '" + name + "': " + refused.getMessage(), refused);
    }
  }

  /** The backends that are running, in name order. */
  List<EmbeddedBackend> backends() {
    return running.stream().map(Running::backend).toList();
  }

  /** The object of the backend whose factory offers parameters of this type, if any. */
  Optional<Object> parameter(Class<?> type) {
    return running.stream()
        .filter(r -> r.factory().parameterTypes().contains(type))
        .findFirst()
        .map(r -> r.backend().parameter(type));
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).backend().close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void closeInto(Running r, Throwable failure) {
    try {
      r.backend().close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
