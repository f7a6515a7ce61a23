package io.github.faultexperiment;

import io.github.faultexperiment.report.ReportPublisher;
import io.github.faultexperiment.spi.FaultProvider;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The experiments one test started from code, and the phases it named: kept in the test's JUnit
 * Store, so that whatever the test forgot is stopped when it ends — by the extension's after-each
 * callback, else by JUnit closing the Store — and each experiment's report is published then, with
 * every phase of the test on its timeline. Not public API.
 */
final class ProgrammaticExperiments implements AutoCloseable {
  private static final System.Logger LOG =
      System.getLogger(ProgrammaticExperiments.class.getName());

  private final TestIdentity test;
  private final Path reportDirectory;
  private final ReportPublisher publisher;
  private final List<ProgrammaticExperiment> experiments = new ArrayList<>();
  private final List<NamedPhase> phases = new ArrayList<>();
  private boolean finished;

  /**
   * Creates the tracker of one test.
   *
   * @param test who starts the experiments
   * @param reportDirectory where this test's reports go
   * @param publisher attaches reports to the test's results
   */
  public ProgrammaticExperiments(
      TestIdentity test, Path reportDirectory, ReportPublisher publisher) {
    this.test = test;
    this.reportDirectory = reportDirectory;
    this.publisher = publisher;
  }

  /**
   * Starts an experiment (without waiting for injection) and tracks it. Its report is named {@code
   * started-<n>-<template>}, n counting this test's started experiments from 1.
   *
   * @param settings the experiment's resolved settings
   * @param provider the service
   * @param localTargets reads the embedded emulator's local targets, for the report
   * @param steadyState the test's steady-state checks, verified before the start; empty when the
   *     test class has none
   * @return the handle
   * @throws org.opentest4j.TestAbortedException when the steady state did not hold: nothing started
   */
  public ProgrammaticExperiment start(
      ExperimentSettings settings,
      FaultProvider provider,
      LocalTargetMeter localTargets,
      Optional<SteadyStateGuard> steadyState) {
    ExperimentLifecycle lifecycle = new ExperimentLifecycle(settings, provider, test, localTargets);
    ProgrammaticExperiment experiment;
    synchronized (this) {
      if (finished) {
        throw new FaultExperimentException(
            "Cannot start template '"
                + settings.template()
                + "': "
                + test.displayName()
                + " has already ended. Start experiments from the test method, or its"
                + " @BeforeEach/@AfterEach methods.");
      }
      String name =
          "started-"
              + (experiments.size() + 1)
              + "-"
              + ExperimentGroup.fileName(settings.template());
      ExperimentGroup group = new ExperimentGroup(lifecycle, name, reportDirectory, publisher);
      steadyState.ifPresent(group::guardedBy);
      experiment = new ProgrammaticExperiment(lifecycle, group);
      phases.forEach(phase -> lifecycle.markPhase(phase.at(), phase.name()));
      experiments.add(experiment);
    }
    experiment.start();
    return experiment;
  }

  /**
   * Names a phase of the test now; it appears on the timeline of every experiment of this test,
   * those started later included.
   *
   * @param name the test's name for the phase
   */
  public synchronized void markPhase(String name) {
    NamedPhase phase = new NamedPhase(Instant.now(), name);
    phases.add(phase);
    for (ProgrammaticExperiment experiment : experiments) {
      experiment.lifecycle().markPhase(phase.at(), phase.name());
    }
  }

  /**
   * Stops every experiment still live (stop requests first, so they revert in parallel), waits
   * until each ended and its steady state recovered (where the test class has checks), and
   * publishes every report. Idempotent.
   *
   * @param testFailure the test's failure, for the reports' outcome, or {@code null}
   * @throws RuntimeException the first stop or publishing failure, with the others suppressed
   */
  public void finish(Throwable testFailure) {
    List<ProgrammaticExperiment> all;
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      all = List.copyOf(experiments);
    }
    List<Throwable> failures = new ArrayList<>();
    for (ProgrammaticExperiment experiment : all) {
      if (experiment.live()) {
        LOG.log(
            Level.WARNING,
            () ->
                experiment
                    + " was still live when "
                    + test.displayName()
                    + " ended: stopping it. Stop it in the test (try-with-resources) to see its"
                    + " stop failures there.");
        requestStop(experiment.lifecycle(), failures);
      }
    }
    for (ProgrammaticExperiment experiment : all) {
      try {
        experiment.group().finish(testFailure);
      } catch (RuntimeException | Error e) {
        failures.add(e);
      }
    }
    ExperimentGroup.rethrow(failures);
  }

  /** Stops every live experiment without publishing (a {@code @Timeout} is about to interrupt). */
  public void stopNow() {
    List<ProgrammaticExperiment> all;
    synchronized (this) {
      all = List.copyOf(experiments);
    }
    List<Throwable> failures = new ArrayList<>();
    all.forEach(experiment -> requestStop(experiment.lifecycle(), failures));
    for (ProgrammaticExperiment experiment : all) {
      try {
        experiment.group().stopNow();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    ExperimentGroup.rethrow(failures);
  }

  /** JUnit closes the Store: the backstop when the after-each callback never ran. */
  @Override
  public void close() {
    finish(null);
  }

  private static void requestStop(ExperimentLifecycle lifecycle, List<Throwable> failures) {
    try {
      lifecycle.requestStop();
    } catch (RuntimeException e) {
      lifecycle.failedBecause(e);
      failures.add(e);
    }
  }

  private record NamedPhase(Instant at, String name) {}
}
