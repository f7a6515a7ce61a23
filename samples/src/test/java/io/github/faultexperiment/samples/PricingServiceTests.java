package io.github.faultexperiment.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PricingServiceTests {
  private final PricingService pricing =
      PricingService.start(Map.of("book-1", new BigDecimal("12.50")));
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    pricing.close();
  }

  @Test
  void answersThePriceOfAKnownSkuAsJson() throws Exception {
    HttpResponse<String> response = get("/prices/book-1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"sku\":\"book-1\",\"amount\":12.50}");
  }

  @Test
  void answersNotFoundForAnUnknownSku() throws Exception {
    assertThat(get("/prices/unknown").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(pricing.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
