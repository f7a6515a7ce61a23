package io.github.faultexperiment.gcp;

import java.util.List;

/**
 * One page of a list call.
 *
 * @param items the page's items, newest first for experiments
 * @param nextPageToken the token for the next page, or {@code null} on the last page
 * @param <T> the resource type
 */
record Page<T>(List<T> items, String nextPageToken) {
  Page {
    items = List.copyOf(items);
    nextPageToken = nextPageToken == null || nextPageToken.isEmpty() ? null : nextPageToken;
  }

  /** Whether another page follows. */
  boolean hasNext() {
    return nextPageToken != null;
  }

  /** Every item of every page, fetched 1,000 at a time (the API's largest page). */
  static <T> List<T> all(java.util.function.Function<ListRequest, Page<T>> list) {
    List<T> all = new java.util.ArrayList<>();
    ListRequest request = new ListRequest(null, 1000, null);
    Page<T> page;
    do {
      page = list.apply(request);
      all.addAll(page.items());
      request = request.next(page);
    } while (page.hasNext());
    return all;
  }
}
