package io.github.faultexperiment.emulator.fis;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A resource the emulator pretends exists, so that templates can target it by tags or filters.
 *
 * @param arn the resource's ARN
 * @param resourceType the FIS target resource type, e.g. {@code aws:ec2:instance}
 * @param tags the resource's tags ({@code resourceTags} match these)
 * @param attributes values by filter path, e.g. {@code State.Name=running} ({@code filters} match
 *     these)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RegisteredResource(
    String arn, String resourceType, Map<String, String> tags, Map<String, String> attributes) {
  /** Copies the maps. */
  public RegisteredResource {
    tags = Map.copyOf(tags);
    attributes = Map.copyOf(attributes);
  }
}
