package io.github.faultexperiment;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Reads of the service that do not depend on each other, sent at once instead of one after the
 * other: an experiment's start waits for the slowest of them, not for their sum. Daemon threads,
 * created on demand and kept a minute. Not public API.
 */
final class ConcurrentReads {
  private static final ExecutorService READS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "fault-experiment-read");
            thread.setDaemon(true);
            return thread;
          });

  private ConcurrentReads() {}

  /** Sends the read on another thread; {@link #join} its answer. */
  static <T> CompletableFuture<T> send(Supplier<T> read) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return CompletableFuture.supplyAsync(
        () -> {
          Thread thread = Thread.currentThread();
          ClassLoader own = thread.getContextClassLoader();
          thread.setContextClassLoader(loader);
          try {
            return read.get();
          } finally {
            thread.setContextClassLoader(own);
          }
        },
        READS);
  }

  /** The read's answer, or what it threw, as if it had been called on this thread. */
  static <T> T join(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException | CancellationException wrapped) {
      Throwable cause = wrapped.getCause() != null ? wrapped.getCause() : wrapped;
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw wrapped;
    }
  }
}
