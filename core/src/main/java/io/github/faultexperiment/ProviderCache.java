package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ProviderContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@link FaultProvider} per provider id for a test run, created on first use from the run's
 * configuration; kept in JUnit's root Store, which closes it at the end of the run. In embedded
 * mode a provider creates its templates in its embedded backend before it is first used. Not public
 * API.
 */
final class ProviderCache implements AutoCloseable {
  private static final java.time.Duration SWEEP_JOIN = java.time.Duration.ofSeconds(30);

  private final Configuration configuration;
  private final Optional<EmbeddedBackends> embedded;
  private final ClassLoader loader;
  private final Map<String, FaultProvider> providers = new ConcurrentHashMap<>();
  private final List<Thread> sweeps = new CopyOnWriteArrayList<>();

  /**
   * Creates an empty cache.
   *
   * @param configuration what providers are created from
   * @param embedded the backends of embedded mode, when the run is in that mode
   * @param loader where provider modules and embedded templates are looked up
   */
  public ProviderCache(
      Configuration configuration, Optional<EmbeddedBackends> embedded, ClassLoader loader) {
    this.configuration = configuration;
    this.embedded = embedded;
    this.loader = loader;
  }

  /** The provider made by this factory, created if needed. */
  public FaultProvider get(FaultProviderFactory factory) {
    return providers.computeIfAbsent(factory.id(), id -> create(factory));
  }

  private FaultProvider create(FaultProviderFactory factory) {
    SettingsResolver settings = new SettingsResolver(configuration);
    // fails naming what to add when no backend on the classpath serves this provider
    Optional<EmulatorEndpoint> emulator = embedded.map(backends -> backends.endpoint(factory));
    FaultProvider created =
        (emulator.isPresent()
                ? Optional.<FaultProvider>empty()
                : ProviderWarmUp.take(factory, configuration, loader))
            .orElseGet(
                () ->
                    factory.create(
                        new ProviderContext(
                            configuration, settings.safety(), Owner.CURRENT, emulator)));
    try {
      if (emulator.isPresent()) {
        EmbeddedTemplates.create(created, loader, factory.id());
      }
      if (settings.safety().sweep()) {
        // Experiments that earlier runs abandoned (SIGKILL, lost machine) are stopped beside the
        // run, not before it: ours are never among them (the sweep skips this JVM's owner), and a
        // start the service refuses for its quota is retried while the sweep frees slots.
        Thread sweep =
            new Thread(
                () -> AbandonedExperimentSweep.sweepQuietly(created, settings.safety()),
                "fault-experiment-sweep-" + factory.id());
        sweep.setDaemon(true);
        sweep.start();
        sweeps.add(sweep);
      }
    } catch (RuntimeException | Error e) {
      created.close();
      throw e;
    }
    return created;
  }

  @Override
  public void close() {
    for (Thread sweep : sweeps) {
      try {
        // a sweep still stopping abandoned experiments finishes before its provider closes
        sweep.join(SWEEP_JOIN.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    providers.values().forEach(FaultProvider::close);
    providers.clear();
  }
}
