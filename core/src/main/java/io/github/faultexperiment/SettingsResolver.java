package io.github.faultexperiment;

import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.FaultProviderFactory;
import io.github.faultexperiment.spi.SafetySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Turns annotation attributes and configuration parameters into settings, in this order: attribute,
 * configuration parameter, default. Everything is validated here, before any cloud call; a misuse
 * throws {@link ExtensionConfigurationException} naming the attribute or parameter, the value and
 * what would be valid. Not public API.
 */
final class SettingsResolver {
  private static final Duration DEFAULT_TIMEOUT =
      Duration.parse(FaultExperimentProperties.INJECTION_TIMEOUT_DEFAULT);
  private static final Duration DEFAULT_STOP_TIMEOUT =
      Duration.parse(FaultExperimentProperties.STOP_TIMEOUT_DEFAULT);
  private static final Duration DEFAULT_LEASE =
      Duration.parse(FaultExperimentProperties.LEASE_DURATION_DEFAULT);
  private static final Duration LIFETIME_MARGIN =
      Duration.parse(FaultExperimentProperties.MAX_EXPERIMENT_LIFETIME_MARGIN);
  private static final Duration DEFAULT_STEADY_STATE_TIMEOUT =
      Duration.parse(FaultExperimentProperties.STEADY_STATE_TIMEOUT_DEFAULT);
  private static final Duration DEFAULT_RECOVERY_TIMEOUT =
      Duration.parse(FaultExperimentProperties.RECOVERY_TIMEOUT_DEFAULT);
  private static final Duration DEFAULT_PROBE_INTERVAL =
      Duration.parse(FaultExperimentProperties.PROBE_INTERVAL_DEFAULT);
  private static final String RESERVED_TAG_PREFIX = "faultexperiment:";

  private final Configuration configuration;
  private final Providers providers;

  /**
   * Creates a resolver over one configuration, with the provider modules of the classpath.
   *
   * @param configuration configuration parameters and environment
   */
  public SettingsResolver(Configuration configuration) {
    this(configuration, Providers.onClasspath());
  }

  /**
   * Creates a resolver over one configuration.
   *
   * @param configuration configuration parameters and environment
   * @param providers the provider modules experiments may name
   */
  public SettingsResolver(Configuration configuration, Providers providers) {
    this.configuration = configuration;
    this.providers = providers;
  }

  /** The run-wide settings. */
  public RunSettings run() {
    return new RunSettings(
        configuration.bool(
            FaultExperimentProperties.ENABLED,
            Boolean.parseBoolean(FaultExperimentProperties.ENABLED_DEFAULT)),
        embedded(),
        Path.of(
            configuration
                .parameter(FaultExperimentProperties.REPORT_DIR)
                .orElse(FaultExperimentProperties.REPORT_DIR_DEFAULT)));
  }

  /** The settings that keep faults from outliving their run (leases, sweep, quota). */
  public SafetySettings safety() {
    Duration injectionTimeout =
        configuration.duration(FaultExperimentProperties.INJECTION_TIMEOUT, DEFAULT_TIMEOUT);
    return new SafetySettings(
        configuration.duration(FaultExperimentProperties.LEASE_DURATION, DEFAULT_LEASE),
        configuration.duration(
            FaultExperimentProperties.MAX_EXPERIMENT_LIFETIME,
            injectionTimeout.plus(LIFETIME_MARGIN)),
        configuration.bool(
            FaultExperimentProperties.SWEEP,
            Boolean.parseBoolean(FaultExperimentProperties.SWEEP_DEFAULT)),
        configuration.positiveInt(
            FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS,
            FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS_DEFAULT),
        configuration.duration(FaultExperimentProperties.STOP_TIMEOUT, DEFAULT_STOP_TIMEOUT));
  }

  /** One annotation's settings. */
  public ExperimentSettings experiment(FaultExperiment annotation) {
    String template = annotation.template().strip();
    if (template.isEmpty()) {
      throw invalid(
          "template", annotation.template(), "a template id (EXT…), name or resource name");
    }
    if (annotation.dryRun() && annotation.awaitActions().length > 0) {
      throw new ExtensionConfigurationException(
          "@FaultExperiment(template = \""
              + template
              + "\") sets both dryRun = true and awaitActions = "
              + Arrays.toString(annotation.awaitActions())
              + ": a dry run injects no action. Remove one of them.");
    }
    return new ExperimentSettings(
        template,
        provider(annotation.provider()),
        timeout(
            "injectionTimeout",
            annotation.injectionTimeout(),
            FaultExperimentProperties.INJECTION_TIMEOUT),
        timeout(
            "stopTimeout",
            annotation.stopTimeout(),
            FaultExperimentProperties.STOP_TIMEOUT,
            DEFAULT_STOP_TIMEOUT),
        awaitActions(annotation.awaitActions()),
        tags(annotation.tags()),
        annotation.dryRun(),
        annotation.allowEarlyEnd(),
        safety(),
        failOnUnreachedFaults(),
        acknowledgedUnfelt(template, annotation.acknowledgeUnfelt()));
  }

