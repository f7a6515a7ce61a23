package io.github.faultexperiment.emulator.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.http.HttpException;
import org.apache.http.HttpServerConnection;
import org.apache.http.impl.DefaultBHttpServerConnectionFactory;
import org.apache.http.impl.DefaultConnectionReuseStrategy;
import org.apache.http.impl.DefaultHttpResponseFactory;
import org.apache.http.protocol.BasicHttpContext;
import org.apache.http.protocol.HttpProcessorBuilder;
import org.apache.http.protocol.HttpService;
import org.apache.http.protocol.ResponseConnControl;
import org.apache.http.protocol.ResponseContent;
import org.apache.http.protocol.ResponseDate;
import org.apache.http.protocol.UriHttpRequestHandlerMapper;

/**
 * A loopback HTTP server whose every request goes through a {@link ProxyHandler}.
 *
 * <p>Each connection is served on its own thread with blocking sockets (Apache HttpCore's classic
 * {@link HttpService}): the thread that reads a request forwards it and writes the answer, so a
 * request costs no hand-off between threads and no selector round trip. The JDK's {@code
 * HttpServer} took about twice the time here: a selector thread hands every request to a worker,
 * re-registers the connection after it, and writes headers and body in two segments.
 */
final class HttpProxy implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HttpProxy.class.getName());
  // The JDK server's idle time: a client that keeps connections it never uses does not hold a
  // thread each for ever.
  private static final int IDLE_MILLIS = 30_000;

  private final String resource;
  private final HttpService service;
  private final ServerSocket listener;
  // Delayed requests each hold a thread while they wait, so the pool must grow with them.
  private final ExecutorService executor;
  private final Set<HttpServerConnection> open = ConcurrentHashMap.newKeySet();

  HttpProxy(String resource, ProxyHandler handler) {
    this.resource = resource;
    UriHttpRequestHandlerMapper handlers = new UriHttpRequestHandlerMapper();
    handlers.register("*", handler);
    this.service =
        new HttpService(
            HttpProcessorBuilder.create()
                .add(new ResponseDate())
                .add(new ResponseContent())
                .add(new ResponseConnControl())
                .build(),
            DefaultConnectionReuseStrategy.INSTANCE,
            DefaultHttpResponseFactory.INSTANCE,
            handlers);
    try {
      this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not bind a loopback port for " + resource, e);
    }
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "local-target " + resource);
              thread.setDaemon(true);
              return thread;
            });
    executor.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() {
    closeQuietly(listener);
    open.forEach(
        connection -> {
          try {
            // Not close(): that would flush from this thread while the connection's own thread
            // writes.
            connection.shutdown();
          } catch (IOException e) {
            // Already gone.
          }
        });
    // Interrupts delayed requests, which drop their exchange.
    executor.shutdownNow();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed with the target
      }
      try {
        executor.execute(() -> serve(socket));
      } catch (RuntimeException e) {
        closeQuietly(socket); // the target closed in between
      }
    }
  }

  private void serve(Socket socket) {
    HttpServerConnection connection;
    try {
      // Answers are written in one segment anyway; no delay keeps a 100 Continue or a large body
      // from waiting for the client's acknowledgement.
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(IDLE_MILLIS);
      connection = DefaultBHttpServerConnectionFactory.INSTANCE.createConnection(socket);
    } catch (IOException e) {
      closeQuietly(socket);
      return;
    }
    open.add(connection);
    try {
      while (connection.isOpen() && !listener.isClosed()) {
        service.handleRequest(connection, new BasicHttpContext());
      }
    } catch (IOException e) {
      // The client closed or stayed idle, or the target closed: the connection ends.
    } catch (HttpException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, resource + " dropped a connection", e);
    } finally {
      open.remove(connection);
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing is best effort: the socket is being abandoned either way.
    }
  }
}
