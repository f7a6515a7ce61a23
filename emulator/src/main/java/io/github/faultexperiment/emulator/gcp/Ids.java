package io.github.faultexperiment.emulator.gcp;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids in Fault Testing's form: the documented rules for caller-chosen ids, and the ids the service
 * chooses.
 */
final class Ids {
  /**
   * 4–63 characters of {@code [a-z0-9-]}, starting with a letter, ending with a letter or digit.
   */
  private static final Pattern STARTS_WITH_LETTER = Pattern.compile("[a-z][a-z0-9-]{2,61}[a-z0-9]");

  /** 4–63 characters of {@code [a-z0-9-]}, starting and ending with a letter or digit. */
  private static final Pattern STARTS_WITH_ALNUM =
      Pattern.compile("[a-z0-9][a-z0-9-]{2,61}[a-z0-9]");

  private static final String LETTER_RULE = "start with a letter and end with a letter or digit";
  private static final String ALNUM_RULE = "start and end with a letter or digit";

  private Ids() {}

  /**
   * Optional, as documented. The reference does not say what the service chooses when it is absent;
   * a bare UUID may start with a digit, which the template rule forbids, so the emulator prefixes
   * one with {@code template-}.
   */
  static String templateId(String id) {
    return absent(id)
        ? "template-" + UUID.randomUUID()
        : check(id, "experimentTemplateId", STARTS_WITH_LETTER, LETTER_RULE);
  }

  /** Required, as documented. */
  static String exclusionWindowId(String id) {
    if (absent(id)) {
      throw ApiException.invalidArgument(
          "exclusionWindowId",
          "Query parameter 'exclusionWindowId' is required: 4-63 characters of lower-case letters,"
              + " digits and '-', that "
              + LETTER_RULE
              + ".");
    }
    return check(id, "exclusionWindowId", STARTS_WITH_LETTER, LETTER_RULE);
  }

  /** Optional; a UUID when absent, as documented. */
  static String experimentId(String id) {
    return absent(id)
        ? UUID.randomUUID().toString()
        : check(id, "experimentId", STARTS_WITH_ALNUM, ALNUM_RULE);
  }

  /** Optional; a UUID when absent, as documented. */
  static String validationId(String id) {
    return absent(id)
        ? UUID.randomUUID().toString()
        : check(id, "validationId", STARTS_WITH_ALNUM, ALNUM_RULE);
  }

  /** An empty query parameter is an unset proto3 string, as in gRPC transcoding. */
  private static boolean absent(String id) {
    return id == null || id.isEmpty();
  }

  private static String check(String id, String parameter, Pattern pattern, String rule) {
    if (!pattern.matcher(id).matches()) {
      throw ApiException.invalidArgument(
          parameter,
          "Invalid "
              + parameter
              + " '"
              + id
              + "' ("
              + id.length()
              + " characters): it must be 4-63 characters of lower-case letters, digits and '-',"
              + " that "
              + rule
              + ".");
    }
    return id;
  }
}
