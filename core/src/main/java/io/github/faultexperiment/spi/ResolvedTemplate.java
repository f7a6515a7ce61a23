package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A template the user's reference resolved to.
 *
 * @param reference what the user wrote
 * @param id the service's id (FIS {@code EXT…}; Fault Testing the full resource name)
 * @param name a human name (FIS {@code Name} tag; Fault Testing displayName), may equal the id
 * @param description the template's description, or empty
 * @param details provider-specific facts for the report (actions, targets, report configuration)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ResolvedTemplate(
    String reference, String id, String name, String description, Map<String, Object> details) {
  public ResolvedTemplate {
    details = Map.copyOf(details);
  }
}
