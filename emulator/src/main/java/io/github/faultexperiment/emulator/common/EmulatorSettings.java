package io.github.faultexperiment.emulator.common;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How an emulator was started.
 *
 * @param host the bound address
 * @param port the requested port ({@code 0}: any free port)
 * @param accessKeyId the AWS access key id requests must be signed with
 * @param secretAccessKey the matching secret
 * @param gcpBearerToken the bearer token every Fault Testing request must carry, or {@code null}
 *     for none (like Google's emulators)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EmulatorSettings(
    String host, int port, String accessKeyId, String secretAccessKey, String gcpBearerToken) {

  /** Settings without a Fault Testing bearer token. */
  public EmulatorSettings(String host, int port, String accessKeyId, String secretAccessKey) {
    this(host, port, accessKeyId, secretAccessKey, null);
  }

  @Override
  public String toString() {
    return "EmulatorSettings[host="
        + host
        + ", port="
        + port
        + ", accessKeyId="
        + accessKeyId
        + "]";
  }
}
