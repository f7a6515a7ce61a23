package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.common.ApiFault;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.emulator.gcp.FaultTestingExperiment;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
import io.github.faultexperiment.gcp.GcpProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The harness of the extension's EngineTestKit tests: one emulator per test class serving both
 * providers, reset before each test with fast timings and templates of the same names on both; the
 * configuration pointing the extension at it; a fresh report directory per test; and fixture runs
 * through EngineTestKit. Registered per class ({@code @RegisterExtension static final}) so that
 * classes never share an emulator.
 */
final class Emulated implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  static final String PROJECT = "test-project";
  static final String LOCATION = "us-central1";
  static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:checkout";
  static final String FORWARDING_RULE =
      "projects/test-project/regions/us-central1/forwardingRules/checkout";

  /** FIS timings of every test unless it sets its own (derived from these). */
  static final FisTimings FIS_TIMINGS =
      FisTimings.defaults()
          .withPendingToInitiating(Duration.ofMillis(20))
          .withInitiatingToRunning(Duration.ofMillis(50))
          .withStoppingToStopped(Duration.ofMillis(50));

  /** Fault Testing timings of every test unless it sets its own (derived from these). */
  static final FaultTestingTimings FAULT_TESTING_TIMINGS =
      FaultTestingTimings.of(Duration.ofMillis(40));

  private final List<String> templates;
  private FaultEmulator emulator;
  private Path classReports;
  private Path reports;

  private Emulated(List<String> templates) {
    this.templates = templates;
  }

  /** A harness creating these templates on both providers before each test. */
  static Emulated withTemplates(String... templates) {
    return new Emulated(List.of(templates));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    emulator = FaultEmulator.builder().start();
    classReports = Files.createTempDirectory("fault-experiment-reports");
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    emulator.close();
    try (Stream<Path> files = Files.walk(classReports)) {
      files.sorted(Comparator.reverseOrder()).forEach(Emulated::delete);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    emulator.reset();
    emulator.fis().timings(FIS_TIMINGS);
    emulator.faultTesting().timings(FAULT_TESTING_TIMINGS);
    createTemplates(templates.toArray(String[]::new));
    reports = Files.createTempDirectory(classReports, context.getRequiredTestMethod().getName());
  }

  FaultEmulator emulator() {
    return emulator;
  }

  /** Creates templates of these names on both providers. */
  void createTemplates(String... names) {
    for (String name : names) {
      emulator.fis().createTemplate(awsTemplate(name));
      emulator.faultTesting().createTemplate(PROJECT, LOCATION, name, gcpTemplate(name));
    }
  }

  /** This test's report directory ({@code faultexperiment.report-dir}). */
  Path reports() {
    return reports;
  }

  /** Where the extension writes the reports of one fixture method. */
  Path reportsOf(Class<?> fixture, String method) {
    return reports.resolve(fixture.getName()).resolve(method);
  }

  /** The configuration parameters for a run on this provider. */
  Map<String, String> parameters(Cloud provider) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, provider.name().toLowerCase());
    parameters.put(AwsProperties.ENDPOINT, emulator.endpoint().toString());
    parameters.put(AwsProperties.REGION, "us-east-1");
    parameters.put(AwsProperties.ACCESS_KEY_ID, "test");
    parameters.put(AwsProperties.SECRET_ACCESS_KEY, "test");
    parameters.put(GcpProperties.ENDPOINT, emulator.endpoint().toString());
    parameters.put(GcpProperties.PROJECT, PROJECT);
    parameters.put(GcpProperties.LOCATION, LOCATION);
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.STOP_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    return parameters;
  }

  /** Runs a fixture class on this provider. */
  EngineExecutionResults run(Cloud provider, Class<?> fixture) {
    return run(provider, fixture, Map.of());
  }

  /** Runs a fixture class on this provider, with parameters added to or replacing the usual. */
  EngineExecutionResults run(Cloud provider, Class<?> fixture, Map<String, String> extra) {
    Map<String, String> parameters = parameters(provider);
    parameters.putAll(extra);
    return run(fixture, parameters);
  }

  /** Runs several fixture classes in one run on this provider, with parameters added. */
  EngineExecutionResults run(Cloud provider, List<Class<?>> fixtures, Map<String, String> extra) {
    Map<String, String> parameters = parameters(provider);
    parameters.putAll(extra);
    return EngineRuns.run(fixtures, parameters, reports.resolve("published"));
  }

  /** Runs a fixture class with exactly these parameters. */
  EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
    return EngineRuns.run(fixture, parameters, reports.resolve("published"));
  }

  /** Asserts that no experiment is left running on either provider. */
  void assertNothingLeftRunning() {
    assertThat(emulator.fis().activeExperiments()).as("FIS experiments left running").isEmpty();
    assertThat(runningOnFaultTesting()).as("Fault Testing experiments left running").isEmpty();
  }

  /**
   * Experiments on this provider that may hold a fault: FIS not final; Fault Testing started and
   * not COMPLETED. A Fault Testing experiment given up before its {@code :start} stays PREPARED,
   * injecting nothing, until the service cancels it.
   */
  int leftRunning(Cloud provider) {
    return switch (provider) {
      case AWS -> emulator.fis().activeExperiments().size();
      case GCP -> runningOnFaultTesting().size();
    };
  }

  /**
   * {@link #leftRunning} after one cell of a fault matrix, printed as a {@code matrix} line for the
   * run's log.
   */
  int leftRunningAfter(Cloud provider, String cell) {
    int left = leftRunning(provider);
    System.out.println(
        "matrix "
            + provider.name().toLowerCase(Locale.ROOT)
            + " "
            + cell
            + " left_running="
            + left);
    return left;
  }

  private List<FaultTestingExperiment> runningOnFaultTesting() {
    return emulator.faultTesting().activeExperiments().stream()
        .filter(e -> !List.of("PREPARING", "PREPARED").contains(e.state()))
        .toList();
  }

  /** Experiments the provider's emulator has seen started since the last reset. */
  int experiments(Cloud provider) {
    return switch (provider) {
      case AWS -> emulator.fis().experiments().size();
      case GCP -> emulator.faultTesting().experiments().size();
    };
  }

  /** The ids of the experiments the provider's emulator has seen started since the last reset. */
  List<String> experimentIds(Cloud provider) {
    return switch (provider) {
      case AWS -> emulator.fis().experiments().stream().map(e -> e.id()).toList();
      case GCP ->
          emulator.faultTesting().experiments().stream().map(e -> e.experimentId()).toList();
    };
  }

  /** How many experiments on this provider have their fault injected now. */
  long injected(Cloud provider) {
    return switch (provider) {
      case AWS ->
          emulator.fis().experiments().stream().filter(e -> e.state().equals("running")).count();
      case GCP ->
          emulator.faultTesting().experiments().stream()
              .filter(e -> e.state().equals("INJECTED"))
              .count();
    };
  }

  void inject(Cloud provider, ApiFault fault) {
    switch (provider) {
      case AWS -> emulator.fis().injectApiFault(fault);
      case GCP -> emulator.faultTesting().injectApiFault(fault);
    }
  }

  void clearApiFaults() {
    emulator.fis().clearApiFaults();
    emulator.faultTesting().clearApiFaults();
  }

  static String awsTemplate(String name) {
    return """
        {"description": "latency on checkout", "stopConditions": [{"source": "none"}],
         "targets": {"functions": {"resourceType": "aws:lambda:function",
           "resourceArns": ["%s"], "selectionMode": "ALL"}},
         "actions": {"delay": {"actionId": "aws:lambda:invocation-add-delay",
           "parameters": {"startupDelayMilliseconds": "500", "invocationPercentage": "100"},
           "targets": {"Functions": "functions"}}},
         "roleArn": "arn:aws:iam::123456789012:role/fis", "tags": {"Name": "%s"}}
        """
        .formatted(target(FUNCTION, name), name);
  }

  /**
   * What a template of this name targets: {@code primary} the checkout function or forwarding rule,
   * every other template a resource named after it, so that tests of different templates may run
   * together (experiments on one target never do).
   */
  static String target(String checkout, String template) {
    return template.equals("primary")
        ? checkout
        : checkout.substring(
                0, checkout.lastIndexOf(checkout.contains(":function:") ? ':' : '/') + 1)
            + template;
  }

  private static String gcpTemplate(String name) {
    return GCP_TEMPLATE.formatted(target(FORWARDING_RULE, name));
  }

  private static final String GCP_TEMPLATE =
      """
      {"displayName": "LB abort", "duration": "600s",
       "action": {"l7LbHttpFault": {
         "forwardingRule": "%s",
         "abort": {"percentage": 50, "statusCode": 503}}}}
      """;

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
