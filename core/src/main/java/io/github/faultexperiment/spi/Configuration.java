package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The one reader of settings, for the core and every provider: JUnit configuration parameters
 * ({@code faultexperiment.…}) and the environment variables the clouds' own conventions use.
 * Overrides (a {@code FaultInjection}'s builder values, tests) win over parameters.
 *
 * <p>Every value that cannot be used is reported the same way, as an {@link
 * ExtensionConfigurationException} reading {@code <where> = '<value>' is not valid: use <what would
 * be valid>.} — see {@link #invalid(String, String, String)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Configuration {
  /**
   * Configuration parameter: {@code inherit} (default) reads the process environment — the
   * environment variables below and, in the providers, the clouds' own chains (AWS profiles and
   * credential chain, Google ADC); {@code ignore} reads none of it, so only configuration
   * parameters count (a hermetic run on a developer machine whose shell holds cloud settings).
   */
  public static final String ENVIRONMENT = "faultexperiment.environment";

  /** The default of {@link #ENVIRONMENT}: {@value}. */
  public static final String ENVIRONMENT_DEFAULT = "inherit";

  private final Function<String, Optional<String>> parameters;
  private final Function<String, Optional<String>> environment;
  private final boolean processEnvironment;

  /**
   * Creates a configuration whose environment is exactly the given function: the clouds' default
   * chains, which read the process environment on their own, are not consulted ({@link
   * #readsProcessEnvironment()} is false).
   *
   * @param parameters JUnit configuration parameters by key
   * @param environment environment variables by name
   */
  public Configuration(
      Function<String, Optional<String>> parameters,
      Function<String, Optional<String>> environment) {
    this(parameters, environment, false);
  }

  private Configuration(
      Function<String, Optional<String>> parameters,
      Function<String, Optional<String>> environment,
      boolean processEnvironment) {
    this.parameters = parameters;
    this.environment = environment;
    this.processEnvironment = processEnvironment;
  }

  /**
   * The configuration of a test run: these parameters, and the process environment unless {@link
   * #ENVIRONMENT} says {@code ignore}. The only place the extension reads environment variables for
   * its settings.
   *
   * @param parameters JUnit configuration parameters by key
   */
  public static Configuration ofProcess(Function<String, Optional<String>> parameters) {
    String mode =
        parameters
            .apply(ENVIRONMENT)
            .map(String::strip)
            .filter(value -> !value.isEmpty())
            .orElse(ENVIRONMENT_DEFAULT);
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "inherit" ->
          new Configuration(parameters, name -> Optional.ofNullable(System.getenv(name)), true);
      case "ignore" -> new Configuration(parameters, name -> Optional.empty(), false);
      default -> throw invalid(parameterSource(ENVIRONMENT), mode, "inherit or ignore");
    };
  }

  /** A configuration of the given parameters and environment variables only. */
  public static Configuration of(Map<String, String> parameters, Map<String, String> environment) {
    Map<String, String> params = Map.copyOf(parameters);
    Map<String, String> env = Map.copyOf(environment);
    return new Configuration(
        key -> Optional.ofNullable(params.get(key)), name -> Optional.ofNullable(env.get(name)));
  }

  /**
   * Whether this configuration's environment is the process's own, so that providers may also let
   * the clouds' SDKs read it (profile files, credential and region chains, Application Default
   * Credentials). False for a configuration given its environment explicitly, and under {@code
   * faultexperiment.environment=ignore}: then a provider passes every value to its SDK itself.
   */
  public boolean readsProcessEnvironment() {
    return processEnvironment;
  }

  /** A non-blank configuration parameter. */
  public Optional<String> parameter(String key) {
    return parameters.apply(key).map(String::strip).filter(value -> !value.isEmpty());
  }

  /** A non-blank environment variable. */
  public Optional<String> environment(String name) {
    return environment.apply(name).map(String::strip).filter(value -> !value.isEmpty());
  }

  /** This configuration with some parameters replaced. */
  public Configuration withParameters(Map<String, String> overrides) {
    Map<String, String> copy = new HashMap<>(overrides);
    return new Configuration(
        key -> copy.containsKey(key) ? Optional.of(copy.get(key)) : parameters.apply(key),
        environment,
        processEnvironment);
  }

  /**
   * A {@code true}/{@code false} parameter (any case).
   *
   * @param key the parameter
   * @param defaultValue when it is not set
   */
  public boolean bool(String key, boolean defaultValue) {
    return parameter(key).map(value -> parseBool(parameterSource(key), value)).orElse(defaultValue);
  }

  /**
   * One word of a fixed set (any case), e.g. {@code abort} or {@code fail}.
   *
   * @param key the parameter
   * @param defaultValue when it is not set
   * @param valid every word it may be, the default first
   * @return the word as listed in {@code valid}
   */
  public String oneOf(String key, String defaultValue, List<String> valid) {
    Optional<String> value = parameter(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String word = value.get().strip();
    return valid.stream()
        .filter(word::equalsIgnoreCase)
        .findFirst()
        .orElseThrow(
            () -> invalid(parameterSource(key), value.get(), "one of " + String.join(", ", valid)));
  }

  /**
   * A positive ISO-8601 duration parameter ({@code PT30S}).
   *
   * @param key the parameter
   * @param defaultValue when it is not set
   */
  public Duration duration(String key, Duration defaultValue) {
    return parameter(key)
        .map(value -> parseDuration(parameterSource(key), value, false))
        .orElse(defaultValue);
  }

  /**
   * A zero or positive ISO-8601 duration parameter ({@code PT0S} switches something off).
   *
   * @param key the parameter
   * @param defaultValue when it is not set
   */
  public Duration durationOrZero(String key, Duration defaultValue) {
    return parameter(key)
        .map(value -> parseDuration(parameterSource(key), value, true))
        .orElse(defaultValue);
  }

  /**
   * A whole-number parameter of at least 1.
   *
   * @param key the parameter
   * @param defaultValue when it is not set
   */
  public int positiveInt(String key, int defaultValue) {
    Optional<String> value = parameter(key);
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
    throw invalid(
        parameterSource(key), value.get(), "a whole number of at least 1, e.g. " + defaultValue);
  }

  /**
   * A comma-separated list parameter, each entry stripped, blanks dropped.
   *
   * @param key the parameter
   */
  public List<String> list(String key) {
    return parameter(key).stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .toList();
  }

  /**
   * An absolute http(s) URL from the first of the parameter and the environment variables that is
   * set (the clouds' conventions, e.g. {@code AWS_ENDPOINT_URL_FIS} then {@code AWS_ENDPOINT_URL}).
   *
   * @param key the parameter, which wins
   * @param environmentFallbacks environment variables tried in order
   */
  public Optional<URI> url(String key, String... environmentFallbacks) {
    Optional<String> value = parameter(key);
    String source = parameterSource(key);
    for (int i = 0; value.isEmpty() && i < environmentFallbacks.length; i++) {
      value = environment(environmentFallbacks[i]);
      source = "Environment variable " + environmentFallbacks[i];
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parseUrl(source, value.get()));
  }

  /**
   * Parses an ISO-8601 duration, for annotation attributes and builder values read elsewhere.
   *
   * @param source where the value came from, e.g. {@code @FaultExperiment(stopTimeout)}
   * @param value the text
   * @param zeroAllowed whether {@code PT0S} is valid
   */
  public static Duration parseDuration(String source, String value, boolean zeroAllowed) {
    Duration duration;
    try {
      duration = Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw invalid(source, value, "an ISO-8601 duration such as PT30S, PT5M or PT1H30M", e);
    }
    if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
      throw invalid(
          source,
          value,
          (zeroAllowed ? "a zero or positive" : "a positive") + " duration such as PT30S or PT5M");
    }
    return duration;
  }

  private static boolean parseBool(String source, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(source, value, "true or false");
    };
  }

  private static URI parseUrl(String source, String value) {
    try {
      URI uri = new URI(value);
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (web && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below with the same message as any other unusable value
    }
    throw invalid(
        source,
        value,
        "an absolute http(s) URL such as http://127.0.0.1:4566 or"
            + " https://fis.us-east-1.amazonaws.com");
  }

  /** How messages name a configuration parameter. */
  public static String parameterSource(String key) {
    return "Configuration parameter " + key;
  }

  /**
   * The one shape of every configuration error: {@code <where> = '<value>' is not valid: use
   * <valid>.}
   *
   * @param source where the value came from ({@link #parameterSource}, an annotation attribute, an
   *     environment variable)
   * @param value the value as given
   * @param valid what would be valid
   */
  public static ExtensionConfigurationException invalid(String source, String value, String valid) {
    return invalid(source, value, valid, null);
  }

  /** {@link #invalid(String, String, String)} with the parse failure as cause. */
  public static ExtensionConfigurationException invalid(
      String source, String value, String valid, Throwable cause) {
    return new ExtensionConfigurationException(
        source + " = '" + value + "' is not valid: use " + valid + ".", cause);
  }

  /**
   * The error for a setting nobody gave: {@code <what> is not set: <how to set it>.}
   *
   * @param what the setting, e.g. {@code The AWS region}
   * @param howToSet every place it can be set
   */
  public static ExtensionConfigurationException missing(String what, String howToSet) {
    return new ExtensionConfigurationException(what + " is not set: " + howToSet + ".");
  }
}
