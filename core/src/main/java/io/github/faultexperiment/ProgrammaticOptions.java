package io.github.faultexperiment;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code FaultInjection} builder was given for the experiments it starts; {@code null} where
 * nothing was given, so configuration parameters and defaults apply as for the annotation. Not
 * public API.
 *
 * @param provider the service, or {@code null}
 * @param injectionTimeout how long to wait for injection, or {@code null}
 * @param stopTimeout how long to wait for the end after a stop, or {@code null}
 * @param tags the user's tags, already valid
 * @param dryRun validate without injecting
 * @param allowEarlyEnd accept an experiment ending by itself while under observation
 * @param steadyStateChecks names of the {@code @SteadyState} methods that apply; empty means all
 * @param recoveryTimeout how long the checks may take to pass again after the end, or {@code null}
 * @param probeDuringFault whether to probe the checks while the fault is injected
 * @param probeInterval how often to probe, or {@code null}
 * @param acknowledgedUnfelt by template reference, the actions acknowledged as not felt offline
 */
record ProgrammaticOptions(
    String provider,
    Duration injectionTimeout,
    Duration stopTimeout,
    Map<String, String> tags,
    boolean dryRun,
    boolean allowEarlyEnd,
    List<String> steadyStateChecks,
    Duration recoveryTimeout,
    boolean probeDuringFault,
    Duration probeInterval,
    Map<String, List<String>> acknowledgedUnfelt) {
  public ProgrammaticOptions {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    steadyStateChecks = List.copyOf(steadyStateChecks);
    acknowledgedUnfelt = Map.copyOf(acknowledgedUnfelt);
  }
}
