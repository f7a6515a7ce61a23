package io.github.faultexperiment.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where settings come from: JUnit configuration parameters ({@code faultexperiment.…}) and the
 * environment variables the clouds' own conventions use. Overrides (embedded mode, tests) win over
 * parameters. Not public API.
 */
public final class Configuration {
  private final Function<String, Optional<String>> parameters;
  private final Function<String, Optional<String>> environment;

  /**
   * Creates a configuration.
   *
   * @param parameters JUnit configuration parameters by key
   * @param environment environment variables by name
   */
  public Configuration(
      Function<String, Optional<String>> parameters,
      Function<String, Optional<String>> environment) {
    this.parameters = parameters;
    this.environment = environment;
  }

  /** A configuration of the given parameters and environment variables only. */
  public static Configuration of(Map<String, String> parameters, Map<String, String> environment) {
    Map<String, String> params = Map.copyOf(parameters);
    Map<String, String> env = Map.copyOf(environment);
    return new Configuration(
        key -> Optional.ofNullable(params.get(key)), name -> Optional.ofNullable(env.get(name)));
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
        environment);
  }
}
