package io.github.faultexperiment;

import java.net.URI;

/** Fault Testing exclusion windows on the emulator, created over its REST API as a person would. */
final class ExclusionWindows {
  private ExclusionWindows() {}

  /**
   * Creates and activates an exclusion window of an hour.
   *
   * @param endpoint the emulator
   * @param parent {@code projects/…/locations/…}
   * @param windowId the window's id
   * @return the window's full resource name
   */
  static String activate(URI endpoint, String parent, String windowId) {
    String windows = endpoint + "/v1alpha/" + parent + "/exclusionWindows";
    EmulatorHttp.post(windows + "?exclusionWindowId=" + windowId, "{\"duration\": \"3600s\"}");
    EmulatorHttp.post(windows + "/" + windowId + ":start", "{}");
    return parent + "/exclusionWindows/" + windowId;
  }
}
