package io.github.faultexperiment.gcp;

import io.github.faultexperiment.spi.StartRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names experiments so that a person can tell which test started them and a retried create finds
 * the experiment the first attempt made ({@code ALREADY_EXISTS}) instead of making a second one.
 */
final class ExperimentIds {
  /** Every experiment id this extension creates starts with this. */
  static final String PREFIX = "fx-";

  private static final String DESCRIPTION_START = "Started by fault-experiment-junit for ";
  private static final int MAX_LENGTH = 63;
  private static final int HASH_LENGTH = 10;
  private static final int MAX_DESCRIPTION = 2000;
  private static final int MAX_DISPLAY_NAME = 1000;

  private ExperimentIds() {}

  /**
   * {@code fx-<test name>-<hash of the idempotency key>}: 4-63 characters {@code [a-z0-9-]},
   * starting and ending with a letter or digit.
   */
  static String experimentId(StartRequest request) {
    String hash = sha256(request.idempotencyKey()).substring(0, HASH_LENGTH);
    String readable = request.displayName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    int room = MAX_LENGTH - PREFIX.length() - 1 - HASH_LENGTH;
    if (readable.length() > room) {
      readable = readable.substring(0, room);
    }
    readable = readable.replaceAll("^-+|-+$", "");
    return PREFIX + (readable.isEmpty() ? "" : readable + "-") + hash;
  }

  /** The experiment's display name: the test class and method. */
  static String displayName(StartRequest request) {
    return limit(request.displayName(), MAX_DISPLAY_NAME);
  }

  /** The experiment's description: which test of which run on which machine started it. */
  static String description(StartRequest request, String owner) {
    return limit(
        DESCRIPTION_START
            + request.displayName()
            + " (run "
            + request.runId()
            + ", owner "
            + owner
            + ", test "
            + request.testId()
            + ")",
        MAX_DESCRIPTION);
  }

  /** Whether an experiment carries both our id prefix and our description. */
  static boolean startedByUs(String experimentId, String description) {
    return experimentId.startsWith(PREFIX)
        && description != null
        && description.startsWith(DESCRIPTION_START);
  }

  /** Whether our description names this owner. */
  static boolean startedBy(String description, String owner) {
    return description != null && description.contains("owner " + owner + ",");
  }

  private static String limit(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
