package io.github.faultexperiment;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.FaultProvider;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.ProviderContext;
import io.github.faultexperiment.spi.SafetySettings;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.commons.JUnitException;

/**
 * The command-line form of the {@link AbandonedExperimentSweep}: stops the experiments that test
 * runs of this extension abandoned (their JVM was killed or their machine lost) and whose lease has
 * lapsed — and never any other experiment. Meant as a CI step that runs whatever happened to the
 * test job, where the sweep at a provider's first use waits for the next test run:
 *
 * <pre>
 * java -cp "$(cat cp.txt)" io.github.faultexperiment.SweepCommand --provider aws \
 *     -Dfaultexperiment.aws.region=eu-west-1
 * </pre>
 *
 * <p>Settings are the extension's configuration parameters, read from {@code -D} system properties
 * (before the class name) or environment variables named like them in upper case with {@code _}
 * ({@code FAULTEXPERIMENT_AWS_REGION}), then the clouds' own conventions ({@code AWS_REGION},
 * {@code GOOGLE_CLOUD_PROJECT}, …). Prints one line per experiment stopped; exits 0 when every
 * abandoned experiment was confirmed ended, 1 when one could not be, 2 on bad arguments or
 * settings.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SweepCommand {
  private SweepCommand() {}

  /**
   * Runs one sweep.
   *
   * @param args {@code --provider ID} (default: {@value FaultExperimentProperties#PROVIDER}, else
   *     the only provider module on the classpath)
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  private static int run(String[] args, PrintStream out, PrintStream err) {
    Configuration configuration =
        Configuration.ofProcess(
            key -> Optional.ofNullable(System.getProperty(key)).or(() -> environment(key)));
    FaultProviderFactory factory;
    try {
      factory = provider(args, configuration);
    } catch (IllegalArgumentException | JUnitException e) {
      err.println(e.getMessage());
      return 2;
    }
    SafetySettings safety;
    List<AbandonedExperimentSweep.Swept> swept;
    try {
      safety = new SettingsResolver(configuration).safety();
      try (FaultProvider service =
          factory.create(
              new ProviderContext(configuration, safety, Owner.CURRENT, Optional.empty()))) {
        swept = AbandonedExperimentSweep.sweep(service, safety);
      }
    } catch (FaultExperimentException | JUnitException e) {
      err.println("sweep " + factory.id() + " failed: " + e.getMessage());
      return 2;
    }
    boolean allEnded = true;
    for (AbandonedExperimentSweep.Swept experiment : swept) {
      if (experiment.failure() == null) {
        out.println("stopped " + experiment.experimentId() + " " + experiment.finalState());
      } else {
        allEnded = false;
        out.println(
            "NOT STOPPED " + experiment.experimentId() + " " + experiment.failure().getMessage());
      }
    }
    out.println(
        "sweep "
            + factory.id()
            + " abandoned="
            + swept.size()
            + " not_stopped="
            + swept.stream().filter(s -> s.failure() != null).count());
    return allEnded ? 0 : 1;
  }

  private static FaultProviderFactory provider(String[] args, Configuration configuration) {
    String value = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--provider") && i + 1 < args.length) {
        value = args[++i];
      } else if (args[i].startsWith("--provider=")) {
        value = args[i].substring("--provider=".length());
      } else {
        throw new IllegalArgumentException(
            "Unknown argument '"
                + args[i]
                + "'. Usage: java -cp … io.github.faultexperiment.SweepCommand [--provider ID],"
                + " settings as -Dfaultexperiment.… system properties.");
      }
    }
    Providers providers = Providers.onClasspath();
    return value == null
        ? providers.defaultFactory(configuration)
        : providers.factory(value, "--provider");
  }

  /** {@code faultexperiment.aws.region} → {@code FAULTEXPERIMENT_AWS_REGION}. */
  private static Optional<String> environment(String key) {
    return Optional.ofNullable(
        System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
  }
}
