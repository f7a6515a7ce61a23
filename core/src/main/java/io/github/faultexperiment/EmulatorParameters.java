package io.github.faultexperiment;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Parameters that depend on the run's mode: {@code FaultEmulator} and {@code
 * Optional<FaultEmulator>} (the run's embedded emulator, so a test can register local targets
 * before its experiments start) and {@link Endpoints}. Resolved alike for annotated classes and for
 * classes that only use {@link FaultInjection}.
 */
final class EmulatorParameters {
  // Compared by name: the emulator is an optional dependency and may be absent.
  private static final String EMULATOR_CLASS = "io.github.faultexperiment.emulator.FaultEmulator";

  private EmulatorParameters() {}

  /** Whether the parameter asks for the emulator. */
  static boolean supports(ParameterContext parameterContext) {
    Type type = parameterContext.getParameter().getParameterizedType();
    return type == Endpoints.class || isEmulator(type) || isOptionalEmulator(type);
  }

  /** The emulator (or its optional); fails outside embedded mode for a plain emulator parameter. */
  static Object resolve(ParameterContext parameterContext, ExtensionContext context) {
    if (parameterContext.getParameter().getType() == Endpoints.class) {
      return RunResources.of(context).endpoints();
    }
    Optional<Object> emulator =
        RunResources.of(context).embeddedEmulator().map(embedded -> embedded.emulator());
    if (isOptionalEmulator(parameterContext.getParameter().getParameterizedType())) {
      // Tests that run both offline and against the real clouds: empty outside embedded mode.
      return emulator;
    }
    return emulator.orElseThrow(
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

  private static boolean isEmulator(Type type) {
    return type instanceof Class<?> c && c.getName().equals(EMULATOR_CLASS);
  }

  private static boolean isOptionalEmulator(Type type) {
    return type instanceof ParameterizedType parameterized
        && parameterized.getRawType() == Optional.class
        && isEmulator(parameterized.getActualTypeArguments()[0]);
  }
}