  /** One annotation's steady-state settings (used only when the test class has checks). */
  public SteadyStateSettings steadyState(FaultExperiment annotation) {
    for (String name : annotation.steadyState()) {
      if (name.isBlank()) {
        throw invalid(
            "steadyState",
            Arrays.toString(annotation.steadyState()),
            "names of the test class's @SteadyState methods");
      }
    }
    return steadyState(
        Arrays.stream(annotation.steadyState()).map(String::strip).distinct().toList(),
        attributeDuration("recoveryTimeout", annotation.recoveryTimeout()),
        annotation.probeDuringFault(),
        attributeDuration("probeInterval", annotation.probeInterval()));
  }

  /**
   * Steady-state settings of experiments started from code: each value the builder was given wins;
   * the rest come from configuration parameters, then defaults, exactly as for the annotation.
   *
   * @param options the builder's values
   * @return the settings (used only when the test class has checks)
   */
  public SteadyStateSettings steadyState(ProgrammaticOptions options) {
    return steadyState(
        options.steadyStateChecks(),
        options.recoveryTimeout(),
        options.probeDuringFault(),
        options.probeInterval());
  }

  private SteadyStateSettings steadyState(
      List<String> checks, Duration recoveryTimeout, boolean probeDuringFault, Duration interval) {
    return new SteadyStateSettings(
        checks,
        configuration.duration(
            FaultExperimentProperties.STEADY_STATE_TIMEOUT, DEFAULT_STEADY_STATE_TIMEOUT),
        recoveryTimeout != null
            ? recoveryTimeout
            : configuration.duration(
                FaultExperimentProperties.RECOVERY_TIMEOUT, DEFAULT_RECOVERY_TIMEOUT),
        probeDuringFault,
        interval != null
            ? interval
            : configuration.duration(
                FaultExperimentProperties.PROBE_INTERVAL, DEFAULT_PROBE_INTERVAL));
  }

  /**
   * Settings of an experiment started from code: each value the builder was given wins; the rest
   * come from configuration parameters, then defaults, exactly as for the annotation.
   *
   * @param template the template reference passed to {@code start} or {@code during}
   * @param options the builder's values
   * @throws IllegalArgumentException when the template is blank
   */
  public ExperimentSettings experiment(String template, ProgrammaticOptions options) {
    String reference = template == null ? "" : template.strip();
    if (reference.isEmpty()) {
      throw new IllegalArgumentException(
          "template = '"
              + template
              + "' is not valid: use a template id (EXT…), name or resource name.");
    }
    return new ExperimentSettings(
        reference,
        options.provider() != null
            ? providers.factory(options.provider(), "FaultInjection.builder().provider")
            : provider(""),
        options.injectionTimeout() != null
            ? options.injectionTimeout()
            : timeout("injectionTimeout", "", FaultExperimentProperties.INJECTION_TIMEOUT),
        options.stopTimeout() != null
            ? options.stopTimeout()
            : timeout(
                "stopTimeout", "", FaultExperimentProperties.STOP_TIMEOUT, DEFAULT_STOP_TIMEOUT),
        List.of(),
        options.tags(),
        options.dryRun(),
        options.allowEarlyEnd(),
        safety(),
        failOnUnreachedFaults(),
        acknowledgedUnfelt(
            reference,
            options
                .acknowledgedUnfelt()
                .getOrDefault(reference, List.of())
                .toArray(String[]::new)));
  }

  /**
   * What is wrong with one experiment tag, if anything; the same rules for the annotation and the
   * builder.
   *
   * @param key the tag's key
   * @param value the tag's value
   * @return what would be valid, or empty when the tag is valid
   */
  public static Optional<String> tagProblem(String key, String value) {
    if (key.isEmpty() || key.length() > 128 || value.length() > 256) {
      return Optional.of("key=value with a key of 1 to 128 characters and a value of at most 256");
    }
    if (key.startsWith(RESERVED_TAG_PREFIX)) {
      return Optional.of("a key not starting with '" + RESERVED_TAG_PREFIX + "' (reserved)");
    }
    return Optional.empty();
  }

