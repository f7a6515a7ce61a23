package io.github.faultexperiment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The design of docs/architecture.md, enforced on the main classes of every module: no package
 * cycles anywhere, a core that names no provider and no cloud SDK, a provider test kit that names
 * no engine, a report model that depends only on value types, providers that meet the core only
 * through its SPI and exceptions, and a public API a newcomer can hold in one hand.
 */
class ArchitectureTests {
  private static final String TOP = "io.github.faultexperiment";
  private static final List<String> CORE_PACKAGES =
      List.of(TOP, TOP + ".spi", TOP + ".report", TOP + ".assertj");
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(TOP);

  /**
   * Every package is its own slice, the top package included (the library's own helper groups it
   * with its children).
   */
  private static final SliceAssignment BY_PACKAGE =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          return javaClass.getPackageName().startsWith(TOP)
              ? SliceIdentifier.of(javaClass.getPackageName())
              : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "packages of " + TOP;
        }
      };

  @Test
  void noPackageCyclesInAnyModule() {
    slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theCoreNamesNoProviderNoEmulatorAndNoCloudSdk() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE_PACKAGES.toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            TOP + ".aws..",
            TOP + ".gcp..",
            TOP + ".emulator..",
            "software.amazon..",
            "com.google.auth..",
            "com.google.api..")
        .check(MAIN);
  }

  @Test
  void theReportModelDependsOnlyOnValueTypes() {
    classes()
        .that()
        .resideInAPackage(TOP + ".report")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            TOP + ".report", TOP + ".spi", "java..", "com.fasterxml.jackson..", "org.junit..")
        .check(MAIN);
  }

  @Test
  void theSpiDependsOnNothingOfTheCore() {
    noClasses()
        .that()
        .resideInAPackage(TOP + ".spi")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TOP, TOP + ".report", TOP + ".assertj")
        .check(MAIN);
  }

  @Test
  void providersMeetTheCoreOnlyThroughItsSpiAndExceptions() {
    for (String provider : List.of("aws", "gcp")) {
      classes()
          .that()
          .resideInAPackage(TOP + "." + provider + "..")
          .should()
          .onlyDependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "outside the core, or its SPI and exceptions",
                  (JavaClass target) ->
                      !target.getPackageName().equals(TOP)
                              && !target.getPackageName().startsWith(TOP + ".report")
                              && !target.getPackageName().startsWith(TOP + ".assertj")
                          || target.isAssignableTo(FaultExperimentException.class)
                          || target.getName().startsWith(CloudApiException.class.getName())))
          .check(MAIN);
    }
    noClasses()
        .that()
        .resideInAPackage(TOP + ".aws..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(TOP + ".gcp..")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAPackage(TOP + ".gcp..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(TOP + ".aws..")
        .check(MAIN);
  }

  @Test
  void theEmulatorMeetsTheCoreOnlyThroughItsSpi() {
    noClasses()
        .that()
        .resideInAPackage(TOP + ".emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TOP, TOP + ".report", TOP + ".assertj", TOP + ".aws..", TOP + ".gcp..")
        .check(MAIN);
  }

  /** The provider test kit runs any provider's contract: it names no engine, provider or SDK. */
  @Test
  void theProviderTestKitNamesNoEngine() {
    noClasses()
        .that()
        .resideInAPackage(TOP + ".providertests..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            TOP + ".aws..",
            TOP + ".gcp..",
            TOP + ".emulator..",
            "software.amazon..",
            "com.google..")
        .check(MAIN);
  }

  @Test
  void thePublicApiHoldsAtMostTwentyTypes() {
    List<String> api =
        MAIN.stream()
            .filter(
                c -> c.getPackageName().equals(TOP) || c.getPackageName().equals(TOP + ".assertj"))
            .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
            .filter(c -> c.isTopLevelClass())
            .map(JavaClass::getSimpleName)
            .sorted()
            .toList();

    assertThat(api).hasSizeLessThanOrEqualTo(20).contains("FaultExperiment", "FaultInjection");
  }
}
