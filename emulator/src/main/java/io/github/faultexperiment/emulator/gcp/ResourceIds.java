package io.github.faultexperiment.emulator.gcp;

import java.util.regex.Pattern;

/** The documented rules for caller-chosen resource ids. */
final class ResourceIds {
  /** 4–63 characters of {@code [a-z0-9-]}, starting with a letter, not ending with a hyphen. */
  private static final Pattern STARTS_WITH_LETTER = Pattern.compile("[a-z][a-z0-9-]{2,61}[a-z0-9]");

  /** 4–63 characters of {@code [a-z0-9-]}, starting and ending with a letter or digit. */
  private static final Pattern STARTS_WITH_ALNUM =
      Pattern.compile("[a-z0-9][a-z0-9-]{2,61}[a-z0-9]");

  private ResourceIds() {}

  static String templateId(String id) {
    return check(
        id, "experimentTemplateId", STARTS_WITH_LETTER, "start with a letter and not end with '-'");
  }

  static String exclusionWindowId(String id) {
    return check(
        id, "exclusionWindowId", STARTS_WITH_LETTER, "start with a letter and not end with '-'");
  }

  static String experimentId(String id) {
    return check(id, "experimentId", STARTS_WITH_ALNUM, "start and end with a letter or digit");
  }

  private static String check(String id, String parameter, Pattern pattern, String rule) {
    if (id == null || id.isEmpty()) {
      throw GoogleApiException.invalidArgument(
          parameter, "Query parameter '" + parameter + "' is required.");
    }
    if (!pattern.matcher(id).matches()) {
      throw GoogleApiException.invalidArgument(
          parameter,
          "Invalid "
              + parameter
              + " '"
              + id
              + "': it must be 4-63 characters of lower-case letters, digits and '-', "
              + rule
              + ".");
    }
    return id;
  }
}