  private boolean failOnUnreachedFaults() {
    String value =
        configuration
            .parameter(FaultExperimentProperties.UNREACHED_FAULTS)
            .orElse(FaultExperimentProperties.UNREACHED_FAULTS_DEFAULT);
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "fail" -> true;
      case "warn" -> false;
      default ->
          throw Configuration.invalid(
              Configuration.parameterSource(FaultExperimentProperties.UNREACHED_FAULTS),
              value,
              "fail (the default: a fault the application does not feel fails the test) or warn");
    };
  }

  /**
   * The actions of experiments from {@code template} the user acknowledged may go unfelt: the
   * attribute's names, and the parameter's entries naming the template ({@code TEMPLATE} for all of
   * its actions, {@code TEMPLATE:ACTION} for one).
   */
  private AcknowledgedUnfelt acknowledgedUnfelt(String template, String[] attribute) {
    List<String> actions = new ArrayList<>();
    for (String name : attribute) {
      if (name.isBlank()) {
        throw invalid(
            "acknowledgeUnfelt",
            Arrays.toString(attribute),
            "names of the template's actions (FIS: the action's name; Fault Testing: its kind)");
      }
      actions.add(name.strip());
    }
    boolean everyAction = false;
    for (String entry : configuration.list(FaultExperimentProperties.ACKNOWLEDGE_UNFELT)) {
      int colon = entry.indexOf(':');
      String entryTemplate = colon < 0 ? entry : entry.substring(0, colon).strip();
      String action = colon < 0 ? "" : entry.substring(colon + 1).strip();
      if (entryTemplate.isEmpty() || (colon >= 0 && action.isEmpty())) {
        throw Configuration.invalid(
            Configuration.parameterSource(FaultExperimentProperties.ACKNOWLEDGE_UNFELT),
            entry,
            "comma-separated TEMPLATE (every action of the template) or TEMPLATE:ACTION entries,"
                + " e.g. orders-impairment:runbook");
      }
      if (entryTemplate.equals(template)) {
        if (colon < 0) {
          everyAction = true;
        } else {
          actions.add(action);
        }
      }
    }
    return everyAction || !actions.isEmpty()
        ? new AcknowledgedUnfelt(everyAction, actions.stream().distinct().toList())
        : AcknowledgedUnfelt.NONE;
  }

  private boolean embedded() {
    Optional<String> mode = configuration.parameter(FaultExperimentProperties.EMULATOR);
    if (mode.isEmpty()) {
      return false;
    }
    if (mode.get().equalsIgnoreCase("embedded")) {
      return true;
    }
    throw Configuration.invalid(
        Configuration.parameterSource(FaultExperimentProperties.EMULATOR),
        mode.get(),
        "'embedded' (start the emulator in-process), or leave it unset");
  }

  private FaultProviderFactory provider(String attribute) {
    if (!attribute.isBlank()) {
      return providers.factory(attribute, "@FaultExperiment(provider)");
    }
    return providers.defaultFactory(configuration);
  }

  private Duration timeout(String attribute, String value, String key) {
    return timeout(attribute, value, key, DEFAULT_TIMEOUT);
  }

  private Duration timeout(String attribute, String value, String key, Duration defaultValue) {
    Duration given = attributeDuration(attribute, value);
    return given != null ? given : configuration.duration(key, defaultValue);
  }

  /** The attribute's duration, or {@code null} when the attribute was left empty. */
  private static Duration attributeDuration(String attribute, String value) {
    return value.isBlank()
        ? null
        : Configuration.parseDuration("@FaultExperiment(" + attribute + ")", value, false);
  }

  private static List<String> awaitActions(String[] names) {
    for (String name : names) {
      if (name.isBlank()) {
        throw invalid("awaitActions", Arrays.toString(names), "names of the template's actions");
      }
    }
    return Arrays.stream(names).map(String::strip).distinct().toList();
  }

  private static Map<String, String> tags(String[] entries) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      String key = equals < 0 ? "" : entry.substring(0, equals).strip();
      String value = equals < 0 ? "" : entry.substring(equals + 1).strip();
      tagProblem(key, value)
          .ifPresent(
              valid -> {
                throw invalid("tags", entry, valid);
              });
      if (tags.put(key, value) != null) {
        throw invalid("tags", entry, "each key once");
      }
    }
    return tags;
  }

  private static ExtensionConfigurationException invalid(
      String attribute, String value, String valid) {
    return Configuration.invalid("@FaultExperiment(" + attribute + ")", value, valid);
  }
}
