package io.github.faultexperiment.emulator.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A blocking client connection to a local target, as an application's driver would hold one. */
final class TcpClient implements AutoCloseable {
  private final Socket socket = new Socket();

  TcpClient(LocalTarget target, Duration readTimeout) throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", target.port()), 2000);
    socket.setSoTimeout((int) readTimeout.toMillis());
    socket.setTcpNoDelay(true);
  }

  /** Sends {@code text} and reads as many bytes back; throws on reset, timeout or end of stream. */
  String roundTrip(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    socket.getOutputStream().write(bytes);
    InputStream in = socket.getInputStream();
    byte[] answer = in.readNBytes(bytes.length);
    if (answer.length < bytes.length) {
      throw new IOException("end of stream after " + answer.length + " bytes");
    }
    return new String(answer, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
