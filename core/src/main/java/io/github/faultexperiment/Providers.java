package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.FaultProviderFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The provider modules on the classpath, found with {@link ServiceLoader}; the core names none of
 * them. Not public API.
 */
final class Providers {
  private static final String ARTIFACT_PREFIX = "io.github.faultexperiment:fault-experiment-";

  // One entry per test-run class loader (a JVM runs one or a few): the factories refer to the
  // loader anyway, so weak keys would not free it.
  private static final Map<ClassLoader, Providers> BY_LOADER = new ConcurrentHashMap<>();

  private final Map<String, FaultProviderFactory> factories;

  private Providers(Map<String, FaultProviderFactory> factories) {
    this.factories = factories;
  }

  /** The factories the class loader sees. */
  public static Providers on(ClassLoader loader) {
    Map<String, FaultProviderFactory> found = new TreeMap<>();
    for (FaultProviderFactory factory : ServiceLoader.load(FaultProviderFactory.class, loader)) {
      found.putIfAbsent(factory.id().toLowerCase(Locale.ROOT), factory);
    }
    return new Providers(found);
  }

  /** Exactly these factories (tests, and tools that bring their own). */
  public static Providers of(FaultProviderFactory... factories) {
    Map<String, FaultProviderFactory> found = new TreeMap<>();
    for (FaultProviderFactory factory : factories) {
      found.putIfAbsent(factory.id().toLowerCase(Locale.ROOT), factory);
    }
    return new Providers(found);
  }

  /**
   * The factories the test run's class loader sees (the context loader, under Surefire and IDEs),
   * looked up once per loader: settings are resolved for every annotated test.
   */
  public static Providers onClasspath() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : Providers.class.getClassLoader();
    return BY_LOADER.computeIfAbsent(loader, Providers::on);
  }

  /**
   * The factory of a provider id; fails naming the artifact to add when its module is missing.
   *
   * @param id what the user wrote, any case
   * @param source where it was written, for the message
   */
  public FaultProviderFactory factory(String id, String source) {
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    FaultProviderFactory factory = factories.get(wanted);
    if (factory != null) {
      return factory;
    }
    if (!wanted.matches("[a-z][a-z0-9-]*")) {
      throw Configuration.invalid(source, id, "a provider id such as " + known());
    }
    throw new ExtensionConfigurationException(
        source
            + " = '"
            + id
            + "' names a provider that is not on the test classpath: add the test dependency "
            + ARTIFACT_PREFIX
            + wanted
            + " (version from io.github.faultexperiment:fault-experiment-bom). Providers found: "
            + known()
            + ".");
  }

  /**
   * The provider of an experiment that names none: {@value FaultExperimentProperties#PROVIDER} when
   * set, else the only provider on the classpath.
   */
  public FaultProviderFactory defaultFactory(Configuration configuration) {
    return configuration
        .parameter(FaultExperimentProperties.PROVIDER)
        .map(id -> factory(id, Configuration.parameterSource(FaultExperimentProperties.PROVIDER)))
        .orElseGet(this::only);
  }

  private FaultProviderFactory only() {
    if (factories.size() == 1) {
      return factories.values().iterator().next();
    }
    throw new ExtensionConfigurationException(
        factories.isEmpty()
            ? "No fault-injection provider is on the test classpath: add the test dependency "
                + ARTIFACT_PREFIX
                + "aws (AWS FIS) or "
                + ARTIFACT_PREFIX
                + "gcp (Google Cloud Fault Testing)."
            : "Several providers are on the test classpath ("
                + known()
                + "): name one with the configuration parameter "
                + FaultExperimentProperties.PROVIDER
                + " or @FaultExperiment(provider).");
  }

  /** The ids found, e.g. {@code [aws, gcp]}. */
  public List<String> ids() {
    return List.copyOf(factories.keySet());
  }

  private String known() {
    return factories.isEmpty() ? "none" : String.join(", ", factories.keySet());
  }
}
