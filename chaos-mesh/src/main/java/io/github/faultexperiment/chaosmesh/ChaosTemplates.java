package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.faultexperiment.FaultExperimentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads template files: one Chaos Mesh manifest of a single kind each, YAML or JSON, under {@code
 * fault-experiments/chaos-mesh/} on the test classpath. A file that is not such a manifest is
 * refused naming the file and what a template must be.
 */
final class ChaosTemplates {
  static final String FOLDER = "fault-experiments/" + ChaosMeshProperties.PROVIDER_ID + "/";
  static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = new YAMLMapper();

  private ChaosTemplates() {}

  /**
   * Finds and reads the template file {@code reference} names ({@code network-delay} or {@code
   * network-delay.yaml}) on the classpath; empty when there is none.
   */
  static Optional<ChaosTemplate> find(ClassLoader loader, String reference) {
    String name = baseName(reference.strip());
    for (String extension : EXTENSIONS) {
      URL url = loader.getResource(FOLDER + name + extension);
      if (url != null) {
        return Optional.of(parse(name, url.toString(), read(url)));
      }
    }
    return Optional.empty();
  }

  /**
   * Reads one file's content as a template.
   *
   * @param name the template's name (the file name without extension)
   * @param location where it was read (its extension tells JSON from YAML)
   * @param text its content
   */
  static ChaosTemplate parse(String name, String location, String text) {
    JsonNode manifest = document(location, text);
    if (!(manifest instanceof ObjectNode object)) {
      throw invalid(location, "it holds no manifest (an object with apiVersion, kind and spec)");
    }
    String apiVersion = object.path("apiVersion").asText("");
    String kindName = object.path("kind").asText("");
    if (!ChaosKind.API_VERSION.equals(apiVersion)) {
      throw invalid(
          location,
          "its apiVersion is '"
              + apiVersion
              + "'; a Chaos Mesh experiment's is "
              + ChaosKind.API_VERSION);
    }
    Optional<ChaosKind> kind = ChaosKind.ofKind(kindName);
    if (kind.isEmpty()) {
      throw invalid(
          location,
          "its kind is '"
              + kindName
              + "'"
              + (kindName.equals("Schedule") || kindName.equals("Workflow")
                  ? " (a "
                      + kindName
                      + " has no injected state of its own to wait for; template one of its"
                      + " experiments instead)"
                  : ""));
    }
    if (!object.path("spec").isObject()) {
      throw invalid(location, "it has no spec object");
    }
    JsonNode metadata = object.path("metadata");
    if (!metadata.isMissingNode() && !metadata.isObject()) {
      throw invalid(location, "its metadata is not an object");
    }
    return new ChaosTemplate(name, location, kind.get(), object);
  }

  /** The template's name for a file name or reference: without folder and extension. */
  static String baseName(String reference) {
    String name = reference.substring(reference.lastIndexOf('/') + 1);
    for (String extension : EXTENSIONS) {
      if (name.toLowerCase(Locale.ROOT).endsWith(extension)) {
        return name.substring(0, name.length() - extension.length());
      }
    }
    return name;
  }

  private static JsonNode document(String location, String text) {
    boolean json = location.toLowerCase(Locale.ROOT).endsWith(".json");
    try {
      if (json) {
        return JSON.readTree(text);
      }
      List<JsonNode> documents = new ArrayList<>();
      try (MappingIterator<JsonNode> all = YAML.readerFor(JsonNode.class).readValues(text)) {
        while (all.hasNextValue()) {
          JsonNode document = all.nextValue();
          if (document != null && !document.isNull() && !document.isMissingNode()) {
            documents.add(document);
          }
        }
      }
      if (documents.size() > 1) {
        throw invalid(
            location,
            "it holds "
                + documents.size()
                + " YAML documents; a template holds exactly one manifest (put each in a file of"
                + " its own)");
      }
      return documents.isEmpty() ? null : documents.get(0);
    } catch (JsonProcessingException e) {
      throw invalid(
          location,
          "it is not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the Chaos Mesh template " + location, e);
    } catch (RuntimeException e) {
      if (e instanceof FaultExperimentException) {
        throw e;
      }
      // YAML errors surface from the iterator unchecked, wrapping the parser's exception
      throw invalid(location, "it is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static String read(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the Chaos Mesh template " + url, e);
    }
  }

  static FaultExperimentException invalid(String location, String why) {
    return invalid(location, why, null);
  }

  private static FaultExperimentException invalid(String location, String why, Throwable cause) {
    return new FaultExperimentException(
        "Chaos Mesh template "
            + location
            + " is not valid: "
            + why
            + ". A template is one Chaos Mesh manifest (YAML or JSON) with apiVersion "
            + ChaosKind.API_VERSION
            + ", a kind of "
            + String.join(", ", ChaosKind.names())
            + ", and a spec.",
        cause);
  }
}
