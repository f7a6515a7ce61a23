package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Where a test run's summary goes and which run it belongs to.
 *
 * @param directory the report directory ({@value FaultExperimentProperties#REPORT_DIR})
 * @param runId the forks of one run share it ({@value FaultExperimentProperties#SUMMARY_RUN_ID})
 * @param requireExperiments whether a run without experiments fails ({@value
 *     FaultExperimentProperties#SUMMARY_REQUIRE_EXPERIMENTS})
 */
record RunSummaryDestination(Path directory, String runId, boolean requireExperiments) {
  /** Present in the system class path of Surefire's and Failsafe's forked JVMs only. */
  private static final String SUREFIRE_FORK = "org/apache/maven/surefire/booter/ForkedBooter.class";

  static RunSummaryDestination of(ConfigurationParameters parameters) {
    Configuration configuration =
        new Configuration(parameters::get, name -> Optional.ofNullable(System.getenv(name)));
    return new RunSummaryDestination(
        Path.of(
            configuration
                .parameter(FaultExperimentProperties.REPORT_DIR)
                .orElse(FaultExperimentProperties.REPORT_DIR_DEFAULT)),
        configuration
            .parameter(FaultExperimentProperties.SUMMARY_RUN_ID)
            .map(id -> "run " + id)
            .orElseGet(RunSummaryDestination::processRunId),
        configuration.bool(
            FaultExperimentProperties.SUMMARY_REQUIRE_EXPERIMENTS,
            Boolean.parseBoolean(FaultExperimentProperties.SUMMARY_REQUIRE_EXPERIMENTS_DEFAULT)));
  }

  /**
   * A Surefire/Failsafe fork belongs to the Maven JVM that forked it (through a shell, so the
   * nearest ancestor that is a JVM), which lives exactly as long as the build: its forks merge, the
   * next build does not. Any other JVM (in-process runs, IDEs, the console launcher) is a run of
   * its own — its parent may be a long-lived IDE or daemon.
   */
  private static String processRunId() {
    ProcessHandle self = ProcessHandle.current();
    ProcessHandle owner =
        ClassLoader.getSystemClassLoader().getResource(SUREFIRE_FORK) != null
            ? forkingJvm(self).orElse(self)
            : self;
    return "process "
        + owner.pid()
        + " started "
        + owner.info().startInstant().map(Instant::toString).orElse("at an unknown time");
  }

  private static Optional<ProcessHandle> forkingJvm(ProcessHandle fork) {
    Optional<ProcessHandle> ancestor = fork.parent();
    for (int level = 0; level < 4 && ancestor.isPresent(); level++) {
      ProcessHandle candidate = ancestor.get();
      if (candidate.info().command().map(RunSummaryDestination::isJava).orElse(false)) {
        return ancestor;
      }
      ancestor = candidate.parent();
    }
    return fork.parent();
  }

  private static boolean isJava(String command) {
    String name = Path.of(command).getFileName().toString();
    return name.equals("java") || name.equals("java.exe");
  }
}
