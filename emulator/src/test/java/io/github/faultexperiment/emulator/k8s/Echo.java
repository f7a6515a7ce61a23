package io.github.faultexperiment.emulator.k8s;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the application behind a pod's local target does: one echoed line. */
final class Echo {
  private Echo() {}

  /**
   * Connects to {@code port}, sends a line and reads it back.
   *
   * @return how long the round trip took
   * @throws IOException when the connection is refused, reset or times out
   */
  static Duration roundTrip(int port) throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(3000);
      byte[] ping = "ping\n".getBytes(StandardCharsets.UTF_8);
      socket.getOutputStream().write(ping);
      byte[] answer = socket.getInputStream().readNBytes(ping.length);
      if (answer.length < ping.length) {
        throw new IOException("end of stream after " + answer.length + " bytes");
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
