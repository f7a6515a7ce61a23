package io.github.faultexperiment.emulator.embedded;

import io.github.faultexperiment.emulator.FaultEmulator;
import io.github.faultexperiment.emulator.host.HostEffects;
import io.github.faultexperiment.emulator.local.FaultReach;
import io.github.faultexperiment.emulator.local.LocalTarget;
import io.github.faultexperiment.emulator.local.LocalTargetCounters;
import io.github.faultexperiment.emulator.local.LocalTargets;
import io.github.faultexperiment.spi.ActionReachSnapshot;
import io.github.faultexperiment.spi.EmbeddedBackend;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import io.github.faultexperiment.spi.LocalTargetSnapshot;
import java.net.URI;
import java.util.List;

/** One running emulator of embedded mode, as the core sees it. */
final class EmulatorBackend implements EmbeddedBackend {
  private final FaultEmulator emulator;

  EmulatorBackend(FaultEmulator emulator) {
    this.emulator = emulator;
  }

  @Override
  public EmulatorEndpoint endpoint(String providerId) {
    if (!EmulatorBackendFactory.PROVIDER_IDS.contains(providerId)) {
      throw new IllegalArgumentException(
          "The emulator does not serve provider '"
              + providerId
              + "'; it serves "
              + EmulatorBackendFactory.PROVIDER_IDS);
    }
    // one front door answers every engine's API
    return new EmulatorEndpoint(
        emulator.endpoint(),
        emulator.settings().accessKeyId(),
        emulator.settings().secretAccessKey());
  }

  @Override
  public URI localTarget(String resource, URI upstream) {
    LocalTargets targets = emulator.localTargets();
    // A pod's labels may follow its identity: k8s:pod/default/web-1;app=web.
    String identity = resource.split(";", 2)[0];
    // A target in front of another upstream (a service an earlier test class started and
    // stopped) is replaced.
    targets
        .find(identity)
        .filter(existing -> !existing.upstream().equals(upstream))
        .map(LocalTarget::resource)
        .ifPresent(targets::remove);
    return identity.equals(resource)
        ? emulator.registerLocalTarget(resource, upstream).uri()
        : targets.register(resource + "=" + upstream).uri();
  }

  @Override
  public List<LocalTargetSnapshot> localTargets() {
    return emulator.localTargets().all().stream().map(EmulatorBackend::snapshot).toList();
  }

  @Override
  public List<ActionReachSnapshot> reach(String experimentId) {
    return emulator.faultReach(experimentId).stream().map(this::snapshot).toList();
  }

  @Override
  public <T> T parameter(Class<T> type) {
    if (type != FaultEmulator.class) {
      throw new IllegalArgumentException("The emulator offers no parameter of type " + type);
    }
    return type.cast(emulator);
  }

  @Override
  public void close() {
    emulator.close();
  }

  private static LocalTargetSnapshot snapshot(LocalTarget target) {
    LocalTargetCounters counters = target.counters();
    return new LocalTargetSnapshot(
        target.kind().name(),
        target.resource(),
        target.uri(),
        counters.requests(),
        counters.delayed(),
        counters.aborted(),
        counters.passed(),
        counters.upstreamFailures());
  }

  private ActionReachSnapshot snapshot(FaultReach reach) {
    LocalTargets targets = emulator.localTargets();
    // A host effect acts on the machine itself, so every process on it feels it while it runs:
    // the machine counts as one user of it, as a connection does for a local target.
    long trafficWhileOn =
        reach.localTargets().stream().filter(HostEffects::actsOnThisMachine).count()
            + reach.localTargets().stream()
                .flatMap(resource -> targets.find(resource).stream())
                .mapToLong(target -> target.counters(reach.experimentId()).requests())
                .sum();
    return new ActionReachSnapshot(
        reach.actionName(),
        reach.actionType(),
        ActionReachSnapshot.Status.valueOf(reach.status().name()),
        reach.targets(),
        reach.localTargets(),
        reach.effect(),
        reach.detail(),
        reach.remedy(),
        trafficWhileOn);
  }
}
