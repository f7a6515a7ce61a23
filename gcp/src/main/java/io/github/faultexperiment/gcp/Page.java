package io.github.faultexperiment.gcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One page of a list call.
 *
 * @param items the page's items, newest first for experiments
 * @param nextPageToken the token for the next page, or {@code null} on the last page
 * @param unreachable the locations the service could not reach, whose items are missing from the
 *     answer ({@code projects/{p}/locations/{l}}); empty when every location answered
 * @param <T> the resource type
 */
record Page<T>(List<T> items, String nextPageToken, List<String> unreachable) {
  Page {
    items = List.copyOf(items);
    nextPageToken = nextPageToken == null || nextPageToken.isEmpty() ? null : nextPageToken;
    unreachable = List.copyOf(unreachable);
  }

  /** Whether another page follows. */
  boolean hasNext() {
    return nextPageToken != null;
  }

  /**
   * Every item of every page, fetched 1,000 at a time (the API's largest page), with every page's
   * unreachable locations.
   */
  static <T> Page<T> all(Function<ListRequest, Page<T>> list) {
    List<T> all = new ArrayList<>();
    Set<String> unreachable = new LinkedHashSet<>();
    ListRequest request = new ListRequest(null, 1000, null);
    Page<T> page;
    do {
      page = list.apply(request);
      all.addAll(page.items());
      unreachable.addAll(page.unreachable());
      request = request.next(page);
    } while (page.hasNext());
    return new Page<>(all, null, List.copyOf(unreachable));
  }

  /** {@code ""}, or {@code " (unreachable: <locations>; their items are missing)"}. */
  String unreachableNote() {
    return unreachable.isEmpty()
        ? ""
        : " (unreachable: " + String.join(", ", unreachable) + "; their items are missing)";
  }
}
