package io.github.faultexperiment.emulator;

/**
 * How an emulator was started.
 *
 * @param host the bound address
 * @param port the requested port ({@code 0}: any free port)
 * @param accessKeyId the AWS access key id requests must be signed with
 * @param secretAccessKey the matching secret
 */
public record EmulatorSettings(String host, int port, String accessKeyId, String secretAccessKey) {
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
