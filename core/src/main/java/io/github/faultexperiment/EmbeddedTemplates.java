package io.github.faultexperiment;

import io.github.faultexperiment.spi.EmbeddedTemplate;
import io.github.faultexperiment.spi.FaultProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The template files of embedded mode: {@code fault-experiments/<provider id>/*.json} on the test
 * classpath, each created in the emulator by its provider. A file that cannot be created fails only
 * the tests that use its template; a template not found says where embedded mode looked and what it
 * saw; a file in the wrong folder is reported. Not public API.
 */
final class EmbeddedTemplates {
  private static final System.Logger LOG = System.getLogger(EmbeddedTemplates.class.getName());
  static final String ROOT = "fault-experiments";

  /** The template files' extensions: JSON for every provider, YAML for those that read it. */
  static final List<String> EXTENSIONS = List.of(".json", ".yaml", ".yml");

  // What each embedded provider was given, for explaining a template it does not know.
  private static final Map<FaultProvider, Loaded> LOADED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private EmbeddedTemplates() {}

  /**
   * What embedded mode gave one provider.
   *
   * @param providerId the provider
   * @param searched the classpath folders {@code fault-experiments/<id>/} found
   * @param created the names of the templates created
   * @param broken the files that could not be created, by template name
   */
  record Loaded(
      String providerId,
      List<String> searched,
      List<String> created,
      Map<String, RuntimeException> broken) {}

  /**
   * Creates this provider's template files in the emulator, one at a time so that one broken file
   * costs only the tests that use it, and warns about template files outside every provider's
   * folder.
   */
  static void create(FaultProvider provider, ClassLoader loader, String providerId) {
    List<String> searched = new ArrayList<>();
    List<String> created = new ArrayList<>();
    Map<String, RuntimeException> broken = new LinkedHashMap<>();
    for (EmbeddedTemplate file : find(loader, providerId, searched)) {
      try {
        provider.createEmbeddedTemplates(List.of(file));
        created.add(file.name());
      } catch (FaultExperimentException | UncheckedIOException e) {
        broken.put(file.name(), e);
        LOG.log(Level.WARNING, () -> e.getMessage() + " Only tests that use it will fail.");
      }
    }
    warnAboutMisplacedFiles(loader, providerId);
    LOADED.put(provider, new Loaded(providerId, searched, created, broken));
  }

  /**
   * Throws the error of a broken template file when {@code reference} names it; otherwise does
   * nothing (also outside embedded mode).
   */
  static void checkNotBroken(FaultProvider provider, String reference) {
    Loaded loaded = LOADED.get(provider);
    RuntimeException broken = loaded == null ? null : loaded.broken().get(reference);
    if (broken != null) {
      throw new FaultExperimentException(
          "Template '"
              + reference
              + "' could not be created in embedded mode: "
              + broken.getMessage(),
          broken);
    }
  }

  /**
   * In embedded mode, the provider's "not found" with where embedded mode looked and which files it
   * saw; outside it, the provider's own error unchanged.
   */
  static RuntimeException notFound(FaultProvider provider, String reference, RuntimeException e) {
    Loaded loaded = LOADED.get(provider);
    boolean otherFailure =
        e instanceof CloudApiException cloud
            && cloud.reason() != CloudApiException.Reason.NOT_FOUND;
    if (loaded == null || otherFailure || loaded.created().contains(reference)) {
      return e;
    }
    String folder = ROOT + "/" + loaded.providerId() + "/";
    return new FaultExperimentException(
        "Template '"
            + reference
            + "' is not an embedded template: embedded mode creates the "
            + folder
            + "*.json files of the test classpath"
            + (loaded.searched().isEmpty()
                ? ", and found no " + folder + " folder there"
                : " (looked in " + String.join(", ", loaded.searched()) + ")")
            + "; it created: "
            + (loaded.created().isEmpty()
                ? "none"
                : loaded.created().stream().map(name -> name + ".json").collect(joining()))
            + (loaded.broken().isEmpty()
                ? ""
                : "; could not create: "
                    + loaded.broken().keySet().stream()
                        .map(name -> name + ".json")
                        .collect(joining()))
            + ". Add src/test/resources/"
            + folder
            + reference
            + ".json, or use one of those names.",
        e);
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }

  private static List<EmbeddedTemplate> find(
      ClassLoader loader, String providerId, List<String> searched) {
    List<EmbeddedTemplate> templates = new ArrayList<>();
    for (Path file : files(loader, ROOT + "/" + providerId, searched)) {
      templates.add(new EmbeddedTemplate(baseName(file), file.toUri().toString(), read(file)));
    }
    return templates;
  }

  /** Template files straight in {@code fault-experiments/}, which no provider reads. */
  private static void warnAboutMisplacedFiles(ClassLoader loader, String providerId) {
    for (Path file : files(loader, ROOT, new ArrayList<>())) {
      LOG.log(
          Level.WARNING,
          () ->
              "Embedded mode ignores "
                  + file.toUri()
                  + ": template files go in "
                  + ROOT
                  + "/<provider id>/ — e.g. src/test/resources/"
                  + ROOT
                  + "/"
                  + providerId
                  + "/"
                  + file.getFileName()
                  + " (aws for FIS, gcp for Fault Testing).");
    }
  }

  private static List<Path> files(ClassLoader loader, String directory, List<String> searched) {
    List<Path> files = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(directory))) {
        searched.add(url.toString());
        Path root = path(url.toURI());
        try (Stream<Path> entries = Files.list(root)) {
          entries
              .filter(p -> extension(p.getFileName().toString()) != null)
              .filter(Files::isRegularFile)
              .sorted()
              .forEach(files::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list the classpath directory " + directory, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Could not list the classpath directory " + directory, e);
    }
    return files;
  }

  private static Path path(URI uri) throws IOException {
    if (!"jar".equals(uri.getScheme())) {
      return Path.of(uri);
    }
    FileSystem jar;
    try {
      jar = FileSystems.getFileSystem(uri);
    } catch (java.nio.file.FileSystemNotFoundException e) {
      jar = FileSystems.newFileSystem(uri, Map.of());
    }
    return jar.provider().getPath(uri);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded mode could not read the template " + file, e);
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - extension(name).length());
  }

  /** The file name's template extension, or {@code null} when it has none. */
  static String extension(String fileName) {
    return EXTENSIONS.stream().filter(fileName::endsWith).findFirst().orElse(null);
  }
}
