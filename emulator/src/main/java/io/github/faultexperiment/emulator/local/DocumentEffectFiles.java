package io.github.faultexperiment.emulator.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Declarations in their JSON form, and the files of them beside the embedded templates: {@code
 * fault-experiments/aws/ssm-documents/NAME.json} on the test class path, so a project's tests carry
 * what its documents do beside the templates that run them.
 */
final class DocumentEffectFiles {
  /** Where embedded mode finds declarations on the class path. */
  static final String FOLDER = "fault-experiments/aws/ssm-documents/";

  private DocumentEffectFiles() {}

  /**
   * Reads one declaration.
   *
   * @param json {@code {"document": NAME, "effects": [{"target", "fault", …}]}}
   * @param fileName the document's name when {@code document} is absent, or {@code null}
   * @throws IllegalArgumentException when it is not such an object, naming what is wrong
   */
  static DocumentEffect parse(String json, String fileName) {
    Object value;
    try {
      value = Json.MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a declaration must be JSON: " + e.getOriginalMessage(), e);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "a declaration must be a JSON object {\"document\", \"effects\"}, was " + json);
    }
    return DeclaredFaults.read(map, fileName);
  }

  /** Declares every file of {@link #FOLDER}; a broken file is kept as the document's error. */
  static List<String> load(ClassLoader loader, DocumentEffects documents) {
    List<String> declared = new ArrayList<>();
    for (Path file : files(loader)) {
      String name = file.getFileName().toString();
      name = name.substring(0, name.length() - ".json".length());
      try {
        DocumentEffect effect = parse(Files.readString(file, StandardCharsets.UTF_8), name);
        documents.declareLater(effect);
        declared.add(effect.document());
      } catch (IOException | IllegalArgumentException e) {
        documents.broken(
            name, "the declaration " + file.toUri() + " could not be read: " + e.getMessage());
      }
    }
    return declared;
  }

  private static List<Path> files(ClassLoader loader) {
    List<Path> files = new ArrayList<>();
    String folder = FOLDER.substring(0, FOLDER.length() - 1);
    try {
      for (URL url : Collections.list(loader.getResources(folder))) {
        try (Stream<Path> entries = Files.list(path(url.toURI()))) {
          entries
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .forEach(files::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list the class path folder " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Could not list the class path folder " + folder, e);
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
    } catch (FileSystemNotFoundException e) {
      jar = FileSystems.newFileSystem(uri, Map.of());
    }
    return jar.provider().getPath(uri);
  }

  /** Created on first use: initialising Jackson costs a cold JVM about half a second. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
