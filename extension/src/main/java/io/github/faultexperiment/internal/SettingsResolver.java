package io.github.faultexperiment.internal;

import io.github.faultexperiment.FaultExperiment;
import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Turns annotation attributes and configuration parameters into settings, in this order: attribute,
 * configuration parameter, default. Everything is validated here, before any cloud call; a misuse
 * throws {@link ExtensionConfigurationException} naming the attribute or parameter, the value and
 * what would be valid. Not public API.
 */
public final class SettingsResolver {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
  private static final Duration LIFETIME_MARGIN = Duration.ofHours(1);
  private static final int DEFAULT_MAX_ACTIVE = 5;
  private static final Duration DEFAULT_STEADY_STATE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);
  private static final String RESERVED_TAG_PREFIX = "faultexperiment:";

  private final Configuration configuration;

  /**
   * Creates a resolver over one configuration.
   *
   * @param configuration configuration parameters and environment
   */
  public SettingsResolver(Configuration configuration) {
    this.configuration = configuration;
  }

  /** The run-wide settings. */
  public RunSettings run() {
    return new RunSettings(
        bool(FaultExperimentProperties.ENABLED, true),
        embedded(),
        configuration
            .parameter(FaultExperimentProperties.REPORT_DIR)
            .map(Path::of)
            .orElse(Path.of("target", "fault-experiments")),
        configuration
            .parameter(FaultExperimentProperties.AWS_REPORT_TIMEOUT)
            .map(value -> duration(FaultExperimentProperties.AWS_REPORT_TIMEOUT, value, true))
            .orElse(Duration.ZERO));
  }

  /** The settings that keep faults from outliving their run (leases, sweep, quota). */
  public SafetySettings safety() {
    Duration injectionTimeout =
        configuration
            .parameter(FaultExperimentProperties.INJECTION_TIMEOUT)
            .map(value -> duration(FaultExperimentProperties.INJECTION_TIMEOUT, value, false))
            .orElse(DEFAULT_TIMEOUT);
    return new SafetySettings(
        positiveDuration(FaultExperimentProperties.LEASE_DURATION, DEFAULT_LEASE),
        positiveDuration(
            FaultExperimentProperties.MAX_EXPERIMENT_LIFETIME,
            injectionTimeout.plus(LIFETIME_MARGIN)),
        bool(FaultExperimentProperties.SWEEP, true),
        positiveInt(FaultExperimentProperties.MAX_ACTIVE_EXPERIMENTS, DEFAULT_MAX_ACTIVE),
        positiveDuration(FaultExperimentProperties.STOP_TIMEOUT, DEFAULT_TIMEOUT));
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
        timeout("stopTimeout", annotation.stopTimeout(), FaultExperimentProperties.STOP_TIMEOUT),
        awaitActions(annotation.awaitActions()),
        tags(annotation.tags()),
        annotation.dryRun(),
        annotation.allowEarlyEnd());
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
  public SteadyStateSettings steadyState(InjectionOptions options) {
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
        positiveDuration(
            FaultExperimentProperties.STEADY_STATE_TIMEOUT, DEFAULT_STEADY_STATE_TIMEOUT),
        recoveryTimeout != null
            ? recoveryTimeout
            : positiveDuration(
                FaultExperimentProperties.RECOVERY_TIMEOUT, DEFAULT_RECOVERY_TIMEOUT),
        probeDuringFault,
        interval != null
            ? interval
            : positiveDuration(FaultExperimentProperties.PROBE_INTERVAL, DEFAULT_PROBE_INTERVAL));
  }

  /**
   * Settings of an experiment started from code: each value the builder was given wins; the rest
   * come from configuration parameters, then defaults, exactly as for the annotation.
   *
   * @param template the template reference passed to {@code start} or {@code during}
   * @param options the builder's values
   * @throws IllegalArgumentException when the template is blank
   */
  public ExperimentSettings experiment(String template, InjectionOptions options) {
    String reference = template == null ? "" : template.strip();
    if (reference.isEmpty()) {
      throw new IllegalArgumentException(
          "template = '"
              + template
              + "' is not valid: use a template id (EXT…), name or resource name.");
    }
    return new ExperimentSettings(
        reference,
        options.provider() != null ? options.provider() : provider(""),
        options.injectionTimeout() != null
            ? options.injectionTimeout()
            : timeout("injectionTimeout", "", FaultExperimentProperties.INJECTION_TIMEOUT),
        options.stopTimeout() != null
            ? options.stopTimeout()
            : timeout("stopTimeout", "", FaultExperimentProperties.STOP_TIMEOUT),
        List.of(),
        options.tags(),
        options.dryRun(),
        options.allowEarlyEnd());
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

  private boolean embedded() {
    Optional<String> mode = configuration.parameter(FaultExperimentProperties.EMULATOR);
    if (mode.isEmpty()) {
      return false;
    }
    if (mode.get().equalsIgnoreCase("embedded")) {
      return true;
    }
    throw new ExtensionConfigurationException(
        "Configuration parameter "
            + FaultExperimentProperties.EMULATOR
            + " = '"
            + mode.get()
            + "' is not valid: use 'embedded' (start the emulator in-process) or leave it unset.");
  }

  private boolean bool(String key, boolean defaultValue) {
    Optional<String> value = configuration.parameter(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ExtensionConfigurationException(
              "Configuration parameter "
                  + key
                  + " = '"
                  + value.get()
                  + "' is not valid: use true or false.");
    };
  }

  private Duration positiveDuration(String key, Duration defaultValue) {
    return configuration
        .parameter(key)
        .map(value -> duration(key, value, false))
        .orElse(defaultValue);
  }

  private int positiveInt(String key, int defaultValue) {
    Optional<String> value = configuration.parameter(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with what would be valid
    }
    throw new ExtensionConfigurationException(
        "Configuration parameter "
            + key
            + " = '"
            + value.get()
            + "' is not valid: use a whole number of at least 1, e.g. "
            + defaultValue
            + ".");
  }

  private Provider provider(String attribute) {
    if (!attribute.isBlank()) {
      return parseProvider("@FaultExperiment(provider)", attribute);
    }
    return configuration
        .parameter(FaultExperimentProperties.PROVIDER)
        .map(
            value ->
                parseProvider(
                    "Configuration parameter " + FaultExperimentProperties.PROVIDER, value))
        .orElse(Provider.AWS);
  }

  private static Provider parseProvider(String where, String value) {
    for (Provider provider : Provider.values()) {
      if (provider.name().equalsIgnoreCase(value.strip())) {
        return provider;
      }
    }
    throw new ExtensionConfigurationException(
        where + " = '" + value + "' is not a known provider: use aws or gcp.");
  }

  private Duration timeout(String attribute, String value, String key) {
    return timeout(attribute, value, key, DEFAULT_TIMEOUT);
  }

  private Duration timeout(String attribute, String value, String key, Duration defaultValue) {
    Duration given = attributeDuration(attribute, value);
    return given != null ? given : positiveDuration(key, defaultValue);
  }

  /** The attribute's duration, or {@code null} when the attribute was left empty. */
  private static Duration attributeDuration(String attribute, String value) {
    return value.isBlank()
        ? null
        : durationFrom("@FaultExperiment(" + attribute + ")", value, false);
  }

  private static Duration duration(String key, String value, boolean zeroAllowed) {
    return durationFrom("Configuration parameter " + key, value, zeroAllowed);
  }

  private static Duration durationFrom(String where, String value, boolean zeroAllowed) {
    Duration duration;
    try {
      duration = Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ExtensionConfigurationException(
          where
              + " = '"
              + value
              + "' is not an ISO-8601 duration: write e.g. PT30S, PT5M or PT1H30M.",
          e);
    }
    if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
      throw new ExtensionConfigurationException(
          where
              + " = '"
              + value
              + "' must be "
              + (zeroAllowed ? "zero or positive" : "positive")
              + ", e.g. PT30S or PT5M.");
    }
    return duration;
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
    return new ExtensionConfigurationException(
        "@FaultExperiment(" + attribute + ") = '" + value + "' is not valid: use " + valid + ".");
  }
}
