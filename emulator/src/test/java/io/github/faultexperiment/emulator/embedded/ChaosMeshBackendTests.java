package io.github.faultexperiment.emulator.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.spi.Configuration;
import io.github.faultexperiment.spi.EmbeddedBackend;
import io.github.faultexperiment.spi.EmulatorEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The embedded backend serves the Chaos Mesh provider")
class ChaosMeshBackendTests {

  @Test
  void theBackendServesChaosMeshAndRegistersPodsWithTheirLabels() throws Exception {
    EmulatorBackendFactory factory = new EmulatorBackendFactory();
    assertThat(factory.providerIds()).contains("chaos-mesh");

    try (ServerSocket upstream = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        EmbeddedBackend backend = factory.start(Configuration.of(Map.of(), Map.of()))) {
      EmulatorEndpoint endpoint = backend.endpoint("chaos-mesh");
      URI target =
          backend.localTarget(
              "k8s:pod/default/web-1;app=web",
              URI.create("tcp://127.0.0.1:" + upstream.getLocalPort()));

      JsonNode pods = get(endpoint, "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb");
      assertThat(pods.path("items")).hasSize(1);
      assertThat(pods.path("items").get(0).path("metadata").path("name").asText())
          .isEqualTo("web-1");
      assertThat(target.getPort()).isPositive();
      assertThat(backend.localTargets())
          .anySatisfy(t -> assertThat(t.resource()).isEqualTo("k8s:pod/default/web-1"));
    }
  }

  private static JsonNode get(EmulatorEndpoint endpoint, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.uri().resolve(path))
                    .header("Authorization", "Bearer " + endpoint.secretAccessKey())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
