package io.github.faultexperiment.emulator.local;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a local target stands for and where it forwards: the identity the template addresses (an ARN
 * or a Google resource name), the upstream the test runs, and what FIS target resolution and
 * network actions read about the resource.
 *
 * <pre>{@code
 * LocalTargetSpec.of("arn:aws:rds:us-east-1:123456789012:cluster:orders",
 *         URI.create("tcp://127.0.0.1:5432"))
 *     .withSubnet("subnet-0123456789abcdef0")
 *     .withTags(Map.of("chaos", "ready"));
 * }</pre>
 *
 * @param resource the ARN or Google resource name, e.g. {@code
 *     arn:aws:ecs:us-east-1:123456789012:task/shop/0123abcd} or {@code
 *     projects/p/zones/us-central1-a/instances/web-1}
 * @param upstream where traffic goes: {@code tcp://host:port} or {@code http://host:port}
 * @param subnet the subnet the resource sits in (id or ARN), cut by {@code
 *     aws:network:disrupt-connectivity}; {@code null} for none
 * @param tags the resource's tags, which FIS {@code resourceTags} match (and Fault Testing secure
 *     tag values, when a value is a {@code tagValues/…} name)
 * @param attributes values by FIS filter path, e.g. {@code State.Name=running}
 * @param port the port the resource serves on in the cloud (e.g. 5432), matched by blackhole-port
 *     actions; {@code 0} when any port they name applies
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LocalTargetSpec(
    String resource,
    URI upstream,
    String subnet,
    Map<String, String> tags,
    Map<String, String> attributes,
    int port) {

  /** Copies the maps and checks the port; the rest is checked when the target is registered. */
  public LocalTargetSpec {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(upstream, "upstream");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port must be the resource's cloud port, 1 to 65535, or 0 for any; was " + port);
    }
  }

  /** A target for {@code resource} in front of {@code upstream}, in no subnet, without tags. */
  public static LocalTargetSpec of(String resource, URI upstream) {
    return new LocalTargetSpec(resource, upstream, null, Map.of(), Map.of(), 0);
  }

  /** The same target placed in {@code subnet} (a {@code subnet-…} id or its ARN). */
  public LocalTargetSpec withSubnet(String newSubnet) {
    return new LocalTargetSpec(resource, upstream, newSubnet, tags, attributes, port);
  }

  /** The same target with these tags. */
  public LocalTargetSpec withTags(Map<String, String> newTags) {
    return new LocalTargetSpec(resource, upstream, subnet, newTags, attributes, port);
  }

  /** The same target with these FIS filter attributes. */
  public LocalTargetSpec withAttributes(Map<String, String> newAttributes) {
    return new LocalTargetSpec(resource, upstream, subnet, tags, newAttributes, port);
  }

  /** The same target serving on {@code cloudPort} in the cloud. */
  public LocalTargetSpec withPort(int cloudPort) {
    return new LocalTargetSpec(resource, upstream, subnet, tags, attributes, cloudPort);
  }
}
