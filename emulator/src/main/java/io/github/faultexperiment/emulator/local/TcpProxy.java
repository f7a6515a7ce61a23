package io.github.faultexperiment.emulator.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A loopback TCP proxy: every accepted connection is joined to a new connection to the upstream and
 * bytes are copied both ways, each direction on its own thread (blocking sockets keep the added
 * latency to a thread hand-off, well under the 0.2 ms, with no selector loop).
 *
 * <p>The active faults are consulted per connection and per chunk of bytes, and only when some are
 * switched on: a target without faults copies at full speed. While the resource is down the proxy
 * still accepts, and resets each new connection at once (RST), so the application's first read or
 * write fails with a reset. A closed listener would have the kernel refuse it instead, but a
 * refusal never reaches the proxy: the attempt could not be counted, and an application whose only
 * traffic during an outage was attempts to reconnect would look as if it never used the target.
 */
final class TcpProxy implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TcpProxy.class.getName());
  private static final int BUFFER = 64 * 1024;
  // A relay's throughput is bound by its system calls per byte: with 1 MiB chunks a bulk transfer
  // runs as fast as the simplest relay, with 64 KiB at 60-80 % of it (ProxyBenchmark). Only
  // a connection that fills its buffer gets the large one, so request/response traffic, which
  // never does, keeps 64 KiB of direct memory per direction.
  private static final int BULK_BUFFER = 1 << 20;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  // Waits are re-checked at least this often, so a closed target never leaves a thread waiting.
  private static final Duration RECHECK = Duration.ofMillis(200);

  private final String resource;
  private final Supplier<InetSocketAddress> upstream;
  private final ActiveFaults faults;
  private final Traffic traffic;
  private final int cloudPort;
  private final int port;
  private final ExecutorService executor;
  private final Set<Joined> open = ConcurrentHashMap.newKeySet();
  private final ServerSocketChannel listener;
  private volatile boolean closed;

  /**
   * Binds a free loopback port and starts accepting.
   *
   * @param cloudPort the port the resource serves on in the cloud, matched by blackhole-port
   *     actions; {@code 0} when unknown (every such action applies)
   */
  TcpProxy(
      String resource,
      Supplier<InetSocketAddress> upstream,
      ActiveFaults faults,
      Traffic traffic,
      int cloudPort) {
    this.resource = resource;
    this.upstream = upstream;
    this.faults = faults;
    this.traffic = traffic;
    this.cloudPort = cloudPort;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "local-target tcp " + resource);
              thread.setDaemon(true);
              return thread;
            });
    ServerSocketChannel socket = null;
    try {
      socket = ServerSocketChannel.open();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      this.port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
    } catch (IOException e) {
      closeQuietly(socket);
      executor.shutdownNow();
      throw new UncheckedIOException("Could not bind a loopback port for " + resource, e);
    }
    this.listener = socket;
    executor.execute(this::accept);
  }

  int port() {
    return port;
  }

  /**
   * Brings the proxy in line with the faults: an outage resets every open connection (new ones are
   * reset as they are accepted).
   */
  synchronized void reconcile() {
    if (closed || faults.down() == null) {
      return;
    }
    // The outage meets every open connection, opened before its experiment or not.
    Set<String> experiments = faults.experiments();
    open.forEach(
        joined -> {
          joined.tally.join(experiments);
          joined.reset();
        });
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeQuietly(listener);
    open.forEach(Joined::close);
    executor.shutdownNow();
  }

  private void accept() {
    while (listener.isOpen()) {
      SocketChannel client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // the target closed
      }
      if (faults.down() != null) {
        // The resource is down: the attempt meets the outage and fails at once. Reset here rather
        // than on a pooled thread, so a client retrying in a tight loop costs no thread each.
        Joined refused = new Joined(client, traffic.arrive(faults.experiments()));
        refused.tally.aborted();
        refused.reset();
        continue;
      }
      try {
        executor.execute(() -> serve(client));
      } catch (RuntimeException e) {
        closeQuietly(client); // the target closed in between
      }
    }
  }

  private void serve(SocketChannel client) {
    Traffic.Tally tally = traffic.arrive(faults.experiments());
    Joined joined = new Joined(client, tally);
    open.add(joined);
    try {
      client.setOption(StandardSocketOptions.TCP_NODELAY, true);
      // Larger kernel buffers mean fewer wake-ups per byte on a bulk transfer (measured ~10 %).
      client.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
      if (!faults.isEmpty() && !admit(joined)) {
        return;
      }
      SocketChannel server = SocketChannel.open();
      try {
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        server.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        server.socket().connect(upstream.get(), (int) CONNECT_TIMEOUT.toMillis());
      } catch (IOException e) {
        // The client feels an unreachable upstream as a reset, as it would the real resource.
        tally.upstreamFailure();
        LOG.log(System.Logger.Level.DEBUG, resource + " could not reach " + upstream.get(), e);
        joined.reset();
        closeQuietly(server);
        return;
      }
      joined.server = server;
      if (joined.isClosed()) {
        closeQuietly(server);
        return;
      }
      tally.passed();
      executor.execute(() -> pump(joined, server, client, true));
      pump(joined, client, server, false);
    } catch (IOException | RuntimeException e) {
      joined.close();
    }
  }

  /** Applies the connection-level faults; false when the connection must not go on. */
  private boolean admit(Joined joined) {
    if (faults.down() != null || faults.refusesNextConnection()) {
      joined.tally.aborted();
      joined.reset();
      return false;
    }
    Duration stall = faults.connectStall();
    boolean delayed = !stall.isZero();
    if (delayed && !sleep(stall, joined)) {
      return false;
    }
    while (faults.silent(cloudPort)) {
      delayed = true;
      if (!awaitChange(joined)) {
        return false;
      }
    }
    if (delayed) {
      joined.delayed();
    }
    return !joined.isClosed();
  }

  /** Copies one direction until end of stream, applying chunk faults while any are on. */
  private void pump(Joined joined, SocketChannel from, SocketChannel to, boolean towardsClient) {
    // Direct: the bytes go from one socket to the other without a copy through the Java heap.
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    // Made when latency first holds a chunk back; from then on every chunk goes through it, so
    // none overtakes a delayed one.
    DelayLine line = null;
    try {
      InputStream arrived = from.socket().getInputStream();
      while (from.read(buffer) >= 0) {
        long arrivedNanos = System.nanoTime();
        readWhatHasArrived(from, arrived, buffer);
        boolean filled = !buffer.hasRemaining();
        buffer.flip();
        long due = arrivedNanos;
        if (!faults.isEmpty()) {
          // Bytes crossing the target while a fault is on: the experiment's fault met this
          // connection, even one opened before it started.
          joined.tally.join(faults.experiments());
          boolean delayed = false;
          while (faults.silent(cloudPort)) {
            delayed = true;
            if (!awaitChange(joined)) {
              return;
            }
          }
          Duration stall = faults.lossStall();
          if (!stall.isZero()) {
            delayed = true;
            if (!sleep(stall, joined)) {
              return;
            }
          }
          Duration latency = towardsClient ? faults.latency() : Duration.ZERO;
          if (!latency.isZero()) {
            delayed = true;
            due = arrivedNanos + latency.toNanos();
            if (line == null) {
              line = startLine(joined, to);
            }
          }
          if (delayed) {
            joined.delayed();
          }
        }
        if (line == null) {
          while (buffer.hasRemaining()) {
            to.write(buffer);
          }
        } else if (!line.send(buffer, due)) {
          return;
        }
        buffer =
            filled && buffer.capacity() < BULK_BUFFER
                ? ByteBuffer.allocateDirect(BULK_BUFFER)
                : buffer.clear();
      }
      if (line == null) {
        to.shutdownOutput();
        joined.directionDone();
      } else {
        line.end();
      }
    } catch (IOException e) {
      joined.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      joined.close();
    }
  }

  /** Starts writing one direction through a delay line, on a thread of its own. */
  private DelayLine startLine(Joined joined, SocketChannel to) {
    DelayLine line = new DelayLine(to, () -> joined.isClosed() || closed);
    executor.execute(
        () -> {
          try {
            if (line.run()) {
              joined.directionDone();
            }
          } catch (IOException e) {
            joined.close();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            joined.close();
          }
        });
    return line;
  }

  /**
   * Reads on while bytes are already waiting, so they go out in the same write: fewer, larger
   * writes keep a bulk transfer's two connections busier (~5 % more throughput, ProxyBenchmark),
   * and a request waits for nothing that has not arrived. End of stream is left to the next read.
   */
  private static void readWhatHasArrived(SocketChannel from, InputStream arrived, ByteBuffer buffer)
      throws IOException {
    while (buffer.hasRemaining() && arrived.available() > 0) {
      if (from.read(buffer) <= 0) {
        return;
      }
    }
  }

  private boolean awaitChange(Joined joined) {
    try {
      faults.awaitChange(RECHECK);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !joined.isClosed() && !closed;
  }

  private boolean sleep(Duration stall, Joined joined) {
    try {
      Thread.sleep(stall.toMillis(), stall.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !joined.isClosed() && !closed;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      // Closing is best effort: the socket is being abandoned either way.
    }
  }

  /** A client connection and, once joined, its upstream connection. */
  private final class Joined {
    private final SocketChannel client;
    private final Traffic.Tally tally;
    private final AtomicInteger directionsDone = new AtomicInteger();
    private volatile SocketChannel server;
    private volatile boolean ended;

    Joined(SocketChannel client, Traffic.Tally tally) {
      this.client = client;
      this.tally = tally;
    }

    boolean isClosed() {
      return ended;
    }

    /** Counts the connection as delayed, once, whichever direction or stage held it. */
    void delayed() {
      tally.delayed();
    }

    /** Both directions reached end of stream: the connection ended cleanly. */
    void directionDone() {
      if (directionsDone.incrementAndGet() == 2) {
        close();
      }
    }

    /** Ends the connection with a reset (RST), as a crashed or failed-over server's host does. */
    void reset() {
      if (!ended) {
        try {
          client.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
          // Already closed: nothing to reset.
        }
        if (server != null) {
          tally.aborted();
        }
      }
      close();
    }

    void close() {
      ended = true;
      open.remove(this);
      closeQuietly(client);
      closeQuietly(server);
    }
  }
}
