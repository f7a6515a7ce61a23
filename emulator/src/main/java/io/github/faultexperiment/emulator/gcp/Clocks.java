package io.github.faultexperiment.emulator.gcp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The emulator's notion of now: microsecond precision, like Google's timestamps. */
final class Clocks {
  private Clocks() {}

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
