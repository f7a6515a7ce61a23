package io.github.faultexperiment.gcp;

/**
 * Which page of a list call to fetch.
 *
 * @param filter an AIP-160 filter such as {@code state="INJECTED"}, or {@code null}
 * @param pageSize at most this many items ({@code 0}: the service's default; at most 1000)
 * @param pageToken the previous page's {@code nextPageToken}, or {@code null} for the first
 */
record ListRequest(String filter, int pageSize, String pageToken) {
  ListRequest {
    if (pageSize < 0 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 0 to 1000, was " + pageSize);
    }
  }

  /** The first page with the service's default size and no filter. */
  static ListRequest firstPage() {
    return new ListRequest(null, 0, null);
  }

  /** The page after {@code page}, keeping filter and size. */
  ListRequest next(Page<?> page) {
    return new ListRequest(filter, pageSize, page.nextPageToken());
  }
}
