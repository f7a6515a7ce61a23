package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One thing an experiment's faults act on, in neutral terms, so that experiments whose targets
 * overlap are never injected at once. Two experiments conflict when they hold the same {@link
 * #key()} and at least one of them holds it not {@link #shared()}.
 *
 * <p>Providers name a resource by its own identity (an ARN, a Google resource name) and a group of
 * resources (e.g. every resource of one type, when a template picks them by tags or filters) by a
 * key of the provider's choosing. An experiment on a named resource also holds the key of its group
 * as shared, so that it conflicts with experiments that may pick any member of the group but not
 * with experiments on other named members.
 *
 * @param key the resource or group, e.g. {@code arn:aws:lambda:…:function:checkout}
 * @param shared {@code true} when the experiment acts on some members of the group {@code key}
 *     names (whose own keys it holds as well); {@code false} when it may act on all of it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TargetKey(String key, boolean shared) {
  public TargetKey {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a target key must not be blank");
    }
  }

  /** A resource (or a group) the experiment may act on as a whole. */
  public static TargetKey whole(String key) {
    return new TargetKey(key, false);
  }

  /** A group the experiment acts on only in part (its members have keys of their own). */
  public static TargetKey partOf(String key) {
    return new TargetKey(key, true);
  }
}
