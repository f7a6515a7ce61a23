package io.github.faultexperiment.emulator.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A TCP service standing behind a pod: echoes every byte back. */
final class Echo implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  Echo() {
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor.execute(this::accept);
  }

  URI uri() {
    return URI.create("tcp://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * What the application does: connects to {@code port}, sends a line and reads it back.
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

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        executor.execute(() -> echo(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void echo(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing a test server.
    }
    executor.shutdownNow();
  }
}
