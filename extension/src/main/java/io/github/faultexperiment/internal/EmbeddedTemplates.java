package io.github.faultexperiment.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.faultexperiment.FaultExperimentProperties;
import io.github.faultexperiment.emulator.FaultEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Loads the templates of embedded mode into the emulator: every {@code
 * fault-experiments/aws/*.json} on the classpath (what {@code aws fis create-experiment-template
 * --cli-input-json} takes; its {@code Name} tag defaults to the file name) and every {@code
 * fault-experiments/gcp/*.json} (an ExperimentTemplate; the file name is the template id). Not
 * public API.
 */
final class EmbeddedTemplates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddedTemplates() {}

  static void load(FaultEmulator emulator, Configuration configuration, ClassLoader loader) {
    String project = configuration.parameter(FaultExperimentProperties.GCP_PROJECT).orElseThrow();
    String location = configuration.parameter(FaultExperimentProperties.GCP_LOCATION).orElseThrow();
    for (Path file : files(loader, "fault-experiments/aws")) {
      String name = baseName(file);
      ObjectNode template = read(file);
      ObjectNode tags = template.withObjectProperty("tags");
      if (!tags.has("Name")) {
        tags.put("Name", name);
      }
      create(file, () -> emulator.fis().createTemplate(template.toString()));
    }
    for (Path file : files(loader, "fault-experiments/gcp")) {
      String json = read(file).toString();
      create(
          file,
          () -> emulator.faultTesting().createTemplate(project, location, baseName(file), json));
    }
  }

  private static void create(Path file, Runnable creation) {
    try {
      creation.run();
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "Embedded mode could not load the template " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> files(ClassLoader loader, String directory) {
    List<Path> files = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(directory))) {
        Path root = path(url.toURI());
        try (Stream<Path> entries = Files.list(root)) {
          entries
              .filter(p -> p.getFileName().toString().endsWith(".json"))
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

  private static ObjectNode read(Path file) {
    try {
      return (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | ClassCastException e) {
      throw new ExtensionConfigurationException(
          "Embedded mode could not read the template " + file + " as a JSON object", e);
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".json".length());
  }
}
