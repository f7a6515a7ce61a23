package io.github.faultexperiment;

import io.github.faultexperiment.emulator.ApiFault;
import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.fis.FisTimings;
import io.github.faultexperiment.emulator.gcp.FaultTestingTimings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * One emulator serving both providers with fast timings, templates of the same names on both, and
 * the configuration that points the extension at it: for the safety tests, which run every path on
 * both providers.
 */
final class Emulated implements AutoCloseable {
  static final String PROJECT = "test-project";
  static final String LOCATION = "us-central1";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:checkout";

  private final FaultEmulator emulator = FaultEmulator.builder().start();

  FaultEmulator emulator() {
    return emulator;
  }

  /** Resets the emulator and creates the named templates on both providers. */
  void prepare(String... templates) {
    emulator.reset();
    emulator
        .fis()
        .timings(
            FisTimings.defaults()
                .withPendingToInitiating(Duration.ofMillis(20))
                .withInitiatingToRunning(Duration.ofMillis(50))
                .withStoppingToStopped(Duration.ofMillis(50)));
    emulator.faultTesting().timings(FaultTestingTimings.of(Duration.ofMillis(40)));
    for (String name : templates) {
      emulator.fis().createTemplate(awsTemplate(name));
      emulator.faultTesting().createTemplate(PROJECT, LOCATION, name, GCP_TEMPLATE);
    }
  }

  /** The configuration parameters for a run on this provider. */
  Map<String, String> parameters(Provider provider, Path reports) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(FaultExperimentProperties.PROVIDER, provider.name().toLowerCase());
    parameters.put(FaultExperimentProperties.AWS_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.AWS_REGION, "us-east-1");
    parameters.put(FaultExperimentProperties.AWS_ACCESS_KEY_ID, "test");
    parameters.put(FaultExperimentProperties.AWS_SECRET_ACCESS_KEY, "test");
    parameters.put(FaultExperimentProperties.GCP_ENDPOINT, emulator.endpoint().toString());
    parameters.put(FaultExperimentProperties.GCP_PROJECT, PROJECT);
    parameters.put(FaultExperimentProperties.GCP_LOCATION, LOCATION);
    parameters.put(FaultExperimentProperties.INJECTION_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.STOP_TIMEOUT, "PT10S");
    parameters.put(FaultExperimentProperties.REPORT_DIR, reports.toString());
    return parameters;
  }

  /** Runs a fixture class on this provider with extra parameters. */
  EngineExecutionResults run(
      Class<?> fixture, Provider provider, Path reports, Map<String, String> extra) {
    Map<String, String> parameters = parameters(provider, reports);
    parameters.putAll(extra);
    return EngineRuns.run(fixture, parameters, reports.resolve("published"));
  }

  /** Experiments on this provider not yet ended (FIS: not final; Fault Testing: not COMPLETED). */
  int leftRunning(Provider provider) {
    return switch (provider) {
      case AWS -> emulator.fis().activeExperiments().size();
      case GCP -> emulator.faultTesting().activeExperiments().size();
    };
  }

  /** Experiments the provider's emulator has seen started since the last reset. */
  int experiments(Provider provider) {
    return switch (provider) {
      case AWS -> emulator.fis().experiments().size();
      case GCP -> emulator.faultTesting().experiments().size();
    };
  }

  /** How many experiments on this provider have their fault injected now. */
  long injected(Provider provider) {
    return switch (provider) {
      case AWS ->
          emulator.fis().experiments().stream().filter(e -> e.state().equals("running")).count();
      case GCP ->
          emulator.faultTesting().experiments().stream()
              .filter(e -> e.state().equals("INJECTED"))
              .count();
    };
  }

  void inject(Provider provider, ApiFault fault) {
    switch (provider) {
      case AWS -> emulator.fis().injectApiFault(fault);
      case GCP -> emulator.faultTesting().injectApiFault(fault);
    }
  }

  void clearApiFaults() {
    emulator.fis().clearApiFaults();
    emulator.faultTesting().clearApiFaults();
  }

  @Override
  public void close() {
    emulator.close();
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
        .formatted(FUNCTION, name);
  }

  private static final String GCP_TEMPLATE =
      """
      {"displayName": "LB abort", "duration": "600s",
       "action": {"l7LbHttpFault": {
         "forwardingRule": "projects/test-project/regions/us-central1/forwardingRules/checkout",
         "abort": {"percentage": 50, "statusCode": 503}}}}
      """;
}
