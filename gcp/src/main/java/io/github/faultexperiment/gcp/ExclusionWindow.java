package io.github.faultexperiment.gcp;

import java.time.Instant;

/**
 * A Fault Testing exclusion window ({@code projects.locations.exclusionWindows}): a period during
 * which no experiment may start in its location. Created inactive; {@code :start} makes it active
 * for its {@code duration}, {@code :stop} ends it early.
 *
 * @param name {@code projects/{p}/locations/{l}/exclusionWindows/{id}}
 * @param description why it exists, or {@code null}
 * @param duration how long it stays active once started, e.g. {@code "3600s"}
 * @param startTime when it was last started, or {@code null} if never
 * @param endTime when it ends (or ended), or {@code null} if never started
 */
record ExclusionWindow(
    String name, String description, String duration, Instant startTime, Instant endTime) {

  /** Whether it blocks experiments at {@code now}: started, and not yet at its end. */
  boolean activeAt(Instant now) {
    return startTime != null
        && endTime != null
        && !now.isBefore(startTime)
        && now.isBefore(endTime);
  }

  /**
   * What {@code exclusionWindows.create} and {@code patch} take.
   *
   * @param description why it exists, or {@code null}
   * @param duration how long it stays active once started, e.g. {@code "3600s"}
   */
  record New(String description, String duration) {}
}
