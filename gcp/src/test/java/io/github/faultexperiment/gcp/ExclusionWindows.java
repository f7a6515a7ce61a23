package io.github.faultexperiment.gcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Exclusion windows on the emulator, created over HTTP (the emulator's Java API has none). */
public final class ExclusionWindows {
  private ExclusionWindows() {}

  /**
   * Creates and activates an exclusion window of an hour.
   *
   * @param endpoint the emulator
   * @param parent {@code projects/…/locations/…}
   * @param windowId the window's id
   * @return the window's full resource name
   */
  public static String activate(URI endpoint, String parent, String windowId) {
    String windows = endpoint + "/v1alpha/" + parent + "/exclusionWindows";
    post(windows + "?exclusionWindowId=" + windowId, "{\"duration\": \"3600s\"}");
    post(windows + "/" + windowId + ":start", "{}");
    return parent + "/exclusionWindows/" + windowId;
  }

  private static void post(String url, String body) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            url + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
