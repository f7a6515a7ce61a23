package io.github.faultexperiment.gcp;

import java.time.Instant;
import java.util.Map;

/**
 * A Fault Testing experiment template.
 *
 * @param name {@code projects/{p}/locations/{l}/experimentTemplates/{id}}
 * @param displayName the human name, or {@code null}
 * @param description the description, or {@code null}
 * @param duration how long the fault stays injected, e.g. {@code "600s"}
 * @param action the single action, keyed by its kind (e.g. {@code l7LbHttpFault})
 * @param createTime when it was created
 * @param updateTime when it was last changed
 */
record ExperimentTemplate(
    String name,
    String displayName,
    String description,
    String duration,
    Map<String, Object> action,
    Instant createTime,
    Instant updateTime) {
  ExperimentTemplate {
    action = action == null ? Map.of() : Map.copyOf(action);
  }
}
