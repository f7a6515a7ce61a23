package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.fixtures.EmbeddedTemplatesTestCase;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Embedded mode's template files, as a newcomer gets them wrong: a broken file fails only the test
 * that uses it, naming the file and the parse error; a file straight in {@code fault-experiments/}
 * is reported with where it should go; a template not found says where embedded mode looked and
 * what it saw.
 */
class EmbeddedTemplatesTests {
  @TempDir Path classpath;
  @TempDir Path outputs;

  @Test
  void aBrokenOrMisplacedFileFailsOnlyTheTestsThatUseItAndSaysWhy() throws IOException {
    Path aws = Files.createDirectories(classpath.resolve("fault-experiments/aws"));
    Files.writeString(aws.resolve("good.json"), Emulated.awsTemplate("good"));
    Files.writeString(aws.resolve("broken.json"), "{\"description\": \"no closing brace\"");
    Files.writeString(
        classpath.resolve("fault-experiments/misplaced.json"), Emulated.awsTemplate("misplaced"));
    List<String> warnings = new CopyOnWriteArrayList<>();

    EngineExecutionResults results = runWith(classpath, warnings);

    assertThat(outcome(results, "usesTheGoodFile").getStatus())
        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    assertThat(outcome(results, "usesNoTemplate").getStatus())
        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    assertThat(failure(results, "usesTheBrokenFile"))
        .contains("Template 'broken' could not be created in embedded mode")
        .contains("broken.json")
        .contains("Unexpected end-of-input");
    assertThat(failure(results, "usesTheMisplacedFile"))
        .contains("Template 'misplaced' is not an embedded template")
        .contains("fault-experiments/aws/*.json")
        .contains(aws.toString())
        // The test classpath holds other suites' templates too: only ours are named here.
        .containsPattern("it created: [^;]*embedded-delay\\.json")
        .containsPattern("it created: [^;]*good\\.json")
        .contains("could not create: broken.json")
        .contains("Add src/test/resources/fault-experiments/aws/misplaced.json")
        .doesNotContain("tag the template");
    assertThat(warnings)
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .contains("fault-experiments/misplaced.json")
                    .contains("src/test/resources/fault-experiments/aws/misplaced.json"))
        .anySatisfy(
            warning -> assertThat(warning).contains("broken.json").contains("Only tests that use"));
  }

  private EngineExecutionResults runWith(Path extraClasspath, List<String> warnings)
      throws IOException {
    Logger logger = Logger.getLogger(EmbeddedTemplates.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    // Embedded mode looks its template files up through the context class loader of the run.
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {extraClasspath.toUri().toURL()}, original)) {
      thread.setContextClassLoader(loader);
      return EngineRuns.run(
          EmbeddedTemplatesTestCase.class,
          Map.of(
              FaultExperimentProperties.EMULATOR, "embedded",
              FaultExperimentProperties.PROVIDER, "aws",
              FaultExperimentProperties.UNREACHED_FAULTS, "warn",
              FaultExperimentProperties.REPORT_DIR, outputs.resolve("reports").toString()),
          outputs.resolve("published"));
    } finally {
      thread.setContextClassLoader(original);
      logger.removeHandler(handler);
    }
  }

  private static TestExecutionResult outcome(EngineExecutionResults results, String method) {
    return results
        .testEvents()
        .finished()
        .filter(event -> event.getTestDescriptor().getDisplayName().startsWith(method))
        .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + method));
  }

  private static String failure(EngineExecutionResults results, String method) {
    TestExecutionResult result = outcome(results, method);
    assertThat(result.getStatus()).as(method).isEqualTo(TestExecutionResult.Status.FAILED);
    return result.getThrowable().map(Throwable::getMessage).orElse("");
  }
}
