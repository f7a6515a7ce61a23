package io.github.faultexperiment;

import io.github.faultexperiment.report.ActionReach;
import io.github.faultexperiment.report.LocalTargetTraffic;
import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ActionSnapshot;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * In embedded mode, a fault the application never feels is a chaos test that passes without a
 * fault. Two checks, the same rule for every action of every engine (actions that are no faults,
 * such as waiting, need nothing): once the fault is confirmed injected, every fault action must
 * have reached a local target; after the body, the application's traffic must have gone through
 * each of them while its fault was on. An action that fails either is recorded on the timeline and,
 * unless acknowledged by name or {@value FaultExperimentProperties#UNREACHED_FAULTS} = warn, fails
 * the test with one line per action: which, why, and how to give it a local effect or acknowledge
 * it.
 */
final class FeltFaults {
  private FeltFaults() {}

  /**
   * The check before the body: every fault action that started reached a local target.
   *
   * @param experiment the experiment, its fault confirmed injected
   * @param localTargets the embedded backends' local targets (none outside embedded mode)
   * @return the failure to throw after stopping the experiment, or {@code null}
   */
  static RuntimeException beforeBody(ObservedExperiment experiment, LocalTargetMeter localTargets) {
    List<ActionReach> reach = localTargets.reach(experiment.experimentId());
    if (reach.isEmpty()) {
      return null; // not embedded, or a backend without local targets
    }
    ExperimentSettings settings = experiment.settings();
    RuntimeException misnamed = unknownAcknowledged(settings, experiment.last(), reach);
    if (misnamed != null) {
      return misnamed;
    }
    List<ActionReach> unfelt =
        reach.stream()
            .filter(r -> r.fault() && !r.reached())
            .map(r -> judged(r, settings))
            .toList();
    return verdict(experiment, unfelt, localTargets, true);
  }

  /**
   * The check after the body: every fault action reached a local target and the application's
   * traffic went through it while the fault was on.
   *
   * @param experiment the experiment, its fault injected before the body
   * @param localTargets the embedded backends' local targets
   * @return the failure to throw, or {@code null}
   */
  static RuntimeException afterBody(ObservedExperiment experiment, LocalTargetMeter localTargets) {
    List<ActionReach> unfelt =
        judged(localTargets.reach(experiment.experimentId()), experiment.settings(), true).stream()
            .filter(ActionReach::unfelt)
            .toList();
    return verdict(experiment, unfelt, localTargets, false);
  }

  /**
   * Each action with its verdict, for the report.
   *
   * @param reach where the actions reached
   * @param settings the experiment's settings (what was acknowledged)
   * @param bodyRan whether the test body has run: before, a reached fault's traffic is not known
   */
  static List<ActionReach> judged(
      List<ActionReach> reach, ExperimentSettings settings, boolean bodyRan) {
    return reach.stream()
        .map(
            r ->
                r.reached() && r.trafficWhileOn() == 0 && !bodyRan
                    ? r.withVerdict(ActionReach.PENDING)
                    : judged(r, settings))
        .toList();
  }

  private static ActionReach judged(ActionReach reach, ExperimentSettings settings) {
    if (!reach.fault()) {
      return reach.withVerdict(ActionReach.NOT_A_FAULT_VERDICT);
    }
    if (reach.reached() && reach.trafficWhileOn() > 0) {
      return reach.withVerdict(ActionReach.FELT);
    }
    return reach.withVerdict(
        settings.acknowledgedUnfelt().covers(reach.action())
            ? ActionReach.ACKNOWLEDGED
            : ActionReach.NOT_FELT);
  }

  private static RuntimeException verdict(
      ObservedExperiment experiment,
      List<ActionReach> unfelt,
      LocalTargetMeter localTargets,
      boolean beforeBody) {
    for (ActionReach reach : unfelt) {
      experiment
          .timeline()
          .record(
              Kind.UNREACHED_FAULT,
              reach.action(),
              reach.reached() ? "NOT_USED" : reach.status(),
              reach.verdict() + ": " + why(reach));
    }
    List<ActionReach> failing =
        unfelt.stream().filter(r -> ActionReach.NOT_FELT.equals(r.verdict())).toList();
    if (failing.isEmpty() || !experiment.settings().failOnUnreachedFaults()) {
      return null;
    }
    List<LocalTargetTraffic> targets = localTargets.read();
    ExperimentSettings settings = experiment.settings();
    return new FaultExperimentException(
        "The application "
            + (beforeBody ? "would not feel " : "did not feel ")
            + (failing.size() == 1 ? "this fault" : "these faults")
            + " of experiment "
            + experiment.experimentId()
            + " from template '"
            + settings.template()
            + "'"
            + (beforeBody ? " (stopped before the test body ran):" : " while it was on:")
            + failing.stream()
                .map(reach -> "\n- " + line(reach, settings, targets))
                .collect(Collectors.joining())
            + "\nA chaos test whose fault nobody feels passes without a fault (docs/local-faults.md,"
            + " \"No unfelt fault passes\").");
  }

  /** Which action, why no local effect, how to give it one, how to acknowledge it. */
  private static String line(
      ActionReach reach, ExperimentSettings settings, List<LocalTargetTraffic> targets) {
    StringBuilder line =
        new StringBuilder("action '")
            .append(reach.action())
            .append("' (")
            .append(reach.actionType())
            .append(") ");
    if (reach.reached()) {
      line.append("reached the local target")
          .append(reach.localTargets().size() == 1 ? " " : "s ")
          .append(addresses(reach, targets))
          .append(", but no request or connection went through ")
          .append(reach.localTargets().size() == 1 ? "it" : "them")
          .append(" while the fault was on: the application never used the target's address.")
          .append(" Point the application there: in a @BeforeEach method, take the address from")
          .append(" an Endpoints parameter, endpoints.of(name, \"")
          .append(reach.localTargets().get(0))
          .append("\", () -> upstream), so the target is registered before the experiment starts,")
          .append(" and have the application call that address instead of the upstream.");
    } else {
      line.append(reach.status()).append(": ").append(why(reach)).append('.');
      if (!reach.remedy().isEmpty()) {
        line.append(" To give it a local effect: ").append(reach.remedy()).append('.');
      }
      if (reach.unreached()) {
        line.append(" With the extension: in a @BeforeEach method, point the application at")
            .append(" endpoints.of(name, resource, () -> upstream) of an Endpoints parameter.");
      }
    }
    return line.append(" To acknowledge that the application does not feel it: ")
        .append("@FaultExperiment(template = \"")
        .append(settings.template())
        .append("\", acknowledgeUnfelt = \"")
        .append(reach.action())
        .append("\"), FaultInjection.builder().acknowledgeUnfelt(\"")
        .append(settings.template())
        .append("\", \"")
        .append(reach.action())
        .append("\") or ")
        .append(FaultExperimentProperties.ACKNOWLEDGE_UNFELT)
        .append('=')
        .append(settings.template())
        .append(':')
        .append(reach.action())
        .append('.')
        .toString();
  }

  private static String why(ActionReach reach) {
    if (reach.reached()) {
      return "the application never used its local targets " + reach.localTargets();
    }
    return reach.detail().isBlank()
        ? "it reached no local target of " + reach.targets()
        : reach.detail();
  }

  private static String addresses(ActionReach reach, List<LocalTargetTraffic> targets) {
    return reach.localTargets().stream()
        .map(
            resource ->
                resource
                    + targets.stream()
                        .filter(t -> t.resource().equals(resource))
                        .map(t -> " at " + t.uri())
                        .findFirst()
                        .orElse(""))
        .collect(Collectors.joining(", "));
  }

  /** Acknowledged names that are not actions of the template: a typo would hide nothing. */
  private static RuntimeException unknownAcknowledged(
      ExperimentSettings settings, ExperimentSnapshot snapshot, List<ActionReach> reach) {
    Set<String> names =
        reach.stream().map(ActionReach::action).collect(Collectors.toCollection(HashSet::new));
    if (snapshot != null) {
      snapshot.actions().stream().map(ActionSnapshot::name).forEach(names::add);
    }
    List<String> unknown = settings.acknowledgedUnfelt().unknown(names);
    if (unknown.isEmpty()) {
      return null;
    }
    return new ExtensionConfigurationException(
        "acknowledgeUnfelt names "
            + unknown
            + " but template '"
            + settings.template()
            + "' has the actions "
            + names.stream().sorted().toList()
            + " (FIS: the names in the template; Fault Testing: the kinds); name some of those in"
            + " @FaultExperiment(acknowledgeUnfelt) or "
            + FaultExperimentProperties.ACKNOWLEDGE_UNFELT
            + ".");
  }
}
