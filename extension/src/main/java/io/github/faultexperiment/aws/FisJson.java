package io.github.faultexperiment.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** How FIS's REST-JSON maps onto our records: epoch-second timestamps, absent members as empty. */
final class FisJson {
  private FisJson() {}

  /**
   * A mapper that reads FIS timestamps (epoch seconds with fractions) as {@link java.time.Instant},
   * ignores members we do not model (FIS adds fields over time) and never writes nulls.
   */
  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .setDefaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
  }

  static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(map);
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
