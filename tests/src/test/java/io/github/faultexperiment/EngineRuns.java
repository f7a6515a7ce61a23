package io.github.faultexperiment;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture classes through the Jupiter engine with the given configuration parameters — and,
 * unless a test says otherwise, {@code faultexperiment.environment=ignore}: the fixtures see only
 * the configuration the test gives them, never the AWS or Google settings of the developer's shell.
 */
final class EngineRuns {
  private EngineRuns() {}

  /**
   * Runs one fixture class.
   *
   * @param fixture the {@code …TestCase} class
   * @param parameters configuration parameters
   * @param outputs where published files go (one directory per test)
   */
  static EngineExecutionResults run(
      Class<?> fixture, Map<String, String> parameters, Path outputs) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .configurationParameters(hermetic(parameters))
        .outputDirectoryCreator(new PerTestDirectories(outputs))
        .execute();
  }

  /** Runs several fixture classes in one run (with parallel execution on, side by side). */
  static EngineExecutionResults run(
      List<Class<?>> fixtures, Map<String, String> parameters, Path outputs) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(
            fixtures.stream()
                .map(DiscoverySelectors::selectClass)
                .toArray(DiscoverySelector[]::new))
        .configurationParameters(hermetic(parameters))
        .outputDirectoryCreator(new PerTestDirectories(outputs))
        .execute();
  }

  /** These parameters, not reading the process environment unless they say so. */
  static Map<String, String> hermetic(Map<String, String> parameters) {
    Map<String, String> hermetic = new HashMap<>(parameters);
    hermetic.putIfAbsent(FaultExperimentProperties.ENVIRONMENT, "ignore");
    return hermetic;
  }

  private record PerTestDirectories(Path root) implements OutputDirectoryCreator {
    @Override
    public Path getRootDirectory() {
      return root;
    }

    @Override
    public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
      String name = descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9._-]+", "_");
      return Files.createDirectories(root.resolve(name));
    }
  }
}
