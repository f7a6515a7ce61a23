package io.github.faultexperiment.emulator.fis;

/**
 * What FIS keeps per region: templates, experiments (and so the active-experiment quota) and the
 * safety lever. A request reaches the region of its SigV4 credential scope only.
 *
 * @param name the region, e.g. {@code us-east-1}
 * @param templates the region's templates
 * @param experiments the region's experiments
 * @param lever the region's safety lever
 */
record FisRegion(
    String name, TemplateStore templates, ExperimentStore experiments, SafetyLever lever) {

  static FisRegion named(String name) {
    SafetyLever lever = new SafetyLever();
    return new FisRegion(name, new TemplateStore(), new ExperimentStore(lever), lever);
  }
}
