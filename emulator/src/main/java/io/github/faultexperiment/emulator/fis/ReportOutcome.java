package io.github.faultexperiment.emulator.fis;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What the emulator does when an experiment's report is due (set with {@link
 * FisEmulator#reportOutcome(ReportOutcome)}), so clients can be tested against reports that cannot
 * be fetched.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ReportOutcome {
  /** Writes the PDF to S3 and completes the report: what FIS does (the default). */
  WRITTEN,
  /**
   * Fails the report ({@code experimentReport.state.status = failed}) with a reason, as FIS does
   * when it may not write to the report's bucket.
   */
  FAILED,
  /**
   * Completes the report and names its S3 object, but stores nothing, as if a lifecycle rule had
   * removed it: GetObject answers 404 ({@code NoSuchBucket} while the bucket holds no other object,
   * {@code NoSuchKey} otherwise).
   */
  NOT_STORED
}
