package example;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The shop's price lookup: one HTTP call to the pricing service per price. */
public final class PriceClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI pricing;

  /** A client of the pricing service at {@code host:port} of {@code pricing}. */
  public PriceClient(URI pricing) {
    this.pricing = URI.create("http://" + pricing.getAuthority());
  }

  /** The price of {@code sku}; an IOException when the pricing service cannot answer. */
  public BigDecimal price(String sku) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(pricing.resolve("/prices/" + sku))
            .timeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("pricing answered " + response.statusCode());
    }
    return new BigDecimal(response.body().trim());
  }
}
