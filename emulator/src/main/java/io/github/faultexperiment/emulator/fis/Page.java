package io.github.faultexperiment.emulator.fis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list answer: {@code maxResults} items from the offset an opaque {@code nextToken}
 * carries.
 *
 * @param items the page's items
 * @param nextToken the token for the next page, or {@code null} on the last page
 * @param <T> the item type
 */
record Page<T>(List<T> items, String nextToken) {
  private static final String PREFIX = "offset:";

  static <T> Page<T> of(List<T> all, AwsRequest request, int defaultMaxResults) {
    int maxResults = maxResults(request.queryParameter("maxResults"), defaultMaxResults);
    int offset = offset(request.queryParameter("nextToken"));
    int end = Math.min(all.size(), offset + maxResults);
    List<T> items = offset >= all.size() ? List.of() : List.copyOf(all.subList(offset, end));
    return new Page<>(items, end < all.size() ? token(end) : null);
  }

  private static int maxResults(String value, int defaultMaxResults) {
    if (value == null) {
      return defaultMaxResults;
    }
    try {
      int maxResults = Integer.parseInt(value);
      if (maxResults >= 1 && maxResults <= 100) {
        return maxResults;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.validation(
        "1 validation error detected: Value '"
            + value
            + "' at 'maxResults' failed to satisfy constraint: Member must be between 1 and 100");
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX)) {
        return Integer.parseInt(decoded.substring(PREFIX.length()));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiException.validation(
        "Value '" + token + "' at 'nextToken' is not a token this API returned");
  }

  private static String token(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }
}
