package io.github.faultexperiment;

import java.util.List;
import java.util.Set;

/**
 * The fault actions of one experiment the user acknowledged the application may not feel offline,
 * by name ({@link FaultExperiment#acknowledgeUnfelt()}, {@value
 * FaultExperimentProperties#ACKNOWLEDGE_UNFELT}). Not public API.
 *
 * @param everyAction the whole template is acknowledged (the parameter names it alone)
 * @param actions the actions acknowledged by name, in the order given
 */
record AcknowledgedUnfelt(boolean everyAction, List<String> actions) {
  /** Nothing acknowledged. */
  static final AcknowledgedUnfelt NONE = new AcknowledgedUnfelt(false, List.of());

  AcknowledgedUnfelt {
    actions = List.copyOf(actions);
  }

  /** Whether the action of this name is acknowledged. */
  boolean covers(String action) {
    return everyAction || actions.contains(action);
  }

  /** The names given that are not among {@code names}, the template's actions. */
  List<String> unknown(Set<String> names) {
    return actions.stream().filter(name -> !names.contains(name)).toList();
  }
}
