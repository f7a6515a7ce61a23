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
}
