package io.github.faultexperiment;

import io.github.faultexperiment.report.ActionReach;
import io.github.faultexperiment.report.LocalTargetTraffic;
import io.github.faultexperiment.spi.ActionReachSnapshot;
import io.github.faultexperiment.spi.LocalTargetSnapshot;
import java.util.List;

/**
 * The meter of embedded mode: reads the embedded backends' local targets into the report's model.
 * Not public API.
 */
final class EmbeddedLocalTargets implements LocalTargetMeter {
  private final EmbeddedBackends embedded;

  EmbeddedLocalTargets(EmbeddedBackends embedded) {
    this.embedded = embedded;
  }

  @Override
  public List<LocalTargetTraffic> read() {
    return embedded.backends().stream()
        .flatMap(backend -> backend.localTargets().stream())
        .map(EmbeddedLocalTargets::traffic)
        .toList();
  }

  @Override
  public List<ActionReach> reach(String experimentId) {
    return embedded.backends().stream()
        .map(backend -> backend.reach(experimentId))
        .flatMap(List::stream)
        .map(EmbeddedLocalTargets::reach)
        .toList();
  }

  /** The action as the backend saw it; {@link FeltFaults} gives it its verdict. */
  private static ActionReach reach(ActionReachSnapshot reach) {
    return new ActionReach(
        reach.action(),
        reach.actionType(),
        reach.status().name(),
        reach.targets(),
        reach.localTargets(),
        reach.effect(),
        reach.detail(),
        reach.remedy(),
        reach.trafficWhileOn(),
        "");
  }

  private static LocalTargetTraffic traffic(LocalTargetSnapshot target) {
    return new LocalTargetTraffic(
        target.kind(),
        target.resource(),
        target.uri().toString(),
        new LocalTargetTraffic.Counters(
            target.requests(),
            target.delayed(),
            target.aborted(),
            target.passed(),
            target.upstreamFailures()));
  }
}
