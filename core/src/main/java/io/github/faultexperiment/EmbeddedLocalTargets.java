package io.github.faultexperiment;

import io.github.faultexperiment.emulator.local.LocalTarget;
import io.github.faultexperiment.emulator.local.LocalTargetCounters;
import io.github.faultexperiment.report.ActionReach;
import io.github.faultexperiment.report.LocalTargetTraffic;
import java.util.List;

/**
 * The meter of embedded mode: the only class besides {@link EmbeddedEmulator} that touches the
 * emulator's local targets, and only created when the emulator runs. Not public API.
 */
final class EmbeddedLocalTargets implements LocalTargetMeter {
  private final EmbeddedEmulator embedded;

  EmbeddedLocalTargets(EmbeddedEmulator embedded) {
    this.embedded = embedded;
  }

  @Override
  public List<LocalTargetTraffic> read() {
    return embedded.emulator().localTargets().all().stream()
        .map(EmbeddedLocalTargets::traffic)
        .toList();
  }

  @Override
  public List<ActionReach> reach(String experimentId) {
    return embedded.emulator().faultReach(experimentId).stream()
        .map(
            reach ->
                new ActionReach(
                    reach.actionName(),
                    reach.actionType(),
                    reach.status().name(),
                    reach.targets(),
                    reach.localTargets(),
                    reach.effect(),
                    reach.detail()))
        .toList();
  }

  private static LocalTargetTraffic traffic(LocalTarget target) {
    LocalTargetCounters counters = target.counters();
    return new LocalTargetTraffic(
        target.kind().name(),
        target.resource(),
        target.uri().toString(),
        new LocalTargetTraffic.Counters(
            counters.requests(),
            counters.delayed(),
            counters.aborted(),
            counters.passed(),
            counters.upstreamFailures()));
  }
}
