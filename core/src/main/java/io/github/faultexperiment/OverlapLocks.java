package io.github.faultexperiment;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Tells JUnit's scheduler, when tests are discovered, what each {@link FaultExperiment} targets:
 * one resource lock per target ({@link OverlapKeys#discovered}), read-write when the experiment may
 * act on all of it, read when only on part. With parallel execution on, JUnit then never runs two
 * tests whose experiments overlap at once, and no thread is parked waiting for a slot. Each element
 * declares only its own experiments: a class's lock covers its methods. Registered through
 * {@code @ResourceLock(providers)} on the annotation; not public API.
 */
final class OverlapLocks implements ResourceLocksProvider {
  /** Prefix of every lock key, so that ours never meet a user's {@code @ResourceLock}. */
  static final String PREFIX = "io.github.faultexperiment.target ";

  OverlapLocks() {}

  @Override
  public Set<Lock> provideForClass(Class<?> testClass) {
    return locks(testClass, testClass);
  }

  @Override
  public Set<Lock> provideForNestedClass(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
    return locks(testClass, testClass);
  }

  @Override
  public Set<Lock> provideForMethod(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    return locks(testMethod, testClass);
  }

  private static Set<Lock> locks(AnnotatedElement element, Class<?> testClass) {
    ClassLoader loader = testClass.getClassLoader();
    // one lock per key, read-write when any of the element's experiments needs it whole
    Map<String, Boolean> keys = new TreeMap<>();
    for (FaultExperiment experiment :
        AnnotationSupport.findRepeatableAnnotations(element, FaultExperiment.class)) {
      OverlapKeys.discovered(loader, experiment)
          .forEach((k, v) -> keys.merge(k, v, Boolean::logicalAnd));
    }
    Set<Lock> locks = new HashSet<>();
    keys.forEach(
        (key, shared) ->
            locks.add(
                new Lock(
                    PREFIX + key,
                    shared ? ResourceAccessMode.READ : ResourceAccessMode.READ_WRITE)));
    return locks;
  }
}
