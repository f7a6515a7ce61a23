package io.github.faultexperiment.emulator.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server whose every request goes through a {@link ProxyHandler}. */
final class HttpProxy implements AutoCloseable {
  private final ExecutorService executor;
  private final HttpServer server;

  HttpProxy(String resource, ProxyHandler handler) {
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not bind a loopback port for " + resource, e);
    }
    // Delayed requests each hold a thread while they wait, so the pool must grow with them.
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "local-target " + resource);
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
