package io.github.faultexperiment;

import io.github.faultexperiment.report.PublishedReports;
import io.github.faultexperiment.report.RunSummary;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * The run summary's entries for chaos tests that failed before any experiment of theirs started (a
 * misspelled template, missing credentials, an unreachable endpoint, a bad parameter): they wrote
 * no report, yet the summary must show them with their error.
 */
final class NotStartedTests {
  private NotStartedTests() {}

  /**
   * A failed test or container tagged {@code chaos}.
   *
   * @param identifier which
   * @param failure why, or {@code null} when the platform did not say
   */
  record Failed(TestIdentifier identifier, Throwable failure) {}

  /**
   * One entry per failed chaos test that no published report covers: none of its own, none of an
   * enclosing class's experiment (which its body ran under), none of the tests it contains.
   */
  static List<RunSummary.Entry> entries(
      List<Failed> failed, List<PublishedReports.Published> published) {
    List<String> reported = published.stream().map(p -> p.report().testId()).toList();
    List<RunSummary.Entry> entries = new ArrayList<>();
    for (Failed test : failed) {
      String id = test.identifier().getUniqueId();
      boolean covered =
          reported.stream()
              .anyMatch(r -> r.equals(id) || r.startsWith(id + "/") || id.startsWith(r + "/"));
      if (!covered) {
        entries.add(entry(test));
      }
    }
    return entries;
  }

  private static RunSummary.Entry entry(Failed test) {
    Optional<AnnotatedElement> element = element(test.identifier().getSource().orElse(null));
    List<FaultExperiment> annotations =
        element
            .map(e -> AnnotationSupport.findRepeatableAnnotations(e, FaultExperiment.class))
            .orElse(List.of());
    Throwable failure =
        test.failure() != null
            ? test.failure()
            : new FaultExperimentException("failed without an exception");
    return RunSummary.Entry.notStarted(
        displayName(test.identifier()),
        test.identifier().getUniqueId(),
        annotations.stream().map(FaultExperiment::template).collect(Collectors.joining(", ")),
        annotations.stream()
            .map(FaultExperiment::provider)
            .distinct()
            .collect(Collectors.joining(", ")),
        failure);
  }

  /** "Class.method" as the reports name tests, or the class alone for a class's experiment. */
  private static String displayName(TestIdentifier identifier) {
    TestSource source = identifier.getSource().orElse(null);
    if (source instanceof MethodSource method) {
      return simpleName(method.getClassName()) + "." + method.getMethodName();
    }
    if (source instanceof ClassSource type) {
      return simpleName(type.getClassName());
    }
    return identifier.getDisplayName();
  }

  private static String simpleName(String className) {
    return className.substring(
        Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }

  private static Optional<AnnotatedElement> element(TestSource source) {
    try {
      if (source instanceof MethodSource method) {
        return Optional.of(method.getJavaMethod());
      }
      if (source instanceof ClassSource type) {
        return Optional.of(type.getJavaClass());
      }
    } catch (RuntimeException e) {
      // The class is not loadable from here (another class loader): the entry keeps its error.
      return Optional.empty();
    }
    return Optional.empty();
  }
}
