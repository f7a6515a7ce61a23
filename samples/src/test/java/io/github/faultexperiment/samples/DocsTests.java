package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.gcp.GcpProperties;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the getting-started and CI pages honest: their snippets are the compiled samples' tagged
 * regions, verbatim, and every property they name exists.
 */
class DocsTests {
  private static final Path SAMPLES = Path.of("").toAbsolutePath();
  private static final Path DOCS = SAMPLES.resolveSibling("docs");
  private static final Pattern TAG = Pattern.compile("tag::([\\w-]+)\\[]");
  private static final Pattern PROPERTY =
      Pattern.compile(
          "(?<![.\\w])faultexperiment\\.[a-z0-9][a-z0-9.-]*[a-z0-9](?![a-z0-9-]|\\.[a-z0-9*])");

  @Test
  void everyTaggedSnippetAppearsVerbatimInTheDocs() throws IOException {
    Map<String, String> snippets = snippets();
    String docs = allPages();

    assertThat(snippets).containsKeys("annotated-test", "naive-test", "gcp-test", "gate");
    assertThat(snippets)
        .allSatisfy((tag, snippet) -> assertThat(docs).as("snippet " + tag).contains(snippet));
  }

  @Test
  void everyDocumentedPropertyExists() throws IOException {
    Set<String> properties =
        Stream.of(FaultExperimentProperties.class, AwsProperties.class, GcpProperties.class)
            .flatMap(constants -> Arrays.stream(constants.getFields()))
            .filter(field -> Modifier.isStatic(field.getModifiers()))
            .map(DocsTests::value)
            .collect(Collectors.toSet());
    String text =
        allPages()
            + Files.readString(SAMPLES.resolve("src/test/resources/junit-platform.properties"));

    List<String> documented = new ArrayList<>();
    Matcher matcher = PROPERTY.matcher(text);
    while (matcher.find()) {
      documented.add(matcher.group());
    }
    // A dependency's endpoint is named by the test: faultexperiment.endpoint.<name>.
    documented.removeIf(
        property -> (property + ".").startsWith(FaultExperimentProperties.ENDPOINT_PREFIX));

    // The gate plugin's parameters (faultexperiment.gate.*) are the properties of its goal.
    String gate =
        Files.readString(
            SAMPLES.resolveSibling(
                "maven-plugin/src/main/java/io/github/faultexperiment/maven/VerifyMojo.java"));
    List<String> gateParameters =
        documented.stream()
            .filter(property -> property.startsWith("faultexperiment.gate."))
            .toList();
    documented.removeAll(gateParameters);

    assertThat(documented).isNotEmpty();
    assertThat(properties).containsAll(documented);
    assertThat(gateParameters)
        .isNotEmpty()
        .allSatisfy(parameter -> assertThat(gate).contains("\"" + parameter + "\""));
  }

  private static Map<String, String> snippets() throws IOException {
    Map<String, String> snippets = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(SAMPLES.resolve("src"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        snippets.putAll(snippets(Files.readAllLines(file)));
      }
    }
    snippets.putAll(snippets(Files.readAllLines(SAMPLES.resolve("pom.xml"))));
    return snippets;
  }

  private static Map<String, String> snippets(List<String> lines) {
    Map<String, String> snippets = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher tag = TAG.matcher(lines.get(i));
      if (tag.find()) {
        String name = tag.group(1);
        List<String> body = new ArrayList<>();
        for (i++; !lines.get(i).contains("end::" + name + "[]"); i++) {
          body.add(lines.get(i));
        }
        snippets.put(name, dedent(body));
      }
    }
    return snippets;
  }

  /** The region without its common indentation and surrounding blank lines, as the docs show it. */
  private static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream()
        .map(line -> line.isBlank() ? "" : line.substring(indent))
        .collect(Collectors.joining("\n"))
        .strip();
  }

  /**
   * Every page under docs/, so no page can drift from the compiled samples or name a lost property.
   */
  private static String allPages() throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> pages = Files.list(DOCS)) {
      for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
        text.append(Files.readString(page)).append('\n');
      }
    }
    return text.toString();
  }

  private static String value(Field field) {
    try {
      return String.valueOf(field.get(null));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
