package io.github.faultexperiment.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import org.apiguardian.api.API;

/**
 * Where the embedded emulator answers both services' APIs, and the credentials it accepts.
 *
 * @param uri the emulator's base URL, e.g. {@code http://127.0.0.1:41234}
 * @param accessKeyId the access key id it verifies signatures with
 * @param secretAccessKey the secret key it verifies signatures with
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EmulatorEndpoint(URI uri, String accessKeyId, String secretAccessKey) {
  @Override
  public String toString() {
    return "EmulatorEndpoint[" + uri + "]";
  }
}
