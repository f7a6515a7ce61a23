package io.github.faultexperiment;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Finds {@code @FaultExperiment} where it has no effect: on a method that is not a test
 * ({@code @BeforeEach}, {@code @AfterAll}, a helper). JUnit would silently ignore it, and the user
 * would believe the test ran under a fault. Only classes in which the extension runs at all can be
 * checked. Not public API.
 */
final class AnnotationPlacement {
  private AnnotationPlacement() {}

  /**
   * Throws naming the first misplaced annotation of the class.
   *
   * @param testClass the test class the extension runs for
   */
  public static void check(Class<?> testClass) {
    List<Method> annotated =
        AnnotationSupport.findAnnotatedMethods(
            testClass, FaultExperiment.class, HierarchyTraversalMode.TOP_DOWN);
    List<Method> repeated =
        AnnotationSupport.findAnnotatedMethods(
            testClass, FaultExperiments.class, HierarchyTraversalMode.TOP_DOWN);
    for (List<Method> methods : List.of(annotated, repeated)) {
      for (Method method : methods) {
        if (!AnnotationSupport.isAnnotated(method, Testable.class)) {
          throw new ExtensionConfigurationException(
              "@FaultExperiment on "
                  + method.getDeclaringClass().getSimpleName()
                  + "."
                  + method.getName()
                  + "() has no effect: that method is not a test (@Test, @ParameterizedTest,"
                  + " @RepeatedTest, @TestFactory, @TestTemplate). Put it on the test method, or"
                  + " on the class to span all its tests.");
        }
      }
    }
  }
}
