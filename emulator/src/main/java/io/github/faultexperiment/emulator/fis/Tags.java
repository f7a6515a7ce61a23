package io.github.faultexperiment.emulator.fis;

import java.util.Map;

/** FIS's limits on tags, and the {@code aws:} prefix that AWS reserves for its own tag keys. */
final class Tags {
  private static final int MAX_TAGS = 50;

  private Tags() {}

  static Map<String, String> validated(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw ApiException.validation(
          "At most " + MAX_TAGS + " tags are allowed, 'tags' has " + tags.size());
    }
    for (String key : tags.keySet()) {
      if (key.isEmpty() || key.length() > 128) {
        throw ApiException.validation("Tag key '" + key + "' must be 1 to 128 characters long");
      }
      if (key.regionMatches(true, 0, "aws:", 0, 4)) {
        throw ApiException.validation(
            "Tag key '"
                + key
                + "' at 'tags' uses the prefix aws:, which is reserved for AWS use; choose another"
                + " key");
      }
    }
    return tags;
  }
}
