package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Writes {@link ExperimentReport} as JSON: ISO-8601 instants and durations. Not public API. */
@API(status = INTERNAL, since = "0.1")
public final class JsonReport {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private JsonReport() {}

  /**
   * Writes the report.
   *
   * @param report what to write
   * @param file where
   * @throws IOException when the file cannot be written
   */
  public static void write(ExperimentReport report, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), report);
  }

  /** The report as JSON text. */
  public static String toJson(ExperimentReport report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (IOException e) {
      throw new IllegalStateException("Could not render the experiment report as JSON", e);
    }
  }
}
