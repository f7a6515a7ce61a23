package io.github.faultexperiment;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Finds a test class's {@link SteadyState} methods (superclasses first) and turns them into {@link
 * SteadyStateCheck}s bound to the test instance. Not public API.
 */
final class SteadyStateMethods {
  private SteadyStateMethods() {}

  /**
   * The checks of a test class.
   *
   * @param testClass the class declaring (or inheriting) the methods
   * @param instance the test instance, empty for a class-level experiment without {@code PER_CLASS}
   *     lifecycle
   * @param names the methods to use; empty means every {@code @SteadyState} method
   * @param origin where the names were given, for the message when one is unknown
   * @return the checks in declaration order, empty when the class has none
   * @throws ExtensionConfigurationException when a name is unknown or a method cannot be called
   */
  static List<SteadyStateCheck> of(
      Class<?> testClass, Optional<Object> instance, List<String> names, SteadyStateOrigin origin) {
    List<Method> methods =
        AnnotationSupport.findAnnotatedMethods(
            testClass, SteadyState.class, HierarchyTraversalMode.TOP_DOWN);
    List<String> found = methods.stream().map(Method::getName).toList();
    List<String> unknown = names.stream().filter(name -> !found.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new ExtensionConfigurationException(
          origin.checksSetting()
              + " names "
              + unknown
              + " but "
              + testClass.getName()
              + (found.isEmpty()
                  ? " has no @SteadyState methods; annotate the checks with @SteadyState."
                  : " has the @SteadyState methods " + found + "; name some of those."));
    }
    List<SteadyStateCheck> checks = new ArrayList<>();
    for (Method method : methods) {
      if (names.isEmpty() || names.contains(method.getName())) {
        checks.add(check(testClass, method, instance));
      }
    }
    return checks;
  }

  private static SteadyStateCheck check(
      Class<?> testClass, Method method, Optional<Object> instance) {
    if (method.getParameterCount() > 0) {
      throw new ExtensionConfigurationException(
          "@SteadyState method "
              + method
              + " takes parameters; a steady-state check must take none.");
    }
    boolean isStatic = Modifier.isStatic(method.getModifiers());
    if (!isStatic && instance.isEmpty()) {
      throw new ExtensionConfigurationException(
          "@SteadyState method "
              + method
              + " needs a test instance, but the class-level @FaultExperiment on "
              + testClass.getName()
              + " starts before there is one: make the method static or annotate the class with"
              + " @TestInstance(Lifecycle.PER_CLASS).");
    }
    Object target = isStatic ? null : instance.get();
    return new SteadyStateCheck(
        method.getName(), () -> ReflectionSupport.invokeMethod(method, target));
  }
}
