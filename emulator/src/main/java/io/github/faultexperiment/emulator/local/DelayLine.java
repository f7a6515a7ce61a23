package io.github.faultexperiment.emulator.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One direction of a TCP connection under network latency: each chunk of bytes leaves at the time
 * it arrived plus the delay, so the chunks in flight are delayed at once, as packets on a link with
 * {@code tc netem delay} are — an answer written in two chunks is late by the delay once, not
 * twice. Chunks leave in order (TCP delivers in order, so jitter never reorders them). At most
 * {@link #MAX_BYTES_IN_FLIGHT} wait, like a TCP window: a bulk transfer under latency holds the
 * sender back instead of the heap filling.
 */
final class DelayLine {
  private static final int MAX_BYTES_IN_FLIGHT = 4 << 20;
  // Waits are re-checked at least this often, so a closed connection never leaves a thread waiting.
  private static final long RECHECK_NANOS = Duration.ofMillis(200).toNanos();

  private final SocketChannel to;
  private final BooleanSupplier closed;
  private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private int bytesInFlight;
  private long lastDue;
  private boolean anyQueued;

  /** One chunk and when it leaves; {@code bytes == null} marks the end of the stream. */
  private record Chunk(long dueNanos, ByteBuffer bytes) {}

  /**
   * A line writing to {@code to}; {@link #run} writes, on a thread of its own.
   *
   * @param closed whether the connection ended: then the line stops
   */
  DelayLine(SocketChannel to, BooleanSupplier closed) {
    this.to = to;
    this.closed = closed;
  }

  /**
   * Queues what remains in {@code data} (copied; {@code data} is left empty) to leave at {@code
   * dueNanos} ({@link System#nanoTime()}), or after the chunk before it. Waits while the line is
   * full.
   *
   * @return false when the connection ended while waiting
   */
  synchronized boolean send(ByteBuffer data, long dueNanos) throws InterruptedException {
    while (bytesInFlight > 0 && bytesInFlight + data.remaining() > MAX_BYTES_IN_FLIGHT) {
      if (closed.getAsBoolean()) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, RECHECK_NANOS);
    }
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data).flip();
    bytesInFlight += copy.remaining();
    queue.add(new Chunk(due(dueNanos), copy));
    notifyAll();
    return true;
  }

  /** Queues the end of the stream, after every chunk queued so far. */
  synchronized void end() {
    queue.add(new Chunk(due(System.nanoTime()), null));
    notifyAll();
  }

  /**
   * Writes each chunk when it is due, until the end of the stream (then shuts the output down, so
   * the other side reads end of stream) or until the connection ends.
   *
   * @return true when the end of the stream was written, false when the connection ended first
   * @throws IOException when the connection fails
   */
  boolean run() throws IOException, InterruptedException {
    while (true) {
      Chunk chunk = next();
      if (chunk == null) {
        return false;
      }
      if (chunk.bytes() == null) {
        to.shutdownOutput();
        return true;
      }
      while (chunk.bytes().hasRemaining()) {
        to.write(chunk.bytes());
      }
      synchronized (this) {
        bytesInFlight -= chunk.bytes().capacity();
        notifyAll();
      }
    }
  }

  /** The next chunk once it is due, or {@code null} when the connection ended while waiting. */
  private synchronized Chunk next() throws InterruptedException {
    while (true) {
      if (closed.getAsBoolean()) {
        return null;
      }
      Chunk head = queue.peek();
      long wait = head == null ? RECHECK_NANOS : head.dueNanos() - System.nanoTime();
      if (head != null && wait <= 0) {
        return queue.poll();
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(wait, RECHECK_NANOS));
    }
  }

  private long due(long dueNanos) {
    // Compared as a difference: nanoTime values may wrap.
    if (!anyQueued || dueNanos - lastDue > 0) {
      lastDue = dueNanos;
      anyQueued = true;
    }
    return lastDue;
  }
}
