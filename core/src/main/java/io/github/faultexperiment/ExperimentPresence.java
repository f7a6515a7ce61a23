package io.github.faultexperiment;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Where {@code @FaultExperiment} can apply, worked out once per test class. The extension's
 * callbacks ask it first and return at once for tests it cannot concern — where the extension is
 * registered more widely than the annotation (by hand, or on a class of which only some tests are
 * chaos tests) — so such tests pay for no Store look-up, lock or reflection. Not public API.
 */
final class ExperimentPresence {
  private static final ClassValue<Boolean> IN_CLASS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> testClass) {
          return annotatedClassOrEnclosing(testClass) || hasAnnotatedMethods(testClass);
        }
      };

  private ExperimentPresence() {}

  /**
   * Whether a {@code @FaultExperiment} is on the class (or inherited by it), on any of its methods,
   * or on a class enclosing it as a {@code @Nested} class: anything the extension's callbacks would
   * act on or check for this class's tests.
   *
   * @param testClass a test class
   */
  public static boolean anywhereIn(Class<?> testClass) {
    return IN_CLASS.get(testClass);
  }

  /**
   * Whether an experiment applies to this context's tests: the annotation is on its test method, on
   * its test class or on a class enclosing that as a {@code @Nested} class.
   *
   * @param context a class or method context
   */
  public static boolean appliesTo(ExtensionContext context) {
    Class<?> testClass = context.getTestClass().orElse(null);
    if (testClass == null) {
      return false;
    }
    if (!anywhereIn(testClass)) {
      return false;
    }
    return annotatedClassOrEnclosing(testClass)
        || context.getTestMethod().map(ExperimentPresence::annotated).orElse(false);
  }

  private static boolean annotatedClassOrEnclosing(Class<?> testClass) {
    for (Class<?> current = testClass; current != null; current = enclosingOfNested(current)) {
      if (annotated(current)) {
        return true;
      }
    }
    return false;
  }

  /** Only an inner (non-static) class shares its enclosing class's extensions, as @Nested. */
  private static Class<?> enclosingOfNested(Class<?> type) {
    return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
  }

  private static boolean annotated(AnnotatedElement element) {
    return !AnnotationSupport.findRepeatableAnnotations(element, FaultExperiment.class).isEmpty();
  }

  private static boolean hasAnnotatedMethods(Class<?> testClass) {
    return !AnnotationSupport.findAnnotatedMethods(
                testClass, FaultExperiment.class, HierarchyTraversalMode.TOP_DOWN)
            .isEmpty()
        || !AnnotationSupport.findAnnotatedMethods(
                testClass, FaultExperiments.class, HierarchyTraversalMode.TOP_DOWN)
            .isEmpty();
  }
}
