package io.github.faultexperiment;

/**
 * Where a test's steady-state settings were written, so that a misuse names the setting as the user
 * wrote it. Not public API.
 */
enum SteadyStateOrigin {
  /** {@code @FaultExperiment} attributes. */
  ANNOTATION("@FaultExperiment(steadyState)", "@FaultExperiment(probeDuringFault = true)"),
  /** {@code FaultInjection.builder()} methods. */
  BUILDER(
      "FaultInjection.builder().steadyState(…)", "FaultInjection.builder().probeDuringFault(true)");

  private final String checksSetting;
  private final String probeSetting;

  SteadyStateOrigin(String checksSetting, String probeSetting) {
    this.checksSetting = checksSetting;
    this.probeSetting = probeSetting;
  }

  /** The setting that names the checks, as the user wrote it. */
  String checksSetting() {
    return checksSetting;
  }

  /** The setting that turns probing on, as the user wrote it. */
  String probeSetting() {
    return probeSetting;
  }
}
