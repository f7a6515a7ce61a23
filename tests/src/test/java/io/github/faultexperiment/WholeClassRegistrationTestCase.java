package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension registered on a whole class of which only one test is a chaos test, as
 * auto-registration would: the plain test must run as if the extension were absent.
 */
class WholeClassRegistrationTestCase {
  @RegisterExtension
  static final FaultExperimentExtension EXTENSION = new FaultExperimentExtension();

  @Test
  @FaultExperiment(template = "primary")
  void chaos(ExperimentHandle experiment) {
    assertThat(experiment.experimentId()).isNotBlank();
  }

  @Test
  void plain() {
    assertThat(EXTENSION).isNotNull();
  }
}
