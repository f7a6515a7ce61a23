package io.github.faultexperiment.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What became of the service's own report (the FIS PDF), as the JSON report's {@code serviceReport}
 * shows it. Not public API; documented in {@code docs/reports.md}.
 *
 * @param title what the service calls it, e.g. {@code FIS report}
 * @param status in words: {@code downloaded}, {@code not requested: …}, {@code not ready after
 *     PT…}, {@code failed: <the service's reason>}, {@code download failed: <the storage's error>}
 * @param unavailable whether it was waited for but could not be fetched
 * @param locations where the service writes it (S3 object ARNs) as last seen; empty when not yet
 *     known
 */
@API(status = INTERNAL, since = "0.1")
public record ServiceReportStatus(
    String title, String status, boolean unavailable, List<String> locations) {
  public ServiceReportStatus {
    locations = List.copyOf(locations);
  }
}
