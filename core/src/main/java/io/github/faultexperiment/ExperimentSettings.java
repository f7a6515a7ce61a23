package io.github.faultexperiment;

import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.SafetySettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code @FaultExperiment} after resolution: every value final and valid. Not public API.
 *
 * @param template the template reference as written
 * @param provider the service
 * @param injectionTimeout how long to wait for injection
 * @param stopTimeout how long to wait for the end after a stop
 * @param awaitActions actions that must be injected; empty means at least one
 * @param tags the user's tags, in declaration order
 * @param dryRun validate without injecting
 * @param allowEarlyEnd accept an experiment ending by itself during the body
 * @param safety the run's leases and quota
 * @param failOnUnreachedFaults in embedded mode, fail when a fault action is not felt ({@value
 *     FaultExperimentProperties#UNREACHED_FAULTS})
 * @param acknowledgedUnfelt the actions the application may leave unfelt without failing
 */
record ExperimentSettings(
    String template,
    FaultProviderFactory provider,
    Duration injectionTimeout,
    Duration stopTimeout,
    List<String> awaitActions,
    Map<String, String> tags,
    boolean dryRun,
    boolean allowEarlyEnd,
    SafetySettings safety,
    boolean failOnUnreachedFaults,
    AcknowledgedUnfelt acknowledgedUnfelt) {
  public ExperimentSettings {
    awaitActions = List.copyOf(awaitActions);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }
}
