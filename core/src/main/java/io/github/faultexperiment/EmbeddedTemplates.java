package io.github.faultexperiment;

import io.github.faultexperiment.spi.EmbeddedTemplate;
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

/**
 * Finds the template files of embedded mode: {@code fault-experiments/<provider id>/*.json} on the
 * test classpath. Each provider creates its own in the emulator. Not public API.
 */
final class EmbeddedTemplates {
  private EmbeddedTemplates() {}

  static List<EmbeddedTemplate> find(ClassLoader loader, String providerId) {
    List<EmbeddedTemplate> templates = new ArrayList<>();
    for (Path file : files(loader, "fault-experiments/" + providerId)) {
      templates.add(new EmbeddedTemplate(baseName(file), file.toUri().toString(), read(file)));
    }
    return templates;
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

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded mode could not read the template " + file, e);
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".json".length());
  }
}
