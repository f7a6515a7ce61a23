package io.github.faultexperiment.providertests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls to an embedded backend's own test controls, over HTTP as any tool would make them. */
final class BackendControls {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private BackendControls() {}

  /**
   * Sends a JSON body and returns the answer's body.
   *
   * @throws IllegalStateException naming the control, the status and the answer when it is not 2xx
   */
  static String send(String method, URI control, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(control)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + control + " got no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + control + " was interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + control + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
