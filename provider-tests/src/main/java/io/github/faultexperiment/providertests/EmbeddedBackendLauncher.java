package io.github.faultexperiment.providertests;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmbeddedBackend;
import io.github.faultexperiment.spi.EmbeddedBackendFactory;
import io.github.faultexperiment.spi.FaultProviderFactory;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Starts the embedded backend that serves a provider, found as the core finds it in embedded mode:
 * with {@link ServiceLoader}, by the provider's id in {@link EmbeddedBackendFactory#providerIds()}.
 */
final class EmbeddedBackendLauncher {
  private EmbeddedBackendLauncher() {}

  /**
   * Starts the one backend on the class path that serves {@code provider}.
   *
   * @throws IllegalStateException naming what to add when none serves it, or the backends when more
   *     than one does
   */
  static EmbeddedBackend start(FaultProviderFactory provider, Configuration configuration) {
    String id = provider.id().toLowerCase(Locale.ROOT);
    List<EmbeddedBackendFactory> found =
        ServiceLoader.load(EmbeddedBackendFactory.class, classLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    List<EmbeddedBackendFactory> serving =
        found.stream().filter(backend -> backend.providerIds().contains(id)).toList();
    if (serving.size() == 1) {
      return serving.get(0).start(configuration);
    }
    if (serving.isEmpty()) {
      throw new IllegalStateException(
          "No embedded backend on the test class path serves provider '"
              + id
              + "' (backends found: "
              + names(found)
              + "): "
              + provider
                  .embeddedBackend()
                  .map(artifact -> "add the test dependency " + artifact + ".")
                  .orElse(
                      "the provider contract runs against an embedded backend; add one whose "
                          + EmbeddedBackendFactory.class.getName()
                          + " lists '"
                          + id
                          + "' in providerIds(), and return its artifact from "
                          + "FaultProviderFactory.embeddedBackend()."));
    }
    throw new IllegalStateException(
        "More than one embedded backend serves provider '"
            + id
            + "': "
            + names(serving)
            + ". Keep one of them on the test class path.");
  }

  private static String names(List<EmbeddedBackendFactory> backends) {
    return backends.isEmpty()
        ? "none"
        : String.join(", ", backends.stream().map(EmbeddedBackendFactory::name).toList());
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : EmbeddedBackendLauncher.class.getClassLoader();
  }
}
