package io.github.faultexperiment.maven;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * This build's identity, as the run summary carries it. The {@code prepare} goal puts it into the
 * build's user properties as {@value #PROPERTY}; Surefire and Failsafe hand user properties to
 * every test JVM they start as system properties, and the extension reads the parameter from there,
 * so every fork of this build — and none of another — writes {@code "runId": "run <id>"}.
 */
final class BuildIdentity {
  /** The extension's parameter that names the run (see docs/reports.md). */
  static final String PROPERTY = "faultexperiment.summary.run-id";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private BuildIdentity() {}

  /**
   * The build's id: the one already set (by {@code -D} on the command line, or by this goal in an
   * earlier module of the reactor), or a new one, set now.
   *
   * @param userProperties the build's user properties
   * @param buildStart when the build started
   * @return the id
   */
  static String ensure(Properties userProperties, Date buildStart) {
    synchronized (userProperties) { // a parallel reactor (-T) runs modules' goals at once
      String id = userProperties.getProperty(PROPERTY);
      if (id == null || id.isBlank()) {
        id =
            STAMP.format(buildStart == null ? Instant.now() : buildStart.toInstant())
                + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        userProperties.setProperty(PROPERTY, id);
      }
      return id;
    }
  }

  /** The id {@link #ensure} set in this build, if it ran. */
  static Optional<String> of(Properties userProperties) {
    return Optional.ofNullable(userProperties.getProperty(PROPERTY)).filter(id -> !id.isBlank());
  }

  /** The {@code runId} the forks write for this id. */
  static String runId(String id) {
    return "run " + id;
  }
}
