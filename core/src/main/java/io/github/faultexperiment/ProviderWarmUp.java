package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.ResolvedTemplate;
import io.github.faultexperiment.spi.StartRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Creates the providers a test plan's experiments need, and resolves their templates, on a
 * background thread as soon as the plan is known, so that a cloud SDK's cold start (class loading,
 * its HTTP client, the first signed requests: about a second for AWS) runs while JUnit instantiates
 * the first test class and runs its set-up, not after. The first experiment then takes the provider
 * ready ({@link #take}); one whose configuration differs from the run's is closed unused. Only
 * outside embedded mode (there the emulator starts with the run's resources). Not public API.
 */
final class ProviderWarmUp {
  private static final System.Logger LOG = System.getLogger(ProviderWarmUp.class.getName());
  private static final TestTag CHAOS = TestTag.create("chaos");
  // No plan needs more; each costs FIS two calls.
  private static final int MAX_TEMPLATES = 16;

  // One warm provider per class loader and provider id; the plan's execution is one per JVM or a
  // few, so the map stays small.
  private static final Map<List<Object>, Warm> WARM = new ConcurrentHashMap<>();

  /**
   * A provider made ahead of time and the parameter values its creation read, so that it is handed
   * only to a run whose configuration gives the same values.
   */
  private record Warm(
      CompletableFuture<FaultProvider> provider, Map<String, Optional<String>> read) {}

  private ProviderWarmUp() {}

  /**
   * Starts warming up when the plan holds a chaos test and its configuration enables experiments
   * outside embedded mode; returns at once.
   */
  static void start(TestPlan plan) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : ProviderWarmUp.class.getClassLoader();
    Set<Class<?>> classes = chaosClasses(plan, loader);
    if (classes.isEmpty()) {
      return;
    }
    Map<String, Optional<String>> read = new ConcurrentHashMap<>();
    Configuration configuration =
        Configuration.ofProcess(
            key -> {
              Optional<String> value = plan.getConfigurationParameters().get(key);
              read.put(key, value);
              return value;
            });
    Thread warmUp =
        new Thread(
            () -> warm(classes, configuration, read, loader), "fault-experiment-provider-warm-up");
    warmUp.setDaemon(true);
    warmUp.setContextClassLoader(loader);
    warmUp.start();
  }

  private static void warm(
      Set<Class<?>> classes,
      Configuration configuration,
      Map<String, Optional<String>> read,
      ClassLoader loader) {
    try {
      SettingsResolver resolver = new SettingsResolver(configuration);
      RunSettings run = resolver.run();
      if (!run.enabled() || run.embedded()) {
        return;
      }
      Map<FaultProviderFactory, Set<String>> templates = new LinkedHashMap<>();
      for (Class<?> testClass : classes) {
        for (FaultExperiment annotation : annotations(testClass)) {
          ExperimentSettings settings = resolver.experiment(annotation);
          templates
              .computeIfAbsent(settings.provider(), factory -> new LinkedHashSet<>())
              .add(settings.template());
        }
      }
      templates.forEach(
          (factory, references) -> {
            CompletableFuture<FaultProvider> provider = new CompletableFuture<>();
            Warm warm = new Warm(provider, read);
            if (WARM.putIfAbsent(List.of(loader, factory.id()), warm) != null) {
              return;
            }
            try {
              FaultProvider created =
                  factory.create(
                      new ProviderContext(
                          configuration, resolver.safety(), Owner.CURRENT, Optional.empty()));
              provider.complete(created);
              // The first signed requests of the run, on the path every experiment takes: the
              // templates (kept by ResolvedTemplates), and the reads before each start. The first
              // experiment does not wait for them: a service that does not answer yet (a local
              // stand-in started by the tests) would hold it up for the SDK's retries.
              List<ResolvedTemplate> resolved = new ArrayList<>();
              references.stream()
                  .limit(MAX_TEMPLATES)
                  .forEach(reference -> resolve(created, reference).ifPresent(resolved::add));
              readsBeforeAStart(created, resolved);
            } catch (RuntimeException | Error e) {
              // a failed creation; a failure after it leaves the created provider in place
              provider.completeExceptionally(e);
            }
          });
      ReportWarmUp.startOnce();
    } catch (RuntimeException | Error e) {
      // only a head start: the run itself reports what is wrong, where it is wrong
      LOG.log(System.Logger.Level.DEBUG, "Provider warm-up skipped", e);
    }
  }

  private static Optional<ResolvedTemplate> resolve(FaultProvider provider, String reference) {
    try {
      return Optional.of(ResolvedTemplates.resolve(provider, reference));
    } catch (RuntimeException notFound) {
      // the experiment resolves it again and says what is wrong
      return Optional.empty();
    }
  }

  /** The service's "not now" check and the overlap listing, read once; their answers unused. */
  private static void readsBeforeAStart(FaultProvider provider, List<ResolvedTemplate> resolved) {
    try {
      provider.activeExperiments();
      if (!resolved.isEmpty()) {
        provider.verifyAllowedNow(
            resolved.get(0),
            new StartRequest(
                "warm-up", TestIdentity.RUN_ID, "warm-up", "warm-up", Map.of(), false));
      }
    } catch (RuntimeException notNow) {
      // the experiment reads them again and acts on what they say
    }
  }

  /**
   * The provider warmed up for this factory, when its creation read the same parameter values from
   * {@code configuration}; waits for a warm-up still under way. Taken once.
   */
  static Optional<FaultProvider> take(
      FaultProviderFactory factory, Configuration configuration, ClassLoader loader) {
    Warm warm = WARM.get(List.of(loader, factory.id()));
    if (warm == null) {
      return Optional.empty();
    }
    FaultProvider provider;
    try {
      provider = warm.provider().get();
    } catch (ExecutionException failed) {
      // created again on the test's thread, which reports the failure
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    boolean same =
        warm.read().entrySet().stream()
            .allMatch(
                entry ->
                    normalized(entry.getValue()).equals(configuration.parameter(entry.getKey())));
    if (!same || !WARM.remove(List.of(loader, factory.id()), warm)) {
      return Optional.empty();
    }
    return Optional.of(provider);
  }

  /** As {@link Configuration#parameter} sees a value: stripped, blank as absent. */
  private static Optional<String> normalized(Optional<String> raw) {
    return raw.map(String::strip).filter(value -> !value.isEmpty());
  }

  /** Closes the providers no run took (a configuration that differed, a plan that failed). */
  static void discardUnused() {
    for (Map.Entry<List<Object>, Warm> entry : List.copyOf(WARM.entrySet())) {
      if (WARM.remove(entry.getKey(), entry.getValue())) {
        entry.getValue().provider().thenAccept(FaultProvider::close);
      }
    }
  }

  private static Set<Class<?>> chaosClasses(TestPlan plan, ClassLoader loader) {
    Set<Class<?>> classes = new LinkedHashSet<>();
    List<TestIdentifier> pending = new ArrayList<>(plan.getRoots());
    while (!pending.isEmpty()) {
      TestIdentifier identifier = pending.remove(pending.size() - 1);
      if (identifier.getTags().contains(CHAOS)) {
        testClass(identifier.getSource().orElse(null), loader).ifPresent(classes::add);
      }
      pending.addAll(plan.getChildren(identifier));
    }
    return classes;
  }

  private static Optional<Class<?>> testClass(TestSource source, ClassLoader loader) {
    try {
      if (source instanceof ClassSource type) {
        return Optional.of(type.getJavaClass());
      }
      if (source instanceof MethodSource method) {
        return Optional.of(Class.forName(method.getClassName(), false, loader));
      }
    } catch (ClassNotFoundException | RuntimeException | LinkageError unknown) {
      // not a class this loader sees: nothing to warm up for it
    }
    return Optional.empty();
  }

  /** The experiments declared on the class, its enclosing classes and its methods. */
  private static List<FaultExperiment> annotations(Class<?> testClass) {
    List<FaultExperiment> found = new ArrayList<>();
    for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
      found.addAll(AnnotationSupport.findRepeatableAnnotations(current, FaultExperiment.class));
    }
    for (Method method : testClass.getDeclaredMethods()) {
      found.addAll(AnnotationSupport.findRepeatableAnnotations(method, FaultExperiment.class));
    }
    return found;
  }
}
