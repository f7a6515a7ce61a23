package io.github.faultexperiment.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list answer. Page tokens are opaque to clients; here they encode the offset of the
 * next item.
 *
 * @param items the items on this page
 * @param nextPageToken the token for the next page, empty on the last one
 */
record Page<T>(List<T> items, String nextPageToken) {
  static final int MAX_PAGE_SIZE = 1000;

  static <T> Page<T> of(List<T> all, String pageSize, String pageToken) {
    int size = pageSize(pageSize);
    int offset = offset(pageToken);
    if (offset > all.size()) {
      throw ApiException.invalidArgument(
          "pageToken", "Invalid pageToken '" + pageToken + "': it is past the end of the list.");
    }
    int end = Math.min(all.size(), offset + size);
    String next = end < all.size() ? encode(end) : "";
    return new Page<>(List.copyOf(all.subList(offset, end)), next);
  }

  /**
   * The answer of a list method: the page's items under {@code field}, and {@code nextPageToken}
   * unless it is the last page.
   */
  static ObjectNode toJson(Page<? extends JsonNode> page, String field) {
    ObjectNode answer = Json.object();
    ArrayNode items = answer.putArray(field);
    page.items().forEach(item -> items.add(item.deepCopy()));
    if (!page.nextPageToken().isEmpty()) {
      answer.put("nextPageToken", page.nextPageToken());
    }
    return answer;
  }

  /**
   * The answer of a list method whose response has {@code unreachable}: also the locations the
   * scope could not reach — always written, empty when every location answered (Google omits an
   * empty repeated field; clients must accept both).
   */
  static ObjectNode toJson(Page<? extends JsonNode> page, String field, Locations.Scope scope) {
    ObjectNode answer = toJson(page, field);
    ArrayNode unreachable = answer.putArray("unreachable");
    scope.unreachable().forEach(unreachable::add);
    return answer;
  }

  private static int pageSize(String text) {
    if (text == null || text.isEmpty()) {
      return MAX_PAGE_SIZE;
    }
    int size;
    try {
      size = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiException.invalidArgument(
          "pageSize", "Invalid value for 'pageSize': \"" + text + "\" is not an integer.");
    }
    if (size < 0) {
      throw ApiException.invalidArgument(
          "pageSize", "Invalid value for 'pageSize': " + size + "; must be 0 or more.");
    }
    // As documented: 0 means the default, values above the maximum are coerced to it.
    return size == 0 ? MAX_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
  }

  private static int offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("offset:")) {
        return Integer.parseInt(text.substring("offset:".length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw ApiException.invalidArgument(
        "pageToken",
        "Invalid pageToken '" + token + "': pass the nextPageToken of the previous answer.");
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }
}
