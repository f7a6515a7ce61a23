package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Set;
import org.apiguardian.api.API;

/**
 * Starts the in-process backend of embedded mode ({@code faultexperiment.emulator=embedded}): a
 * local stand-in for one or more fault-injection services that providers talk to instead of the
 * cloud. Found with {@link java.util.ServiceLoader}: a backend module lists its factory in {@code
 * META-INF/services/io.github.faultexperiment.spi.EmbeddedBackendFactory}. The core names no
 * backend; a provider is served by the backend whose {@link #providerIds()} hold its {@linkplain
 * FaultProviderFactory#id() id}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EmbeddedBackendFactory {

  /** The backend's name for messages, e.g. its artifact {@code fault-experiment-emulator}. */
  String name();

  /**
   * The {@linkplain FaultProviderFactory#id() provider ids} whose service API the backend answers,
   * lower case, e.g. {@code [aws, gcp]}.
   */
  Set<String> providerIds();

  /**
   * The types a test, lifecycle or constructor method may declare a parameter of to receive the
   * running backend's own objects (e.g. the emulator itself, to register local targets); the core
   * also resolves {@code Optional<T>} of each, empty outside embedded mode. Asked when no backend
   * runs, so it must not start anything. Empty by default.
   */
  default Set<Class<?>> parameterTypes() {
    return Set.of();
  }

  /**
   * Starts the backend for one test run; the core closes it when the run ends.
   *
   * @param configuration the run's configuration parameters and environment
   * @return the running backend
   */
  EmbeddedBackend start(Configuration configuration);
}
