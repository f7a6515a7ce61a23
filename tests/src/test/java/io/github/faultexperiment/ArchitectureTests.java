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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
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
      List.of(TOP, TOP + ".spi", TOP + ".poll", TOP + ".report", TOP + ".assertj");
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
            TOP + ".chaosmesh..",
            TOP + ".emulator..",
            "software.amazon..",
            "com.google.auth..",
            "com.google.api..",
            "io.fabric8..")
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
            TOP + ".report",
            TOP + ".spi",
            "java..",
            "com.fasterxml.jackson..",
            "org.junit..",
            "org.apiguardian..")
        .check(MAIN);
  }

  @Test
  void theSpiDependsOnNothingOfTheCore() {
    noClasses()
        .that()
        .resideInAPackage(TOP + ".spi")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TOP, TOP + ".poll", TOP + ".report", TOP + ".assertj")
        .check(MAIN);
  }

  /** When and how to poll is a unit of its own: it knows the SPI at most, never the lifecycle. */
  @Test
  void thePollTimingDependsOnNothingElseOfTheCore() {
    noClasses()
        .that()
        .resideInAPackage(TOP + ".poll")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TOP, TOP + ".report", TOP + ".assertj")
        .check(MAIN);
  }

  @Test
  void providersMeetTheCoreOnlyThroughItsSpiAndExceptions() {
    for (String provider : List.of("aws", "gcp", "chaosmesh")) {
      classes()
          .that()
          .resideInAPackage(TOP + "." + provider + "..")
          .should()
          .onlyDependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "outside the core, or its SPI and exceptions",
                  (JavaClass target) ->
                      !target.getPackageName().equals(TOP)
                              && !target.getPackageName().startsWith(TOP + ".poll")
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
        .resideInAnyPackage(
            TOP, TOP + ".poll", TOP + ".report", TOP + ".assertj", TOP + ".aws..", TOP + ".gcp..")
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
            TOP + ".chaosmesh..",
            TOP + ".emulator..",
            "software.amazon..",
            "com.google..",
            "io.fabric8..")
        .check(MAIN);
  }

  @Test
  void everyPublicTypeSaysWhatItIsForWithApiStatus() {
    classes()
        .that()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .should()
        .beAnnotatedWith(API.class)
        .because("@API(status = ...) tells users and provider authors what they may rely on")
        .check(MAIN);
    classes()
        .that()
        .resideInAPackage(TOP + ".spi")
        .and()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .should(
            com.tngtech.archunit.lang.conditions.ArchConditions.beAnnotatedWith(
                com.tngtech.archunit.base.DescribedPredicate.describe(
                    "@API(status = EXPERIMENTAL)",
                    (com.tngtech.archunit.core.domain.JavaAnnotation<?> a) ->
                        a.getRawType().isEquivalentTo(API.class)
                            && a.get("status")
                                .map(status -> status.toString().endsWith("EXPERIMENTAL"))
                                .orElse(false))))
        .check(MAIN);
  }

  /**
   * The types a user is meant to use: every public type of the core's and the providers' packages
   * that is not {@code INTERNAL}, the SPI and the provider test kit (for provider authors) and the
   * emulator (a tool of its own) aside — at most twenty, and exactly those docs/architecture.md
   * lists, with their status.
   */
  @Test
  void thePublicApiHoldsAtMostTwentyTypesAllListedInTheArchitecture() throws IOException {
    Map<String, String> api =
        MAIN.stream()
            .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.isTopLevelClass())
            .filter(c -> !c.getPackageName().startsWith(TOP + ".spi"))
            .filter(c -> !c.getPackageName().startsWith(TOP + ".emulator"))
            .filter(c -> !c.getPackageName().startsWith(TOP + ".providertests"))
            .filter(c -> c.isAnnotatedWith(API.class))
            .filter(c -> c.getAnnotationOfType(API.class).status() != API.Status.INTERNAL)
            .collect(
                Collectors.toMap(
                    JavaClass::getSimpleName,
                    c -> c.getAnnotationOfType(API.class).status().name(),
                    (a, b) -> a,
                    TreeMap::new));
    Map<String, String> documented = new TreeMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `(\\w+)` \\| (STABLE|EXPERIMENTAL) \\|")
            .matcher(Files.readString(Path.of("../docs/architecture.md")));
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }

    assertThat(api)
        .hasSizeLessThanOrEqualTo(20)
        .containsKeys("FaultExperiment", "FaultInjection", "ExperimentHandle")
        .isEqualTo(documented);
  }
}
