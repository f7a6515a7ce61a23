package io.github.faultexperiment.aws;

import java.util.List;

/**
 * One page of a FIS list operation.
 *
 * @param items what this page holds
 * @param nextToken the token for the next page, or {@code null} on the last page
 */
record Page<T>(List<T> items, String nextToken) {
  Page {
    items = FisJson.orEmpty(items);
  }
}
