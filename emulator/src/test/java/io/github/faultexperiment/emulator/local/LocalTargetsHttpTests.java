package io.github.faultexperiment.emulator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.faultexperiment.emulator.FaultEmulator;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Local targets registered over HTTP")
class LocalTargetsHttpTests {
  private static final String ORDERS = TcpLocalTargetTests.ORDERS;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final EchoUpstream upstream = new EchoUpstream();
  private final FaultEmulator emulator = FaultEmulator.builder().start();

  @AfterEach
  void close() {
    emulator.close();
    upstream.close();
  }

  @Test
  void registersListsAndRemovesATcpTarget() throws Exception {
    HttpResponse<String> created =
        post("{\"resource\": \"" + ORDERS + "\", \"upstream\": \"" + upstream.uri() + "\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode target = json.readTree(created.body());
    String address = target.path("address").asText();
    assertThat(address).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(target.path("uri").asText()).isEqualTo("tcp://" + address);
    assertThat(target.path("type").asText()).isEqualTo("aws:rds:cluster");
    int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write('x');
      assertThat(socket.getInputStream().read()).isEqualTo('x');
    }

    JsonNode listed = json.readTree(send("GET", "", null).body());
    assertThat(listed.at("/localTargets/0/resource").asText()).isEqualTo(ORDERS);
    assertThat(listed.at("/localTargets/0/counters/requests").asLong()).isEqualTo(1);

    HttpResponse<String> removed =
        send("DELETE", "?resource=" + URLEncoder.encode(ORDERS, StandardCharsets.UTF_8), null);
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
    assertThat(
            send("DELETE", "?resource=" + URLEncoder.encode(ORDERS, StandardCharsets.UTF_8), null)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void answersBadRegistrationsWithAMessageNamingTheInput() throws Exception {
    post("{\"resource\": \"" + ORDERS + "\", \"upstream\": \"" + upstream.uri() + "\"}");

    HttpResponse<String> twice =
        post("{\"resource\": \"" + ORDERS + "\", \"upstream\": \"tcp://127.0.0.1:9\"}");
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(message(twice))
        .contains(ORDERS)
        .contains("already registered in front of " + upstream.uri());

    HttpResponse<String> malformed =
        post("{\"resource\": \"arn:aws:rds:orders\", \"upstream\": \"" + upstream.uri() + "\"}");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(message(malformed))
        .startsWith("resource 'arn:aws:rds:orders' is not an ARN or Google resource name")
        .contains("projects/P/instances/NAME");

    int closed;
    try (ServerSocket free = new ServerSocket(0)) {
      closed = free.getLocalPort();
    }
    HttpResponse<String> unreachable =
        post(
            "{\"resource\": \"projects/p/instances/orders-db\", \"upstream\":"
                + " \"tcp://127.0.0.1:"
                + closed
                + "\"}");
    assertThat(unreachable.statusCode()).isEqualTo(400);
    assertThat(message(unreachable))
        .startsWith("upstream tcp://127.0.0.1:" + closed + " cannot be reached");

    HttpResponse<String> missing = post("{\"resource\": \"" + ORDERS + "\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(message(missing)).contains("upstream (tcp://HOST:PORT or http://HOST:PORT)");

    HttpResponse<String> notJson = post("orders");
    assertThat(notJson.statusCode()).isEqualTo(400);

    for (String port : List.of("70000", "\"5432a\"", "5432.5", "-1")) {
      HttpResponse<String> badPort =
          post(
              "{\"resource\": \"projects/p/instances/orders-db\", \"upstream\": \""
                  + upstream.uri()
                  + "\", \"port\": "
                  + port
                  + "}");
      assertThat(badPort.statusCode()).as(port).isEqualTo(400);
      assertThat(message(badPort))
          .as(port)
          .startsWith("port must be the resource's cloud port, 1 to 65535, or 0 for any; was ");
    }
    // Nothing was left registered by the refused requests.
    assertThat(emulator.localTargets().all())
        .extracting(LocalTarget::resource)
        .containsOnly(ORDERS);
  }

  @Test
  void setsTheRecoveryWindowsOverHttp() throws Exception {
    HttpResponse<String> set = send("PUT", "/timings", "{\"failover\": \"PT0.5S\"}");

    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(json.readTree(set.body()).path("failover").asText()).isEqualTo("PT0.5S");
    assertThat(emulator.localTargets().timings().failover()).isEqualTo(Duration.ofMillis(500));
    assertThat(emulator.localTargets().timings().reboot()).isEqualTo(Duration.ofSeconds(2));
    HttpResponse<String> bad = send("PUT", "/timings", "{\"reboot\": \"soon\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(message(bad))
        .isEqualTo("reboot must be an ISO-8601 duration such as PT30S, was 'soon'");
    HttpResponse<String> negative = send("PUT", "/timings", "{\"replacement\": \"-PT1S\"}");
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(message(negative))
        .isEqualTo("replacement must be a zero or positive duration, was PT-1S");
    assertThat(emulator.localTargets().timings().replacement()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void previewsWhereAnActionWouldReach() throws Exception {
    post("{\"resource\": \"" + ORDERS + "\", \"upstream\": \"" + upstream.uri() + "\"}");

    HttpResponse<String> reached =
        send(
            "POST",
            "/preview",
            "{\"actionType\": \"aws:rds:failover-db-cluster\", \"targets\": [\"" + ORDERS + "\"]}");
    HttpResponse<String> unreached =
        send(
            "POST",
            "/preview",
            "{\"actionType\": \"cloudSqlFailover\", \"parameters\": {\"instance\":"
                + " \"projects/p/instances/other\"}, \"targets\": [\"projects/p/instances/other\"]}");

    assertThat(reached.statusCode()).as(reached.body()).isEqualTo(200);
    assertThat(json.readTree(reached.body()).path("status").asText()).isEqualTo("REACHED");
    assertThat(json.readTree(reached.body()).at("/localTargets/0").asText()).isEqualTo(ORDERS);
    assertThat(json.readTree(unreached.body()).path("status").asText()).isEqualTo("UNREACHED");
    assertThat(json.readTree(unreached.body()).path("api").asText()).isEqualTo("faulttesting");
    assertThat(send("POST", "/preview", "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void registersFromTheCommandLineShape() {
    LocalTarget target =
        emulator.localTargets().register("projects/p/instances/orders-db=" + upstream.uri());

    assertThat(target.type()).isEqualTo("sqladmin.instances");
    assertThat(target.upstream()).isEqualTo(upstream.uri());
    assertThat(
            emulator
                .localTargets()
                .find("//sqladmin.googleapis.com/projects/p/instances/orders-db"))
        .contains(target);
  }

  private String message(HttpResponse<String> response) throws IOException {
    return json.readTree(response.body()).path("message").asText();
  }

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return send("POST", "", body);
  }

  private HttpResponse<String> send(String method, String query, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/local-targets" + query))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
