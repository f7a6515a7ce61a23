package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A running backend of embedded mode, started by its {@link EmbeddedBackendFactory} once per test
 * run and closed when the run ends. Besides the services' APIs it offers local targets: loopback
 * proxies standing for cloud resources, in which the experiments' faults take effect.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EmbeddedBackend extends AutoCloseable {

  /**
   * Where the provider of {@code providerId} finds the backend, handed to it as {@link
   * ProviderContext#emulator()}.
   *
   * @param providerId one of the factory's {@link EmbeddedBackendFactory#providerIds()}
   * @throws IllegalArgumentException for an id the backend does not serve
   */
  EmulatorEndpoint endpoint(String providerId);

  /**
   * The address of the local target standing for {@code resource} in front of {@code upstream}: the
   * registered one when it has that upstream, else a new one (replacing one in front of another
   * upstream).
   *
   * @param resource the cloud resource the templates' faults target (an ARN, a resource name)
   * @param upstream the service the test runs in the resource's place
   * @return where the application should connect
   * @throws IllegalArgumentException naming what is wrong when the resource or upstream is refused
   */
  URI localTarget(String resource, URI upstream);

  /** Every registered local target with its counters now. */
  List<LocalTargetSnapshot> localTargets();

  /**
   * Where each action of the experiment reached on the local targets; empty for an experiment the
   * backend does not know.
   */
  List<ActionReachSnapshot> reach(String experimentId);

  /**
   * The backend's object for a parameter of one of the factory's {@link
   * EmbeddedBackendFactory#parameterTypes()}.
   *
   * @throws IllegalArgumentException for any other type
   */
  <T> T parameter(Class<T> type);

  /** Stops the backend and its local targets; never throws. */
  @Override
  void close();
}
