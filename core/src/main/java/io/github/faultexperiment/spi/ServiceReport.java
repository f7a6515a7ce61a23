package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What became of the service's own report of an ended experiment (the FIS PDF): fetched, not asked
 * for, or why it could not be fetched. The report is evidence, not the verdict: one that could not
 * be fetched never fails the test; it is recorded in the extension's own report instead. Not public
 * API.
 *
 * @param title what the service calls it, e.g. {@code FIS report}
 * @param status in words: {@code downloaded}, {@code not requested: …}, {@code not ready after
 *     PT…}, {@code failed: <the service's reason>}, {@code download failed: <the storage's error>};
 *     empty when the service writes no report for this experiment
 * @param unavailable whether it was waited for but could not be fetched (not ready in time, failed
 *     at the service, or its download failed)
 * @param locations where the service writes it (S3 object ARNs) as last seen; empty when not yet
 *     known
 * @param artifacts the files fetched, already written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ServiceReport(
    String title,
    String status,
    boolean unavailable,
    List<String> locations,
    List<ReportArtifact> artifacts) {

  /** No report: the service writes none for this experiment, or the end was never confirmed. */
  public static final ServiceReport NONE = new ServiceReport("", "", false, List.of(), List.of());

  public ServiceReport {
    locations = List.copyOf(locations);
    artifacts = List.copyOf(artifacts);
  }

  /** Whether the service writes a report for this experiment at all. */
  public boolean exists() {
    return !status.isEmpty();
  }
}
