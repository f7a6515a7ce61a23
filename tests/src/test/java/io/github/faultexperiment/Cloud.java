package io.github.faultexperiment;

import java.util.Locale;

/** The two provider modules these tests run every scenario on. */
public enum Cloud {
  AWS,
  GCP;

  /** The provider id the extension knows it by. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
