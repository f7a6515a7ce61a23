package io.github.faultexperiment.emulator.gcp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources a test has declared unusable (missing, or not permitted), and why. The emulator
 * cannot look at real resources; this is how a test tells it which ones a validation finds wrong.
 */
final class RejectedResources {
  private final Map<String, String> reasons = new ConcurrentHashMap<>();

  /**
   * Rejects {@code resource} — its resource name ({@code projects/p/…}) or full URI ({@code
   * //compute.googleapis.com/projects/p/…}) — with {@code message}.
   */
  void reject(String resource, String message) {
    reasons.put(resource, message);
  }

  /** Why {@code target} is rejected, if it is. */
  Optional<String> reason(Target target) {
    return Optional.ofNullable(reasons.getOrDefault(target.resource(), reasons.get(target.uri())));
  }

  void reset() {
    reasons.clear();
  }
}
