package io.github.faultexperiment;

import io.github.faultexperiment.spi.EmbeddedBackendFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Test method parameters whose value depends on the test run's mode (embedded or not): {@link
 * Endpoints}, and the types the embedded backends on the classpath offer ({@link
 * EmbeddedBackendFactory#parameterTypes()}, e.g. the emulator, so a test can register local targets
 * before its experiments start) plain or as their {@code Optional}. Resolved alike for annotated
 * classes and for classes that only use {@link FaultInjection}. Not public API.
 */
final class RunModeParameters {

  private RunModeParameters() {}

  /** Whether the parameter is one of these. */
  static boolean supports(ParameterContext parameterContext) {
    Type type = parameterContext.getParameter().getParameterizedType();
    return type == Endpoints.class || backendType(type) || optionalBackendType(type);
  }

  /** The parameter's value; fails outside embedded mode for a plain backend parameter. */
  static Object resolve(ParameterContext parameterContext, ExtensionContext context) {
    Class<?> type = parameterContext.getParameter().getType();
    if (type == Endpoints.class) {
      return RunResources.of(context).endpoints();
    }
    Type declared = parameterContext.getParameter().getParameterizedType();
    if (optionalBackendType(declared)) {
      // Tests that run both offline and against the real clouds: empty outside embedded mode.
      Class<?> wanted = (Class<?>) ((ParameterizedType) declared).getActualTypeArguments()[0];
      return RunResources.of(context).embeddedBackends().flatMap(b -> b.parameter(wanted));
    }
    Optional<Object> value =
        RunResources.of(context).embeddedBackends().flatMap(b -> b.parameter(type));
    return value.orElseThrow(
        () ->
            new ParameterResolutionException(
                "Parameter "
                    + parameterContext.getParameter()
                    + " needs the embedded emulator: set the configuration parameter "
                    + FaultExperimentProperties.EMULATOR
                    + "=embedded (and "
                    + FaultExperimentProperties.ENABLED
                    + " must not be false)."));
  }

  private static boolean backendType(Type type) {
    return type instanceof Class<?> c
        && EmbeddedBackends.on(loader()).stream()
            .anyMatch(factory -> factory.parameterTypes().contains(c));
  }

  private static boolean optionalBackendType(Type type) {
    return type instanceof ParameterizedType parameterized
        && parameterized.getRawType() == Optional.class
        && backendType(parameterized.getActualTypeArguments()[0]);
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : RunModeParameters.class.getClassLoader();
  }
}
