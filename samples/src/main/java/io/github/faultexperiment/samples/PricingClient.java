package io.github.faultexperiment.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** One {@code GET /prices/{sku}} call to the pricing service. */
final class PricingClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI pricing;
  private final HttpClient http = HttpClient.newHttpClient();

  PricingClient(URI pricing) {
    this.pricing = pricing;
  }

  /**
   * Asks for the price of one SKU.
   *
   * @param timeout how long to wait for the answer, or {@code null} to wait as long as it takes
   * @return the price, or empty when the service does not know the SKU
   * @throws PricingException when the service cannot be reached, is too slow or fails
   */
  Optional<Price> price(String sku, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(pricing.resolve("/prices/" + sku));
    if (timeout != null) {
      request.timeout(timeout);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new PricingException("Pricing did not answer for " + sku + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PricingException("Interrupted while pricing " + sku, e);
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new PricingException("Pricing answered " + response.statusCode() + " for " + sku, null);
    }
    try {
      return Optional.of(JSON.readValue(response.body(), Price.class));
    } catch (IOException e) {
      throw new PricingException("Pricing answered an unreadable price for " + sku, e);
    }
  }
}
