package io.github.faultexperiment;

import io.github.faultexperiment.report.TimelineEvent.Kind;
import io.github.faultexperiment.spi.ActionSnapshot;
import io.github.faultexperiment.spi.ExperimentSnapshot;
import io.github.faultexperiment.spi.Phase;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One poll of the wait for injection, and when that wait is over: a prepared experiment is moved on
 * ({@code proceed}), awaited actions the template lacks fail at once, and the wait settles on the
 * injected phase with the awaited actions running (a dry run: prepared), or on any end.
 */
final class InjectionWait {
  private final ObservedExperiment experiment;
  private final Consumer<RuntimeException> stopAfter;

  /**
   * Creates the poll of one experiment.
   *
   * @param experiment the experiment
   * @param stopAfter stops the experiment after a failure, keeping stop failures suppressed
   */
  InjectionWait(ObservedExperiment experiment, Consumer<RuntimeException> stopAfter) {
    this.experiment = experiment;
    this.stopAfter = stopAfter;
  }

  /** When the wait for injection is over, for these settings. */
  static Predicate<ExperimentSnapshot> settled(ExperimentSettings settings) {
    return snapshot -> settled(settings, snapshot);
  }

  ExperimentSnapshot poll() {
    ExperimentSnapshot snapshot = experiment.refresh();
    ExperimentSettings settings = experiment.settings();
    if (snapshot.phase() == Phase.PREPARED && !settings.dryRun()) {
      experiment.timeline().record(Kind.PROCEED_REQUESTED, snapshot.id(), snapshot.state(), "");
      snapshot = experiment.observe(experiment.provider().proceed(snapshot.id()));
    }
    checkAwaitedActionsExist(snapshot);
    return snapshot;
  }

  private static boolean settled(ExperimentSettings settings, ExperimentSnapshot snapshot) {
    if (snapshot.phase() == Phase.ENDED || snapshot.phase() == Phase.ENDING) {
      return true;
    }
    if (settings.dryRun()) {
      return snapshot.phase() == Phase.PREPARED;
    }
    if (snapshot.phase() != Phase.INJECTED) {
      return false;
    }
    if (snapshot.actions().isEmpty()) {
      return true;
    }
    Set<String> injected =
        snapshot.actions().stream()
            .filter(action -> action.phase() == Phase.INJECTED)
            .map(ActionSnapshot::name)
            .collect(Collectors.toSet());
    return settings.awaitActions().isEmpty()
        ? !injected.isEmpty()
        : injected.containsAll(settings.awaitActions());
  }

  private void checkAwaitedActionsExist(ExperimentSnapshot snapshot) {
    ExperimentSettings settings = experiment.settings();
    if (settings.awaitActions().isEmpty() || snapshot.actions().isEmpty()) {
      return;
    }
    Set<String> names =
        snapshot.actions().stream().map(ActionSnapshot::name).collect(Collectors.toSet());
    List<String> unknown =
        settings.awaitActions().stream().filter(name -> !names.contains(name)).toList();
    if (!unknown.isEmpty()) {
      ExtensionConfigurationException exception =
          new ExtensionConfigurationException(
              "@FaultExperiment(awaitActions) names "
                  + unknown
                  + " but template '"
                  + settings.template()
                  + "' has the actions "
                  + names.stream().sorted().toList()
                  + "; name some of those.");
      stopAfter.accept(exception);
      throw exception;
    }
  }
}
