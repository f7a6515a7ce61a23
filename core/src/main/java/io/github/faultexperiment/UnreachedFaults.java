package io.github.faultexperiment;

import io.github.faultexperiment.report.ActionReach;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * In embedded mode, a fault action that reaches no local target is a fault the application never
 * feels: a chaos test that would pass without any fault. Each such action is recorded on the
 * timeline; unless {@value FaultExperimentProperties#UNREACHED_FAULTS} = warn, the test fails
 * before its body, naming the action and what to do.
 */
final class UnreachedFaults {
  private UnreachedFaults() {}

  /**
   * Reads where the experiment's actions reached, once its fault is confirmed injected.
   *
   * @param experiment the experiment
   * @param localTargets the embedded emulator's local targets (none outside embedded mode)
   * @return the failure to throw after stopping the experiment, or {@code null}
   */
  static FaultExperimentException check(
      ObservedExperiment experiment, LocalTargetMeter localTargets) {
    List<ActionReach> unreached =
        localTargets.reach(experiment.experimentId()).stream()
            .filter(ActionReach::unreached)
            .toList();
    for (ActionReach reach : unreached) {
      experiment
          .timeline()
          .record(Kind.UNREACHED_FAULT, reach.action(), reach.status(), reach.detail());
    }
    if (unreached.isEmpty() || !experiment.settings().failOnUnreachedFaults()) {
      return null;
    }
    return new FaultExperimentException(
        "No fault of experiment "
            + experiment.experimentId()
            + " from template '"
            + experiment.settings().template()
            + "' reaches the application: "
            + unreached.stream().map(UnreachedFaults::describe).collect(Collectors.joining("; "))
            + ". Register a local target for the resource in front of the service the test"
            + " runs (FaultEmulator.registerLocalTarget(resource, upstream), see"
            + " docs/local-faults.md), or set "
            + FaultExperimentProperties.UNREACHED_FAULTS
            + "=warn to run the body anyway.");
  }

  private static String describe(ActionReach reach) {
    return "action '"
        + reach.action()
        + "' ("
        + reach.actionType()
        + ") targets "
        + reach.targets()
        + " and no local target stands for them"
        + (reach.detail().isEmpty() ? "" : " (" + reach.detail() + ")");
  }
}
