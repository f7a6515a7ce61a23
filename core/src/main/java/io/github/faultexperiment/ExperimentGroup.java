package io.github.faultexperiment;

import io.github.faultexperiment.report.ExperimentReport;
import io.github.faultexperiment.report.ReportPublisher;
import io.github.faultexperiment.spi.ServiceReport;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The experiments of one test (or one test class): all started and injected before the body, all
 * stopped after it, one report each. Kept in the JUnit Store as an {@link AutoCloseable}, so JUnit
 * stops whatever is still live if the extension's own calls never get there. Not public API.
 */
final class ExperimentGroup implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ExperimentGroup.class.getName());

  private final List<ExperimentLifecycle> experiments;
  private final List<String> reportNames;
  private final Path reportDirectory;
  private final ReportPublisher publisher;
  private volatile SteadyStateGuard steadyState;
  private volatile AutoCloseable probe;
  private boolean finished;
  private boolean recoveryAwaited;

  /**
   * Creates a group; nothing starts until {@link #startAndAwaitInjected()}.
   *
   * @param experiments the experiments, in declaration order
   * @param reportDirectory where this test's reports go
   * @param publisher attaches reports to the test's results
   */
  public ExperimentGroup(
      List<ExperimentLifecycle> experiments, Path reportDirectory, ReportPublisher publisher) {
    this(experiments, reportNames(experiments), reportDirectory, publisher);
  }

  /**
   * Creates a group of one experiment whose report files get the given name.
   *
   * @param experiment the experiment
   * @param reportName the report's file name without extension
   * @param reportDirectory where this test's reports go
   * @param publisher attaches reports to the test's results
   */
  public ExperimentGroup(
      ExperimentLifecycle experiment,
      String reportName,
      Path reportDirectory,
      ReportPublisher publisher) {
    this(List.of(experiment), List.of(reportName), reportDirectory, publisher);
  }

  private ExperimentGroup(
      List<ExperimentLifecycle> experiments,
      List<String> reportNames,
      Path reportDirectory,
      ReportPublisher publisher) {
    this.experiments = List.copyOf(experiments);
    refuseTheSameTemplateTwice(this.experiments);
    this.reportNames = List.copyOf(reportNames);
    this.reportDirectory = reportDirectory;
    this.publisher = publisher;
  }

  /**
   * Experiments of one template never overlap (see {@link OverlapSlots}), so a second one in the
   * same group would wait for the first until its injection timeout: say so at once instead.
   */
  private static void refuseTheSameTemplateTwice(List<ExperimentLifecycle> experiments) {
    Set<String> seen = new HashSet<>();
    for (ExperimentLifecycle experiment : experiments) {
      if (!seen.add(experiment.provider() + " " + experiment.template())) {
        throw new ExtensionConfigurationException(
            "@FaultExperiment(template = \""
                + experiment.template()
                + "\") appears twice on one test: experiments of one template never overlap, so"
                + " the second would wait for the first forever. Use each template once per"
                + " test, or a second template with the same actions.");
      }
    }
  }

  /** One file name per experiment: the template, with {@code -2}, {@code -3}… for repeats. */
  private static List<String> reportNames(List<ExperimentLifecycle> experiments) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (ExperimentLifecycle experiment : experiments) {
      String base = fileName(experiment.template());
      int count = seen.merge(base, 1, Integer::sum);
      names.add(count == 1 ? base : base + "-" + count);
    }
    return names;
  }

  /**
   * Puts the group under a steady-state discipline: checks before the start, optional probing while
   * injected, recovery after the end. Call before the group starts.
   */
  public void guardedBy(SteadyStateGuard guard) {
    this.steadyState = guard;
  }

  /** The experiments, in declaration order. */
  public List<ExperimentLifecycle> experiments() {
    return experiments;
  }

  /**
   * Verifies the steady state (if guarded), starts every experiment, then waits until each is
   * injected. On any failure stops all that started, publishes what happened and rethrows (stop
   * failures suppressed); when the steady state does not hold, nothing is started and the test is
   * aborted.
   */
  public void startAndAwaitInjected() {
    finishOnFailure(
        () -> {
          verifySteadyState();
          experiments.forEach(ExperimentLifecycle::start);
          experiments.forEach(ExperimentLifecycle::awaitInjected);
          startProbing();
        });
  }

  /**
   * Verifies the steady state (if guarded) and starts every experiment without waiting; on failure
   * as {@link #startAndAwaitInjected()}.
   */
  public void start() {
    finishOnFailure(
        () -> {
          verifySteadyState();
          experiments.forEach(ExperimentLifecycle::start);
        });
  }

  /** Waits until every experiment is injected; on failure as {@link #startAndAwaitInjected()}. */
  public void awaitInjected() {
    finishOnFailure(
        () -> {
          experiments.forEach(ExperimentLifecycle::awaitInjected);
          startProbing();
        });
  }

  private void verifySteadyState() {
    SteadyStateGuard guard = steadyState;
    if (guard != null) {
      guard.verifyBefore(experiments);
    }
  }

  private void startProbing() {
    SteadyStateGuard guard = steadyState;
    if (guard != null && probe == null) {
      probe = guard.probeDuringFault(experiments);
    }
  }

  private void finishOnFailure(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error failure) {
      for (ExperimentLifecycle experiment : experiments) {
        if (experiment.live()) {
          experiment.failedBecause(failure);
        }
      }
      try {
        finish(failure);
      } catch (RuntimeException | Error stopFailure) {
        failure.addSuppressed(stopFailure);
      }
      throw failure;
    }
  }

  /** Records the body's start on every experiment's timeline. */
  public void bodyStarted(String name) {
    experiments.forEach(experiment -> experiment.bodyStarted(name));
  }

  /**
   * Records the body's end and checks that no experiment ended by itself during it.
   *
   * @param name the test
   * @param bodyFailure what the body threw, or {@code null}
   * @param failures receives each early end
   */
  public void bodyEnded(String name, Throwable bodyFailure, Consumer<Throwable> failures) {
    for (ExperimentLifecycle experiment : experiments) {
      experiment.bodyEnded(name, bodyFailure);
      try {
        experiment.verifyNotEndedEarly();
      } catch (RuntimeException | Error e) {
        failures.accept(e);
      }
    }
  }

  /**
   * Stops every experiment (all stop requests first, so they revert in parallel), waits until all
   * ended, then publishes the reports. Idempotent.
   *
   * @param bodyFailure the test's failure, for the reports' outcome, or {@code null}
   * @throws RuntimeException the first stop failure, with the others suppressed
   */
  public void finish(Throwable bodyFailure) {
    List<Throwable> failures = new ArrayList<>();
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
    }
    endProbe(failures::add);
    stopAll(failures::add);
    boolean stopped = failures.isEmpty();
    if (stopped) {
      awaitRecovery(failures::add);
    }
    if (stopped && bodyFailure == null) {
      // After the stop: traffic is attributed as it meets the fault, so none is missed.
      verifyFelt(failures::add);
    }
    if (bodyFailure != null) {
      experiments.forEach(experiment -> experiment.failedBecause(bodyFailure));
    }
    failures.forEach(
        failure -> experiments.forEach(experiment -> experiment.failedBecause(failure)));
    publishReports(failures::add);
    rethrow(failures);
  }

  /**
   * Ends the fault before the group finishes, for a test that ends its experiment itself: ends the
   * probing, stops every experiment still live, waits until all ended, then awaits the steady
   * state's recovery (if guarded, and only once per group). The reports are still published by
   * {@link #finish(Throwable)}.
   *
   * @throws RuntimeException the first stop or recovery failure, with the others suppressed
   */
  public void stopAndAwaitRecovery() {
    List<Throwable> failures = new ArrayList<>();
    endProbe(failures::add);
    stopAll(failures::add);
    if (failures.isEmpty()) {
      awaitRecovery(failures::add);
    }
    rethrow(failures);
  }

  /** Stops every live experiment without publishing (a {@code @Timeout} is about to interrupt). */
  public void stopNow() {
    List<Throwable> failures = new ArrayList<>();
    endProbe(failures::add);
    stopAll(failures::add);
    rethrow(failures);
  }

  @Override
  public void close() {
    finish(null);
  }

  private void verifyFelt(Consumer<Throwable> failures) {
    for (ExperimentLifecycle experiment : experiments) {
      try {
        experiment.verifyFelt();
      } catch (RuntimeException | Error e) {
        failures.accept(e);
      }
    }
  }

  private void stopAll(Consumer<Throwable> failures) {
    for (ExperimentLifecycle experiment : experiments) {
      try {
        experiment.requestStop();
      } catch (RuntimeException | Error e) {
        failures.accept(e);
      }
    }
    for (ExperimentLifecycle experiment : experiments) {
      try {
        experiment.stopAndAwaitEnded();
      } catch (RuntimeException | Error e) {
        failures.accept(e);
      }
    }
  }

  private void endProbe(Consumer<Throwable> failures) {
    AutoCloseable running = probe;
    probe = null;
    if (running == null) {
      return;
    }
    try {
      running.close();
    } catch (Exception e) {
      failures.accept(e);
    }
  }

  /** Once every started experiment has ended, the steady state must come back; awaited once. */
  private void awaitRecovery(Consumer<Throwable> failures) {
    SteadyStateGuard guard = steadyState;
    List<ExperimentLifecycle> started =
        experiments.stream().filter(experiment -> !experiment.experimentId().isEmpty()).toList();
    if (guard == null || started.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (recoveryAwaited) {
        return;
      }
      recoveryAwaited = true;
    }
    try {
      guard.awaitRecovery(started);
    } catch (RuntimeException | Error e) {
      failures.accept(e);
    }
  }

  private void publishReports(Consumer<Throwable> failures) {
    for (int i = 0; i < experiments.size(); i++) {
      ExperimentLifecycle experiment = experiments.get(i);
      String name = reportNames.get(i);
      try {
        Path directory = reportDirectory;
        ServiceReport serviceReport = serviceReport(experiment, directory);
        ExperimentReport report = experiment.report(serviceReport);
        publisher.publish(directory, name, report, serviceReport.artifacts());
      } catch (RuntimeException e) {
        failures.accept(e);
      }
    }
  }

  /**
   * The service's own report; one that cannot be fetched is evidence missing, not a failed test.
   * Providers report the failures they expect as unavailable; anything else they throw is recorded
   * and logged here the same way, so the extension's own report is still written.
   */
  private ServiceReport serviceReport(ExperimentLifecycle experiment, Path directory) {
    try {
      return experiment.serviceReport(directory);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not fetch the "
              + experiment.provider()
              + " report of experiment "
              + experiment.experimentId()
              + "; the test's own report records it.",
          e);
      return new ServiceReport("Service report", "not fetched: " + e, true, List.of(), List.of());
    }
  }

  /** A file-system-safe name for a template reference. */
  static String fileName(String value) {
    String name = value.replaceAll("[^A-Za-z0-9._-]+", "_");
    return name.length() > 100 ? name.substring(name.length() - 100) : name;
  }

  /** Throws the first failure with the others suppressed on it; nothing when there are none. */
  static void rethrow(List<Throwable> failures) {
    if (failures.isEmpty()) {
      return;
    }
    Throwable first = failures.get(0);
    failures.stream().skip(1).filter(f -> f != first).forEach(first::addSuppressed);
    if (first instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw (Error) first;
  }
}
