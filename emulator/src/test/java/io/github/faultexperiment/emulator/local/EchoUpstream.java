package io.github.faultexperiment.emulator.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/** A TCP upstream for local-target tests: echoes every byte back on each connection. */
public final class EchoUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  public EchoUpstream() {
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor.execute(this::accept);
  }

  public URI uri() {
    return URI.create("tcp://127.0.0.1:" + server.getLocalPort());
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        echoOnItsOwnThread(socket);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void echoOnItsOwnThread(Socket socket) throws IOException {
    try {
      executor.execute(() -> echo(socket));
    } catch (RejectedExecutionException e) {
      // The test closed the upstream between accepting this connection and serving it.
      socket.close();
    }
  }

  private static void echo(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // The test's client went away: nothing to echo to.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing a test server: nothing to do about it.
    }
    executor.shutdownNow();
  }
}
