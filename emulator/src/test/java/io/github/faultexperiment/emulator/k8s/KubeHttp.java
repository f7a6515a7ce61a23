package io.github.faultexperiment.emulator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to the emulated apiserver, as {@code curl -H "Authorization: Bearer …"}. */
final class KubeHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CHAOS = "/apis/chaos-mesh.org/v1alpha1";

  private final HttpClient client = HttpClient.newHttpClient();
  private final URI endpoint;
  private final String token;

  KubeHttp(URI endpoint, String token) {
    this.endpoint = endpoint;
    this.token = token;
  }

  /** An answer: the status code and the JSON body. */
  record Answer(int code, JsonNode body) {}

  Answer get(String path) {
    return send("GET", path, null, null);
  }

  Answer post(String path, String body) {
    return send("POST", path, body, "application/json");
  }

  Answer mergePatch(String path, String body) {
    return send("PATCH", path, body, "application/merge-patch+json");
  }

  Answer delete(String path) {
    return send("DELETE", path, null, null);
  }

  Answer send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The path of one chaos object, or of the collection when {@code name} is null. */
  static String chaos(String namespace, String plural, String name) {
    return CHAOS + "/namespaces/" + namespace + "/" + plural + (name == null ? "" : "/" + name);
  }
}
