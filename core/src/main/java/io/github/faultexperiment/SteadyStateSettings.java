package io.github.faultexperiment;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How one experiment (or one group of experiments) checks the steady state, resolved and valid. Not
 * public API.
 *
 * @param checks names of the {@code @SteadyState} methods to run; empty means all of them
 * @param verifyTimeout how long the checks may take to pass before anything is started
 * @param recoveryTimeout how long they may take to pass again after the experiments have ended
 * @param probeDuringFault whether to probe them on a background thread while the fault is injected
 * @param probeInterval how often to probe while the fault is injected
 */
record SteadyStateSettings(
    List<String> checks,
    Duration verifyTimeout,
    Duration recoveryTimeout,
    boolean probeDuringFault,
    Duration probeInterval) {
  public SteadyStateSettings {
    checks = List.copyOf(checks);
  }

  /**
   * The settings of several experiments that run as one group (repeated annotations): the union of
   * the named checks (all, if any experiment names none), the longest timeouts, probing if any asks
   * for it, at the shortest interval.
   *
   * @param all at least one experiment's settings
   * @return the group's settings
   */
  public static SteadyStateSettings merge(List<SteadyStateSettings> all) {
    if (all.size() == 1) {
      return all.get(0);
    }
    boolean everyCheck = all.stream().anyMatch(settings -> settings.checks().isEmpty());
    Set<String> checks = new LinkedHashSet<>();
    all.forEach(settings -> checks.addAll(settings.checks()));
    return new SteadyStateSettings(
        everyCheck ? List.of() : List.copyOf(checks),
        all.stream().map(SteadyStateSettings::verifyTimeout).max(Duration::compareTo).orElseThrow(),
        all.stream()
            .map(SteadyStateSettings::recoveryTimeout)
            .max(Duration::compareTo)
            .orElseThrow(),
        all.stream().anyMatch(SteadyStateSettings::probeDuringFault),
        all.stream()
            .map(SteadyStateSettings::probeInterval)
            .min(Duration::compareTo)
            .orElseThrow());
  }
}
