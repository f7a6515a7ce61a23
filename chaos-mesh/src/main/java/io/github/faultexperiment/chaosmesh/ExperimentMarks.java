package io.github.faultexperiment.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.faultexperiment.spi.StartRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The name and the marks this extension puts on every chaos object it creates: a name derived from
 * the idempotency key (a retried create meets {@code AlreadyExists} instead of making a second
 * object), labels a sweep selects by, and annotations for people and for the lease.
 */
final class ExperimentMarks {
  /** Every object name this extension creates starts with this. */
  static final String PREFIX = "fx-";

  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String MANAGER = "fault-experiment-junit";
  static final String RUN = "fault-experiment.io/run";
  static final String OWNER = "fault-experiment.io/owner";
  static final String OWNER_HASH = "fault-experiment.io/owner-hash";
  static final String TEST = "fault-experiment.io/test";
  static final String TEST_NAME = "fault-experiment.io/test-name";
  static final String TEMPLATE = "fault-experiment.io/template";
  static final String KEY = "fault-experiment.io/idempotency-key";
  static final String LEASE = "fault-experiment.io/lease-expires";
  static final String TAG_PREFIX = "tags.fault-experiment.io/";

  private static final int MAX_NAME = 63;
  private static final int HASH_LENGTH = 10;
  private static final int MAX_LABEL = 63;

  private ExperimentMarks() {}

  /**
   * {@code fx-<test name>-<hash of the idempotency key>}: at most 63 characters {@code [a-z0-9-]},
   * starting and ending with a letter or digit (a DNS label, as every kind's name may be).
   */
  static String name(StartRequest request) {
    String hash = sha256(request.idempotencyKey()).substring(0, HASH_LENGTH);
    String readable = request.displayName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    int room = MAX_NAME - PREFIX.length() - 1 - HASH_LENGTH;
    if (readable.length() > room) {
      readable = readable.substring(0, room);
    }
    readable = readable.replaceAll("^-+|-+$", "");
    return PREFIX + (readable.isEmpty() ? "" : readable + "-") + hash;
  }

  /** The labels a sweep finds our objects by. */
  static Map<String, String> labels(StartRequest request, String owner) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGER);
    labels.put(RUN, labelValue(request.runId()));
    labels.put(OWNER_HASH, ownerHash(owner));
    return labels;
  }

  /** The label selector of every object this extension created. */
  static Map<String, String> ours() {
    return Map.of(MANAGED_BY, MANAGER);
  }

  /**
   * Who started it and for which test, the lease, and the user's tags (one annotation each, under
   * {@value #TAG_PREFIX}, when the tag's name makes a valid annotation key).
   */
  static Map<String, String> annotations(
      StartRequest request, String owner, String templateId, String leaseExpires) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(OWNER, owner);
    annotations.put(RUN, request.runId());
    annotations.put(TEST, request.testId());
    annotations.put(TEST_NAME, request.displayName());
    annotations.put(TEMPLATE, templateId);
    annotations.put(KEY, sha256(request.idempotencyKey()));
    annotations.put(LEASE, leaseExpires);
    request
        .tags()
        .forEach(
            (key, value) -> {
              String name =
                  key.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
              if (!name.isEmpty() && name.length() <= MAX_LABEL) {
                annotations.put(TAG_PREFIX + name, value);
              }
            });
    return annotations;
  }

  /** Whether the object carries our idempotency mark for this start. */
  static boolean startedBy(JsonNode object, StartRequest request) {
    return sha256(request.idempotencyKey())
        .equals(object.path("metadata").path("annotations").path(KEY).asText(""));
  }

  /** A short, label-safe stand-in for an owner ({@code host/pid/run-…} holds slashes). */
  static String ownerHash(String owner) {
    return sha256(owner).substring(0, 20);
  }

  /** A label value: at most 63 of {@code [A-Za-z0-9_.-]}, starting and ending alphanumeric. */
  static String labelValue(String value) {
    String safe = value.replaceAll("[^A-Za-z0-9_.-]+", "-");
    if (safe.length() > MAX_LABEL) {
      safe = safe.substring(0, MAX_LABEL);
    }
    return safe.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
