package io.github.faultexperiment;

import io.github.faultexperiment.report.ReportPublisher;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link FaultExperiment}; registered by the annotation, never by hand.
 *
 * <p>Holds no state of its own: each test's experiments live in that test's {@link
 * ExtensionContext.Store} (closed by JUnit whatever happens), the providers and the embedded
 * emulator in the root Store. Safe under parallel execution.
 */
final class FaultExperimentExtension
    implements ExecutionCondition,
        BeforeAllCallback,
        AfterAllCallback,
        BeforeTestExecutionCallback,
        AfterTestExecutionCallback,
        PreInterruptCallback,
        ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(FaultExperimentExtension.class);
  private static final Pattern INVOCATION = Pattern.compile(":#(\\d+)]$");
  private static final ConditionEvaluationResult NOT_A_CHAOS_TEST =
      ConditionEvaluationResult.enabled("no @FaultExperiment applies");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!ExperimentPresence.appliesTo(context)) {
      return NOT_A_CHAOS_TEST;
    }
    if (RunResources.of(context).settings().enabled()) {
      return ConditionEvaluationResult.enabled("fault experiments are enabled");
    }
    return ConditionEvaluationResult.disabled(
        "Chaos test skipped: " + FaultExperimentProperties.ENABLED + " = false");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (nothingApplies(context)) {
      return;
    }
    Class<?> testClass = context.getRequiredTestClass();
    start(
        context,
        testClass,
        testClass.getSimpleName(),
        reportRoot(context).resolve(testClass.getName()).resolve("class"));
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    if (nothingApplies(context)) {
      return;
    }
    Class<?> testClass = context.getRequiredTestClass();
    start(
        context,
        context.getRequiredTestMethod(),
        displayName(context),
        reportRoot(context).resolve(testClass.getName()).resolve(methodDirectory(context)));
    groups(context).forEach(group -> group.bodyStarted(displayName(context)));
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (nothingApplies(context)) {
      return;
    }
    Throwable bodyFailure = context.getExecutionException().orElse(null);
    List<Throwable> failures = new ArrayList<>();
    groups(context)
        .forEach(group -> group.bodyEnded(displayName(context), bodyFailure, failures::add));
    ownGroup(context)
        .ifPresent(
            group -> {
              try {
                group.finish(bodyFailure != null ? bodyFailure : first(failures));
              } catch (RuntimeException | Error e) {
                failures.add(e);
              }
            });
    throwFirst(failures);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (nothingApplies(context)) {
      return;
    }
    ownGroup(context)
        .ifPresent(group -> group.finish(context.getExecutionException().orElse(null)));
  }

  @Override
  public void beforeThreadInterrupt(
      PreInterruptContext preInterruptContext, ExtensionContext context) {
    if (nothingApplies(context)) {
      return;
    }
    // A @Timeout is about to interrupt the test thread: take the fault away first.
    ownGroup(context).ifPresent(ExperimentGroup::stopNow);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Type type = parameterContext.getParameter().getParameterizedType();
    return type == ExperimentHandle.class
        || isListOfHandles(type)
        || RunModeParameters.supports(parameterContext);
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (RunModeParameters.supports(parameterContext)) {
      return RunModeParameters.resolve(parameterContext, extensionContext);
    }
    List<ExperimentHandle> handles = new ArrayList<>();
    groups(extensionContext).forEach(group -> handles.addAll(group.experiments()));
    if (isListOfHandles(parameterContext.getParameter().getParameterizedType())) {
      return Collections.unmodifiableList(handles);
    }
    if (handles.size() != 1) {
      throw new ParameterResolutionException(
          "Parameter "
              + parameterContext.getParameter()
              + " needs exactly one running @FaultExperiment but found "
              + handles
              + (handles.isEmpty()
                  ? ": annotate the test or its class (an experiment on the method starts only"
                      + " after @BeforeEach methods)."
                  : ": declare a List<ExperimentHandle> parameter instead."));
    }
    return handles.get(0);
  }

  private static void start(
      ExtensionContext context, AnnotatedElement element, String displayName, Path reports) {
    Class<?> testClass = context.getRequiredTestClass();
    AnnotationPlacement.check(testClass);
    List<FaultExperiment> annotations =
        AnnotationSupport.findRepeatableAnnotations(element, FaultExperiment.class);
    if (annotations.isEmpty()) {
      return;
    }
    RunResources resources = RunResources.of(context);
    SettingsResolver resolver = resources.resolver();
    List<ExperimentSettings> settings = annotations.stream().map(resolver::experiment).toList();
    TestIdentity test = new TestIdentity(context.getUniqueId(), displayName);
    List<ExperimentLifecycle> experiments =
        settings.stream()
            .map(
                s ->
                    new ExperimentLifecycle(
                        s, resources.providers().get(s.provider()), test, resources.localTargets()))
            .toList();
    ExperimentGroup group =
        new ExperimentGroup(experiments, reports, new ReportPublisher(context, System.out));
    SteadyStateGuard.of(
            testClass,
            context.getTestInstance(),
            SteadyStateSettings.merge(annotations.stream().map(resolver::steadyState).toList()),
            SteadyStateOrigin.ANNOTATION)
        .ifPresent(group::guardedBy);
    context.getStore(NAMESPACE).put(context.getUniqueId(), group);
    group.startAndAwaitInjected();
  }

  /**
   * True for tests of a class in which no {@code @FaultExperiment} can start a group or be
   * misplaced (the extension registered by hand or more widely than the annotation): they cost no
   * Store look-up, lock or reflection.
   */
  private static boolean nothingApplies(ExtensionContext context) {
    return context.getTestClass().map(c -> !ExperimentPresence.anywhereIn(c)).orElse(false);
  }

  /** This context's own group, not one inherited from a parent's Store. */
  private static Optional<ExperimentGroup> ownGroup(ExtensionContext context) {
    return Optional.ofNullable(
        context.getStore(NAMESPACE).get(context.getUniqueId(), ExperimentGroup.class));
  }

  /** The groups that apply to this context: the outermost class's first, this context's last. */
  private static List<ExperimentGroup> groups(ExtensionContext context) {
    List<ExperimentGroup> groups = new ArrayList<>();
    for (Optional<ExtensionContext> current = Optional.of(context);
        current.isPresent();
        current = current.get().getParent()) {
      ownGroup(current.get()).ifPresent(group -> groups.add(0, group));
    }
    return groups;
  }

  static Path reportRoot(ExtensionContext context) {
    return RunResources.of(context).settings().reportDirectory();
  }

  static String displayName(ExtensionContext context) {
    return context.getRequiredTestClass().getSimpleName()
        + "."
        + context.getRequiredTestMethod().getName();
  }

  static String methodDirectory(ExtensionContext context) {
    String name = context.getRequiredTestMethod().getName();
    Matcher invocation = INVOCATION.matcher(context.getUniqueId());
    return invocation.find() ? name + "-" + invocation.group(1) : name;
  }

  private static boolean isListOfHandles(Type type) {
    return type instanceof ParameterizedType parameterized
        && parameterized.getRawType() == List.class
        && parameterized.getActualTypeArguments()[0] == ExperimentHandle.class;
  }

  private static Throwable first(List<Throwable> failures) {
    return failures.isEmpty() ? null : failures.get(0);
  }

  private static void throwFirst(List<Throwable> failures) {
    if (failures.isEmpty()) {
      return;
    }
    Throwable first = failures.get(0);
    failures.stream().skip(1).forEach(first::addSuppressed);
    if (first instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw (Error) first;
  }
}
