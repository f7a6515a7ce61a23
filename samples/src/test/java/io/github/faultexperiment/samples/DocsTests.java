package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.aws.AwsProperties;
import io.github.faultexperiment.chaosmesh.ChaosMeshProperties;
import io.github.faultexperiment.gcp.GcpProperties;
import io.github.faultexperiment.spi.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the getting-started and CI pages honest: their snippets are the compiled samples' tagged
 * regions (and, for docs/providers.md, the GCP provider's run of the test kit), verbatim, every
 * property they name exists, and each property has its one row in docs/configuration.md.
 */
class DocsTests {
  private static final Path SAMPLES = Path.of("").toAbsolutePath();
  private static final Path DOCS = SAMPLES.resolveSibling("docs");
  private static final Pattern TAG = Pattern.compile("tag::([\\w-]+)\\[]");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern PROPERTY_CELL = Pattern.compile("`(faultexperiment\\.[^`]+)`");
  private static final Pattern PROPERTY =
      Pattern.compile(
          "(?<![.\\w])faultexperiment\\.[a-z0-9][a-z0-9.-]*[a-z0-9](?![a-z0-9-]|\\.[a-z0-9*])");

  @Test
  void everyTaggedSnippetAppearsVerbatimInTheDocs() throws IOException {
    Map<String, String> snippets = snippets();
    String docs = allPages();

    assertThat(snippets)
        .containsKeys(
            "annotated-test",
            "naive-test",
            "gcp-test",
            "gate",
            "provider-contract",
            "provider-tests-dependency");
    assertThat(snippets)
        .allSatisfy((tag, snippet) -> assertThat(docs).as("snippet " + tag).contains(snippet));
  }

  @Test
  void everyDocumentedPropertyExists() throws IOException {
    Set<String> properties =
        Stream.of(
                FaultExperimentProperties.class,
                AwsProperties.class,
                GcpProperties.class,
                ChaosMeshProperties.class)
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

  /**
   * One page per topic: every configuration parameter the code defines has its row (meaning and
   * default) in docs/configuration.md, and no other page keeps a table of them that could drift.
   */
  @Test
  void everyPropertyHasItsRowInConfigurationAndNowhereElse() throws Exception {
    Set<String> defined = new TreeSet<>();
    for (Class<?> constants :
        List.of(
            FaultExperimentProperties.class,
            Configuration.class,
            AwsProperties.class,
            GcpProperties.class,
            ChaosMeshProperties.class,
            Class.forName("io.github.faultexperiment.emulator.embedded.EmulatorBackendFactory"))) {
      for (Field field : constants.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          field.setAccessible(true);
          String value = value(field);
          if (value.startsWith("faultexperiment.")) {
            // the prefix of faultexperiment.endpoint.<name> has its row under that name
            defined.add(value.endsWith(".") ? value + "<name>" : value);
          }
        }
      }
    }

    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (Path page : pages()) {
      rows.put(page.getFileName().toString(), propertyRows(Files.readAllLines(page)));
    }

    Set<String> missing = new TreeSet<>(defined);
    missing.removeAll(rows.remove("configuration.md"));
    List<String> elsewhere = new ArrayList<>();
    rows.forEach((page, names) -> names.forEach(name -> elsewhere.add(page + ": " + name)));

    assertThat(defined).hasSizeGreaterThan(20);
    assertSoftly(
        softly -> {
          softly.assertThat(missing).as("properties without a row in configuration.md").isEmpty();
          softly
              .assertThat(elsewhere)
              .as("property rows outside configuration.md: link to its table instead")
              .isEmpty();
        });
  }

  @Test
  void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
    List<Path> pages = new ArrayList<>(pages());
    pages.add(SAMPLES.resolveSibling("README.md"));
    Map<Path, Set<String>> anchors = new LinkedHashMap<>();
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      for (String link : relativeLinks(Files.readAllLines(page))) {
        String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
        Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
        if (!Files.exists(target)) {
          broken.add(page.getFileName() + ": " + link + " (no such file)");
        } else if (link.contains("#") && target.toString().endsWith(".md")) {
          String anchor = link.substring(link.indexOf('#') + 1);
          if (!anchors.computeIfAbsent(target, DocsTests::headingAnchors).contains(anchor)) {
            broken.add(page.getFileName() + ": " + link + " (no such heading)");
          }
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  /**
   * The properties named in the first cell of the page's table rows that start with one ({@code |
   * `faultexperiment.…` |}).
   */
  private static List<String> propertyRows(List<String> lines) {
    List<String> names = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("| `faultexperiment.")) {
        Matcher name = PROPERTY_CELL.matcher(line.substring(1, line.indexOf('|', 1)));
        while (name.find()) {
          names.add(name.group(1));
        }
      }
    }
    return names;
  }

  /** Links outside code blocks that name no scheme: the ones that can break inside the repo. */
  private static List<String> relativeLinks(List<String> lines) {
    List<String> links = new ArrayList<>();
    boolean code = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        code = !code;
      } else if (!code) {
        Matcher link = LINK.matcher(line);
        while (link.find()) {
          if (!link.group(1).matches("[a-z]+:.*")) {
            links.add(link.group(1));
          }
        }
      }
    }
    return links;
  }

  /**
   * The anchors GitHub gives a page's headings (lower case, punctuation dropped, repeats numbered).
   */
  private static Set<String> headingAnchors(Path page) {
    Set<String> anchors = new HashSet<>();
    boolean code = false;
    try {
      for (String line : Files.readAllLines(page)) {
        if (line.startsWith("```")) {
          code = !code;
        } else if (!code && line.matches("#+\\s+.*")) {
          String anchor =
              line.replaceFirst("#+\\s+", "")
                  .strip()
                  .toLowerCase(Locale.ROOT)
                  .replaceAll("[^\\w\\- ]", "")
                  .replace(' ', '-');
          String unique = anchor;
          for (int n = 1; !anchors.add(unique); n++) {
            unique = anchor + "-" + n;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return anchors;
  }

  private static Map<String, String> snippets() throws IOException {
    Map<String, String> snippets = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(SAMPLES.resolve("src"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        snippets.putAll(snippets(Files.readAllLines(file)));
      }
    }
    snippets.putAll(snippets(Files.readAllLines(SAMPLES.resolve("pom.xml"))));
    // docs/providers.md shows how a provider runs the test kit, from the GCP provider's own build
    Path provider = SAMPLES.resolveSibling("gcp");
    try (Stream<Path> files = Files.walk(provider.resolve("src/test"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        snippets.putAll(snippets(Files.readAllLines(file)));
      }
    }
    snippets.putAll(snippets(Files.readAllLines(provider.resolve("pom.xml"))));
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
    for (Path page : pages()) {
      text.append(Files.readString(page)).append('\n');
    }
    return text.toString();
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> pages = Files.list(DOCS)) {
      return pages.filter(path -> path.toString().endsWith(".md")).sorted().toList();
    }
  }

  private static String value(Field field) {
    try {
      return String.valueOf(field.get(null));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
